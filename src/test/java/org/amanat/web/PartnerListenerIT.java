package org.amanat.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.amanat.Api;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.HttpWire;
import org.amanat.protocol.Notice;
import org.amanat.protocol.PartnerKit;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.Status;
import org.amanat.protocol.StatusSender;
import org.amanat.protocol.StatusUpdate;
import org.amanat.protocol.TestPki;
import org.amanat.protocol.TlsContexts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The partners' own HTTPS listener, with real certificates from TestPki: no client certificate, no handshake; a
 * partner's certificate with another partner's header, or a message signed by another key, is refused and recorded;
 * each listener answers 404 for the other's paths.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "amanat.delivery.enabled=false")
class PartnerListenerIT {
    static final TestGateway GATEWAY = new TestGateway()
            .withPartnerListener()
            .partner("chirp", "http://127.0.0.1:9/notices", AlgorithmProfile.EC, "NONE")
            .partner("tube", "http://127.0.0.1:9/notices", AlgorithmProfile.EC, "NONE");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PartnerListener listener;

    @LocalServerPort
    int officersPort;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.register(registry);
        TestDatabases.h2(registry);
    }

    @Test
    void withoutAClientCertificateTheHandshakeFails() {
        HttpClient anonymous = HttpClient.newBuilder()
                .sslContext(TlsContexts.create(null, List.of(TestPki.caCertificate())))
                .build();
        long events = securityEvents();

        assertThatThrownBy(() -> anonymous.send(junkStatus("chirp"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        assertThat(securityEvents()).as("nothing reached the gateway to record").isEqualTo(events);
    }

    @Test
    void aPartnersOwnCertificateAndHeaderReachTheIntake() throws Exception {
        HttpResponse<String> response = as("chirp").send(junkStatus("chirp"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode())
                .as("refused by the intake for its body, not by the listener: " + response.body())
                .isEqualTo(400);
        assertThat(lastEvent()).isEqualTo("chirp MALFORMED");
    }

    @Test
    void aPartnersCertificateWithAnotherPartnersHeaderIsRefusedAndRecorded() throws Exception {
        HttpResponse<String> response = as("chirp").send(junkStatus("tube"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Api.json(response);
        assertThat(problem.get("type").asText()).isEqualTo("urn:amanat:problem:certificate-mismatch");
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly(HttpWire.PARTNER_HEADER);
        assertThat(lastEvent()).isEqualTo("tube CERTIFICATE_MISMATCH");
    }

    @Test
    void aPartnersCertificateAndHeaderWithAnotherKeysSignatureIsRefusedAndRecorded() {
        var forger = new PartnerKit(
                "chirp",
                TestPki.otherPartner(KeyType.EC_P256).signing(),
                TestPki.partner(KeyType.EC_P256).encryption(),
                TestPki.ministry(KeyType.EC_P256).signing().certificate(),
                AlgorithmPolicy.strict(),
                Clock.systemUTC());
        var sender = new StatusSender(
                forger, TestPki.ministry(KeyType.EC_P256).encryption().certificate(), partnerUri(), tls("chirp"));

        assertThatThrownBy(() -> sender.send(new StatusUpdate(
                        Notice.PROTOCOL,
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString(),
                        Instant.now(),
                        Status.NEEDS_CLARIFICATION,
                        List.of(),
                        "which video is meant?")))
                .hasMessageContaining("403");
        assertThat(lastEvent()).isIn("chirp UNTRUSTED_SIGNER", "chirp BAD_SIGNATURE");
    }

    @Test
    void officerPathsAreNotOnThePartnerListener() throws Exception {
        HttpRequest officers = HttpRequest.newBuilder(
                        URI.create("https://localhost:" + listener.port() + "/api/v1/notices"))
                .header("Authorization", Api.basic(Api.OFFICER, Api.PASSWORD))
                .GET()
                .build();
        HttpRequest health = HttpRequest.newBuilder(
                        URI.create("https://localhost:" + listener.port() + "/actuator/health"))
                .GET()
                .build();

        assertNotFound(as("chirp").send(officers, HttpResponse.BodyHandlers.ofString()));
        assertNotFound(as("chirp").send(health, HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void partnerPathsAreNotOnTheOfficersListener() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + officersPort + "/partner/v1/status"))
                                .header("Content-Type", HttpWire.ENVELOPED_CONTENT_TYPE)
                                .header(HttpWire.PARTNER_HEADER, "chirp")
                                .POST(HttpRequest.BodyPublishers.ofString("not CMS"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertNotFound(response);
        assertThat(new Api(officersPort).get("/api/v1/notices").statusCode())
                .as("the officers' API is there")
                .isEqualTo(200);
    }

    private static void assertNotFound(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Api.json(response).get("errors").findValuesAsText("field")).containsExactly("(path)");
    }

    private HttpRequest junkStatus(String partnerHeader) {
        return HttpRequest.newBuilder(partnerUri())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", HttpWire.ENVELOPED_CONTENT_TYPE)
                .header(HttpWire.PARTNER_HEADER, partnerHeader)
                .POST(HttpRequest.BodyPublishers.ofString("not CMS"))
                .build();
    }

    private URI partnerUri() {
        return URI.create("https://localhost:" + listener.port() + "/partner/v1/status");
    }

    private static HttpClient as(String partnerId) {
        return HttpClient.newBuilder().sslContext(tls(partnerId)).build();
    }

    private static SSLContext tls(String partnerId) {
        return TlsContexts.create(TestPki.partnerClient(partnerId), List.of(TestPki.caCertificate()));
    }

    private long securityEvents() {
        return jdbc.sql("select count(*) from security_event").query(Long.class).single();
    }

    private String lastEvent() {
        return jdbc.sql("select partner_id, kind from security_event order by id desc limit 1")
                .query((rs, row) -> rs.getString(1) + " " + rs.getString(2))
                .single();
    }
}
