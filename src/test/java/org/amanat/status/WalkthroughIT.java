package org.amanat.status;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.amanat.Api;
import org.amanat.PartnerSimulator;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.Envelope;
import org.amanat.protocol.Pki;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.Receipts;
import org.amanat.protocol.TestPki;
import org.amanat.web.PartnerListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs the openssl-and-curl walkthrough of docs/protocol.md, exactly as written there, against a real
 * gateway: the notice it opens is one the gateway really sent, and the status update it posts must be
 * accepted, over the partner listener with the platform's client certificate. Skipped, with a message, where openssl or
 * curl is missing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WalkthroughIT {
    static final String MARKER = "<!-- walkthrough: the block below is run by WalkthroughIT -->";
    static final WireMockServer PARTNER =
            new WireMockServer(options().dynamicPort().extensions(new PartnerSimulator()));
    static final TestGateway GATEWAY;

    static {
        PARTNER.start();
        PARTNER.stubFor(post(urlEqualTo("/chirp")).willReturn(PartnerSimulator.receipt("chirp", "EC", "VALID")));
        GATEWAY = new TestGateway()
                .withPartnerListener()
                .partner("chirp", "http://localhost:" + PARTNER.port() + "/chirp", AlgorithmProfile.EC, "NONE");
    }

    @TempDir
    Path dir;

    @LocalServerPort
    int port;

    @Autowired
    PartnerListener listener;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.register(registry);
        TestDatabases.h2(registry);
    }

    @BeforeAll
    static void needsOpensslAndCurl() {
        assumeTrue(
                runs("openssl", "version") && runs("curl", "--version"),
                "openssl or curl is not installed: walkthrough not run");
    }

    @Test
    void walkthroughOpensARealNoticeAndItsStatusUpdateIsAccepted() throws Exception {
        Api api = new Api(port);
        String id = api.issue(Api.validNotice("chirp"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.notice(id).get("state").asText(), "DELIVERED"::equals);
        byte[] delivered = PARTNER.findAll(
                        postRequestedFor(urlEqualTo("/chirp")).withHeader("Amanat-Notice-Id", equalTo(id)))
                .get(0)
                .getBody();
        Files.write(dir.resolve("received.der"), delivered);
        Path keys = writeKeys();

        int exit = runWalkthrough(Map.of(
                "NOTICE", dir.resolve("received.der").toString(),
                "PARTNER_ID", "chirp",
                "PARTNER_DIR", keys.toString(),
                "MINISTRY_SIGNING", keys.resolve("ministry-signing.crt").toString(),
                "MINISTRY_ENCRYPTION", keys.resolve("ministry-encryption.crt").toString(),
                "GATEWAY", "https://localhost:" + listener.port(),
                "GATEWAY_TLS", keys.resolve("gateway-tls-ca.crt").toString()));

        String log = Files.readString(dir.resolve("walkthrough.log"));
        assertThat(exit).as(log).isZero();
        assertThat(log).contains("Verification successful");
        assertThat(api.notice(id).get("state").asText()).isEqualTo("ACTIONED");
        assertThat(api.notice(id).at("/itemOutcomes/0/outcome").asText()).isEqualTo("REMOVED");
        byte[] receipt = Files.readAllBytes(dir.resolve("work/receipt.der"));
        var verified = new Receipts(new Envelope(Clock.systemUTC()))
                .verify(
                        receipt,
                        TestPki.partner(KeyType.EC_P256).signing().certificate(),
                        AlgorithmPolicy.strict(),
                        id,
                        delivered);
        assertThat(verified.receipt().partnerReference()).isEqualTo("ticket-1");
    }

    /** Runs the walkthrough in an empty folder with the variables the document tells the reader to export. */
    private int runWalkthrough(Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        "bash", "-euo", "pipefail", writeScript().toString())
                .directory(Files.createDirectories(dir.resolve("work")).toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("walkthrough.log").toFile());
        builder.environment().putAll(environment);
        return builder.start().waitFor();
    }

    /** The walkthrough's bash block, cut out of docs/protocol.md. */
    private Path writeScript() throws IOException {
        String doc = Files.readString(Path.of("docs/protocol.md"), StandardCharsets.UTF_8);
        int marker = doc.indexOf(MARKER);
        assertThat(marker).as("walkthrough marker in docs/protocol.md").isNotNegative();
        int start = doc.indexOf("```bash\n", marker) + "```bash\n".length();
        int end = doc.indexOf("\n```", start);
        Path script = dir.resolve("walkthrough.sh");
        Files.writeString(script, doc.substring(start, end) + "\n");
        return script;
    }

    /** The platform's and the ministry's keys as the walkthrough names them, as PEM files. */
    private Path writeKeys() throws IOException {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        var partner = TestPki.partner(KeyType.EC_P256);
        Pki.writePem(partner.signing().certificate(), keys.resolve("signing.crt"));
        Pki.writePem(partner.signing().privateKey(), keys.resolve("signing.key"));
        Pki.writePem(partner.encryption().certificate(), keys.resolve("encryption.crt"));
        Pki.writePem(partner.encryption().privateKey(), keys.resolve("encryption.key"));
        Pki.writePem(TestPki.ministry(KeyType.EC_P256).signing().certificate(), keys.resolve("ministry-signing.crt"));
        Pki.writePem(
                TestPki.ministry(KeyType.EC_P256).encryption().certificate(), keys.resolve("ministry-encryption.crt"));
        Pki.writePem(TestPki.partnerClient("chirp").certificate(), keys.resolve("tls-client.crt"));
        Pki.writePem(TestPki.partnerClient("chirp").privateKey(), keys.resolve("tls-client.key"));
        Pki.writePem(TestPki.caCertificate(), keys.resolve("gateway-tls-ca.crt"));
        return keys;
    }

    private static boolean runs(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
