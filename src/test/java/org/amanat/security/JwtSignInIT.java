package org.amanat.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.amanat.Api;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bearer tokens against a real JWKS served over HTTP by a local server, minted here with nimbus-jose-jwt, their times
 * made from the test's own now: a good one issues a notice in the person's name; an expired one, one not yet valid,
 * another issuer's, another audience's, an unsigned one, one signed by another key and one without an expiry are
 * each refused with 401, one without a role with 403, and none of them changes the ledger.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "amanat.delivery.enabled=false")
class JwtSignInIT {
    static final String ISSUER = "https://id.ministry.test/realms/amanat";
    static final String AUDIENCE = "amanat-gateway";
    static final TestGateway GATEWAY =
            new TestGateway().partner("tube", "http://127.0.0.1:9/notices", AlgorithmProfile.RSA, "NONE");
    static final RSAKey PROVIDER_KEY = rsaKey("provider-key-1");
    static final RSAKey OTHER_KEY = rsaKey("provider-key-1"); // same key id, another key: a forger's
    static final WireMockServer PROVIDER = new WireMockServer(options().dynamicPort());

    static {
        PROVIDER.start();
        PROVIDER.stubFor(get("/realms/amanat/protocol/openid-connect/certs")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(new JWKSet(PROVIDER_KEY.toPublicJWK()).toString())));
    }

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.register(registry);
        TestDatabases.h2(registry);
        registry.add("amanat.security.jwt.issuer", () -> ISSUER);
        registry.add(
                "amanat.security.jwt.jwk-set-uri",
                () -> PROVIDER.baseUrl() + "/realms/amanat/protocol/openid-connect/certs");
        registry.add("amanat.security.jwt.audience", () -> AUDIENCE);
        registry.add("amanat.security.jwt.roles-claim", () -> "realm_access.roles");
        registry.add("amanat.security.jwt.principal-claim", () -> "preferred_username");
    }

    @AfterAll
    static void stop() {
        PROVIDER.stop();
    }

    @Test
    void aGoodTokenIssuesANoticeInThePersonsName() {
        HttpResponse<String> response =
                bearer(sign(PROVIDER_KEY, claims(c -> c))).postNotice(Api.validNotice("tube"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode notice = Api.json(response);
        assertThat(notice.at("/notice/issuer/officerId").asText()).isEqualTo("officer-oidc-7");
        assertThat(notice.at("/history/0/actor").asText()).isEqualTo("officer-oidc-7");
    }

    @Test
    void refusesTokensThatAreNotGoodWith401AndChangesNothing() throws Exception {
        Instant now = Instant.now();
        long before = ledgerRows();
        var refused = List.of(
                sign(
                        PROVIDER_KEY,
                        claims(c -> c.issueTime(Date.from(now.minus(Duration.ofHours(2))))
                                .expirationTime(Date.from(now.minus(Duration.ofMinutes(10)))))),
                sign(PROVIDER_KEY, claims(c -> c.notBeforeTime(Date.from(now.plus(Duration.ofMinutes(10)))))),
                sign(PROVIDER_KEY, claims(c -> c.issuer("https://id.elsewhere.test/realms/amanat"))),
                sign(PROVIDER_KEY, claims(c -> c.audience("another-client"))),
                new PlainJWT(claims(c -> c)).serialize(),
                sign(OTHER_KEY, claims(c -> c)),
                sign(PROVIDER_KEY, claims(c -> c.expirationTime(null))),
                sign(PROVIDER_KEY, claims(c -> c.claim("preferred_username", "officer 7\u202e"))),
                "not-a-token");
        List<String> names = List.of(
                "expired",
                "not yet valid",
                "wrong issuer",
                "wrong audience",
                "unsigned (alg none)",
                "signed by another key",
                "no expiry",
                "a name that is no identifier",
                "not a JWT");

        for (int i = 0; i < refused.size(); i++) {
            HttpResponse<String> response = bearer(refused.get(i)).postNotice(Api.validNotice("tube"));
            assertThat(response.statusCode())
                    .as(names.get(i) + ": " + response.body())
                    .isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().allValues("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
        }
        assertThat(ledgerRows()).as("ledger unchanged").isEqualTo(before);
    }

    @Test
    void aTokenWithoutARoleIsSignedInButAllowedNothing() {
        long before = ledgerRows();
        String noRoles = sign(
                PROVIDER_KEY,
                claims(c -> c.claim("realm_access", java.util.Map.of("roles", List.of("offline_access")))));
        String noClaim = sign(PROVIDER_KEY, claims(c -> c.claim("realm_access", null)));

        for (String token : List.of(noRoles, noClaim)) {
            HttpResponse<String> response = bearer(token).postNotice(Api.validNotice("tube"));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
            assertThat(bearer(token).get("/api/v1/notices").statusCode()).isEqualTo(403);
        }
        assertThat(ledgerRows()).isEqualTo(before);
    }

    @Test
    void aComplianceTokenReadsReportsButIssuesNothing() {
        String compliance = sign(
                PROVIDER_KEY, claims(c -> c.claim("realm_access", java.util.Map.of("roles", List.of("COMPLIANCE")))));

        assertThat(bearer(compliance).get("/api/v1/compliance/breaches").statusCode())
                .isEqualTo(200);
        assertThat(bearer(compliance).postNotice(Api.validNotice("tube")).statusCode())
                .isEqualTo(403);
    }

    /** Valid now: issued a minute ago, for five minutes, by the provider for this gateway, to an officer. */
    private static JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE, "account"))
                .subject("5b1f0c7e-0d1c-4c43-9f1e-2a9d3c1f0e77")
                .claim("preferred_username", "officer-oidc-7")
                .issueTime(Date.from(now.minus(Duration.ofMinutes(1))))
                .notBeforeTime(Date.from(now.minus(Duration.ofMinutes(1))))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("realm_access", java.util.Map.of("roles", List.of("OFFICER", "offline_access")));
        return change.apply(claims).build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey rsaKey(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private Api bearer(String token) {
        return new Api(port).withAuthorization("Bearer " + token);
    }

    private long ledgerRows() {
        return List.of("notice", "outbox", "notice_event", "delivery_attempt").stream()
                .mapToLong(table -> jdbc.sql("select count(*) from " + table)
                        .query(Long.class)
                        .single())
                .sum();
    }
}
