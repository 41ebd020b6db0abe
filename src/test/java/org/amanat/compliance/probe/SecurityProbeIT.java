package org.amanat.compliance.probe;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.amanat.Api;
import org.amanat.PartnerSimulator;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.Pki;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.Pki.Usage;
import org.amanat.protocol.SigningIdentity;
import org.amanat.protocol.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The security probe against real endpoints and real messages: local HTTPS servers presenting an
 * expired certificate (then a renewed one) and one expiring within the warning window, a partner
 * registered with an RSA-2048 signing certificate, and a partner whose receipts are signed with SHA-1.
 * Each must be a finding of the right severity, and a fixed problem must close its finding.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "amanat.compliance.probe.algorithm-lookback=5s",
            "amanat.compliance.probe.interval=1h",
            "amanat.compliance.probe.first-delay=1h"
        })
class SecurityProbeIT {
    static final Instant NOW = Instant.now();
    static final WireMockServer PARTNERS =
            new WireMockServer(options().dynamicPort().extensions(new PartnerSimulator()));
    static final SwappableTlsServer RENEWING =
            tlsServer(server("renewing", NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(2))));
    static final SwappableTlsServer EXPIRING =
            tlsServer(server("expiring", NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(10))));
    static final TestGateway GATEWAY;

    static {
        PARTNERS.start();
        PARTNERS.stubFor(post(urlEqualTo("/sha1")).willReturn(PartnerSimulator.receipt("sha1", "EC", "SHA1")));
        GATEWAY = new TestGateway()
                .partner("renewing", RENEWING.endpoint().toString(), AlgorithmProfile.EC, "SERVER")
                .partner("expiring", EXPIRING.endpoint().toString(), AlgorithmProfile.EC, "SERVER")
                .partner("sha1", "http://localhost:" + PARTNERS.port() + "/sha1", AlgorithmProfile.EC, "NONE");
        weakKeyPartner();
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.register(registry);
        TestDatabases.h2(registry);
    }

    @AfterAll
    static void stop() throws IOException {
        RENEWING.close();
        EXPIRING.close();
        PARTNERS.stop();
    }

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void expiredServerCertificateIsACriticalFindingThatClosesOnceRenewed() {
        assertThat(probe("renewing"))
                .extracting(
                        f -> f.get("check").asText() + " " + f.get("severity").asText())
                .containsExactly("certificate.expired CRITICAL");

        RENEWING.present(server("renewed", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(300))));

        assertThat(probe("renewing")).isEmpty();
        JsonNode all = Api.json(api().as(Api.COMPLIANCE).get("/api/v1/compliance/findings?partner=renewing"));
        assertThat(all).singleElement().satisfies(finding -> {
            assertThat(finding.get("check").asText()).isEqualTo("certificate.expired");
            assertThat(finding.get("closedAt").isNull()).isFalse();
        });
    }

    @Test
    void certificateExpiringWithinTheWarningWindowIsAMediumFinding() {
        List<JsonNode> findings = probe("expiring");

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.get("check").asText()).isEqualTo("certificate.expiring");
            assertThat(finding.get("severity").asText()).isEqualTo("MEDIUM");
            assertThat(finding.get("subject").asText()).startsWith("TLS server certificate");
            assertThat(finding.get("detail").asText()).contains("in 9 days", "expires");
        });
    }

    @Test
    void rsa2048SigningCertificateIsAWeakKeyFinding() {
        List<JsonNode> findings = probe("weakkey");

        assertThat(findings).anySatisfy(finding -> {
            assertThat(finding.get("check").asText()).isEqualTo("certificate.weak-key");
            assertThat(finding.get("severity").asText()).isEqualTo("MEDIUM");
            assertThat(finding.get("subject").asText()).startsWith("signing certificate");
        });
        // Its endpoint is plain HTTP, which is a finding of its own.
        assertThat(findings)
                .extracting(f -> f.get("check").asText())
                .containsExactlyInAnyOrder("certificate.weak-key", "tls.not-used");
    }

    @Test
    void receiptSignedWithSha1IsAHighFindingThatClosesOnceThePartnerStopsUsingIt() {
        String id = api().issue(Api.validNotice("sha1"));
        await().atMost(Duration.ofSeconds(20)).until(() -> refusedSha1Receipts(id) > 0);

        assertThat(probe("sha1")).anySatisfy(finding -> {
            assertThat(finding.get("check").asText()).isEqualTo("algorithm.refused");
            assertThat(finding.get("subject").asText()).isEqualTo("refused message: SHA-1");
            assertThat(finding.get("severity").asText()).isEqualTo("HIGH");
        });
        assertThat(api().notice(id).get("state").asText()).isIn("ISSUED", "DELIVERY_FAILED");

        PARTNERS.stubFor(post(urlEqualTo("/sha1")).willReturn(PartnerSimulator.receipt("sha1", "EC", "VALID")));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api().notice(id).get("state").asText().equals("DELIVERED"));

        // The refusals age out of the 5 s look-back; the partner's receipts since are SHA-256.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> probe("sha1").stream()
                        .noneMatch(f -> f.get("check").asText().equals("algorithm.refused")));
    }

    @Test
    void probeOfAnUnknownPartnerIsNotFound() {
        HttpResponse<String> response =
                api().as(Api.COMPLIANCE).post("/api/v1/compliance/probes/nobody", "application/json", "");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    private List<JsonNode> probe(String partner) {
        HttpResponse<String> response =
                api().as(Api.COMPLIANCE).post("/api/v1/compliance/probes/" + partner, "application/json", "");
        assertThat(response.statusCode()).isEqualTo(200);
        return StreamSupport.stream(Api.json(response).spliterator(), false).toList();
    }

    private int refusedSha1Receipts(String noticeId) {
        return jdbc.sql("select count(*) from security_event where notice_id = ? and algorithm = 'SHA-1'")
                .param(noticeId)
                .query(Integer.class)
                .single();
    }

    private static SigningIdentity server(String name, Instant notBefore, Instant notAfter) {
        return TestPki.issue(name, Pki.keyPair(KeyType.EC_P256), Usage.TLS_SERVER, notBefore, notAfter);
    }

    private static SwappableTlsServer tlsServer(SigningIdentity identity) {
        try {
            return new SwappableTlsServer(identity);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RSA partner whose registered signing certificate has a 2048-bit key, loosened receive-only as DESIGN.md allows. */
    private static void weakKeyPartner() {
        try {
            Path folder = GATEWAY.folder();
            SigningIdentity weak = TestPki.issue(
                    "weak-signing",
                    Pki.keyPair(KeyType.RSA_2048),
                    Usage.SIGNING,
                    NOW.minus(Duration.ofDays(1)),
                    NOW.plus(Duration.ofDays(300)));
            Pki.writePem(weak.certificate(), folder.resolve("weak-signing.crt"));
            Files.writeString(GATEWAY.profiles().resolve("weakkey.yaml"), """
                    id: weakkey
                    name: weakkey (test partner)
                    endpoint: http://127.0.0.1:9/weakkey
                    algorithmProfile: RSA
                    certificates:
                      signing: %s
                      encryption: %s
                    tls:
                      mode: NONE
                      trustedCa: %s
                    receiveOnly:
                      rsa2048: true
                    """.formatted(
                            folder.resolve("weak-signing.crt"),
                            folder.resolve("partner-RSA-encryption.crt"),
                            folder.resolve("ca.crt")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Api api() {
        return new Api(port);
    }
}
