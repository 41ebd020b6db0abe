package org.amanat.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.amanat.Browser;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's sign-in at an OpenID Connect provider (authorization code flow), against a provider served here over
 * real HTTP: its discovery document, its JWKS and its token endpoint, with ID tokens minted by the test from its own
 * now. The browser's part (the provider's login page) is played by the test: it reads the state and nonce the gateway
 * sent and comes back with a code. A good ID token signs the person in with the roles of the configured claim; one
 * signed by another key, for another client, with another nonce, or a callback with another state, signs nobody in.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "amanat.delivery.enabled=false",
            "amanat.security.jwt.roles-claim=realm_access.roles",
            "amanat.security.jwt.principal-claim=preferred_username"
        })
class OidcSignInIT {
    static final String CLIENT_ID = "amanat-console";
    static final TestGateway GATEWAY =
            new TestGateway().partner("tube", "http://127.0.0.1:9/notices", AlgorithmProfile.RSA, "NONE");
    static final RSAKey PROVIDER_KEY = JwtSignInIT.rsaKey("provider-key-1");
    static final RSAKey OTHER_KEY = JwtSignInIT.rsaKey("provider-key-1"); // same key id, another key: a forger's
    static final Provider PROVIDER = new Provider();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.register(registry);
        TestDatabases.h2(registry);
        String registration = "spring.security.oauth2.client.registration.ministry.";
        registry.add(registration + "client-id", () -> CLIENT_ID);
        registry.add(registration + "client-secret", () -> "console-secret");
        registry.add(registration + "client-name", () -> "Ministry ID");
        registry.add(registration + "scope", () -> "openid");
        registry.add("spring.security.oauth2.client.provider.ministry.issuer-uri", PROVIDER::issuer);
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.server.stop(0);
    }

    @Test
    void theSignInPageOffersTheProvider() {
        assertThat(new Browser(port).get("/login").body())
                .contains("href=\"/oauth2/authorization/ministry\"", "Masuk dengan Ministry ID");
    }

    @Test
    void aGoodIdTokenSignsThePersonInWithTheRolesOfTheConfiguredClaim() {
        Browser browser = new Browser(port);

        HttpResponse<String> back = signInAtProvider(browser, claims -> claims, PROVIDER_KEY);
        HttpResponse<String> home = browser.get("/console");

        assertThat(Browser.location(back)).endsWith("/console");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body())
                .contains("Masuk sebagai officer-oidc", "Petugas (OFFICER)", "Auditor (AUDITOR)")
                .doesNotContain("(ADMIN)");
        assertThat(PROVIDER.lastTokenRequest.get())
                .as("the code is exchanged with the client's credentials")
                .contains("grant_type=authorization_code", "code=code-from-provider", "code_verifier=", "Basic ");
    }

    @Test
    void anIdTokenSignedByAnotherKeySignsNobodyIn() {
        assertRefused(claims -> claims, OTHER_KEY);
    }

    @Test
    void anIdTokenForAnotherClientSignsNobodyIn() {
        assertRefused(claims -> claims.audience("another-client"), PROVIDER_KEY);
    }

    @Test
    void anIdTokenWithAnotherNonceSignsNobodyIn() {
        assertRefused(claims -> claims.claim("nonce", "replayed-nonce"), PROVIDER_KEY);
    }

    @Test
    void anExpiredIdTokenSignsNobodyIn() {
        Instant now = Instant.now();
        assertRefused(
                claims -> claims.issueTime(Date.from(now.minus(Duration.ofHours(2))))
                        .expirationTime(Date.from(now.minus(Duration.ofHours(1)))),
                PROVIDER_KEY);
    }

    @Test
    void anIdTokenThatNamesNoPersonSignsNobodyIn() {
        assertRefused(claims -> claims.claim("preferred_username", "officer oidc\nforged"), PROVIDER_KEY);
    }

    @Test
    void aCallbackWithAnotherStateSignsNobodyIn() {
        Browser browser = new Browser(port);
        Map<String, String> asked = authorizationRequest(browser);
        PROVIDER.nextIdToken.set(idToken(claims -> claims, PROVIDER_KEY, asked.get("nonce")));

        HttpResponse<String> back =
                browser.get(asked.get("redirect_uri") + "?code=code-from-provider&state=forged-state");

        assertThat(Browser.location(back)).endsWith("/login?failed");
        assertThat(browser.get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void aPersonWithoutARoleIsSignedInButRefusedThePages() {
        Browser browser = new Browser(port);

        signInAtProvider(
                browser,
                claims -> claims.claim("realm_access", Map.of("roles", List.of("offline_access"))),
                PROVIDER_KEY);

        assertThat(browser.get("/console").statusCode()).isEqualTo(403);
    }

    private void assertRefused(UnaryOperator<JWTClaimsSet.Builder> change, RSAKey key) {
        Browser browser = new Browser(port);

        HttpResponse<String> back = signInAtProvider(browser, change, key);

        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(Browser.location(back)).endsWith("/login?failed");
        assertThat(browser.get("/console").statusCode()).isEqualTo(302);
    }

    /** Starts the sign-in, plays the provider's login page, and returns the gateway's answer to the provider's redirect. */
    private HttpResponse<String> signInAtProvider(
            Browser browser, UnaryOperator<JWTClaimsSet.Builder> change, RSAKey key) {
        Map<String, String> asked = authorizationRequest(browser);
        PROVIDER.nextIdToken.set(idToken(change, key, asked.get("nonce")));
        return browser.get(asked.get("redirect_uri") + "?code=code-from-provider&state="
                + java.net.URLEncoder.encode(asked.get("state"), StandardCharsets.UTF_8));
    }

    /** The query of the gateway's redirect to the provider's authorization endpoint. */
    private Map<String, String> authorizationRequest(Browser browser) {
        HttpResponse<String> start = browser.get("/oauth2/authorization/ministry");
        assertThat(start.statusCode()).isEqualTo(302);
        URI authorize = URI.create(Browser.location(start));
        assertThat(authorize.toString()).startsWith(PROVIDER.issuer() + "/authorize?");
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : authorize.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            query.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        assertThat(query)
                .containsEntry("client_id", CLIENT_ID)
                .containsEntry("response_type", "code")
                .containsEntry("code_challenge_method", "S256")
                .containsKeys("state", "nonce", "code_challenge");
        return query;
    }

    private static String idToken(UnaryOperator<JWTClaimsSet.Builder> change, RSAKey key, String nonce) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(PROVIDER.issuer())
                .audience(CLIENT_ID)
                .subject("3f1c9d2e-officer")
                .claim("preferred_username", "officer-oidc")
                .claim("nonce", nonce)
                .claim("realm_access", Map.of("roles", List.of("OFFICER", "AUDITOR", "offline_access")))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    change.apply(claims).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The provider's endpoints the gateway calls itself: discovery (at start-up), JWKS and token. */
    static final class Provider {
        final HttpServer server;
        final AtomicReference<String> nextIdToken = new AtomicReference<>();
        final AtomicReference<String> lastTokenRequest = new AtomicReference<>();

        Provider() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext(
                    "/realms/amanat/.well-known/openid-configuration",
                    exchange -> answer(exchange, """
                    {"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
                     "jwks_uri":"%1$s/certs","response_types_supported":["code"],"subject_types_supported":["public"],
                     "id_token_signing_alg_values_supported":["RS256"]}""".formatted(issuer())));
            server.createContext(
                    "/realms/amanat/certs",
                    exchange -> answer(exchange, new JWKSet(PROVIDER_KEY.toPublicJWK()).toString()));
            server.createContext("/realms/amanat/token", exchange -> {
                lastTokenRequest.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                        + Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))
                                .orElse(""));
                answer(exchange, """
                        {"access_token":"opaque-access-token","token_type":"Bearer","expires_in":300,"id_token":"%s"}""".formatted(nextIdToken.get()));
            });
            server.start();
        }

        String issuer() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/amanat";
        }

        private static void answer(HttpExchange exchange, String json) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }
    }
}
