package org.amanat.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.amanat.Api;
import org.amanat.AmanatApplication;
import org.amanat.PartnerSimulator;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety with real processes: a gateway JVM takes a notice (201) and is killed with SIGKILL
 * before it delivers; a new JVM on the same database delivers it, exactly once.
 */
class CrashRecoveryIT {
    private final WireMockServer partner = new WireMockServer(options().dynamicPort().extensions(new PartnerSimulator()));
    private final List<Process> gateways = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        gateways.forEach(Process::destroyForcibly);
        partner.stop();
    }

    @Test
    void noticeTakenBeforeAKillIsDeliveredOnceAfterRestartOnH2() throws Exception {
        // The gateway's own default datasource, only in a folder of this test's.
        killAfter201ThenRestart(Map.of("amanat.data-dir", dir.resolve("data").toString()));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.PG_URL_VARIABLE, matches = ".+",
            disabledReason = "set AMANAT_TEST_PG_URL to run on PostgreSQL")
    void noticeTakenBeforeAKillIsDeliveredOnceAfterRestartOnPostgres() throws Exception {
        killAfter201ThenRestart(TestDatabases.postgres());
    }

    private void killAfter201ThenRestart(Map<String, String> database) throws Exception {
        partner.start();
        partner.stubFor(post(urlEqualTo("/chirp")).willReturn(aResponse().withTransformers(PartnerSimulator.NAME)
                .withTransformerParameter("partner", "chirp").withTransformerParameter("profile", "EC")
                .withTransformerParameter("mode", "VALID")));
        var gateway = new TestGateway().partner("chirp", "http://localhost:" + partner.port() + "/chirp", AlgorithmProfile.EC, "NONE");

        int firstPort = freePort();
        Process first = start(gateway, database, firstPort, false, "first");
        String id = new Api(firstPort).issue(Api.validNotice("chirp"));
        first.destroyForcibly().waitFor();
        assertThat(first.exitValue()).as("killed, not stopped").isEqualTo(137);
        assertThat(partner.findAll(postRequestedFor(urlEqualTo("/chirp")))).as("nothing sent before the kill").isEmpty();

        int secondPort = freePort();
        start(gateway, database, secondPort, true, "second");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> new Api(secondPort).notice(id).get("state").asText(), "DELIVERED"::equals);
        partner.verify(1, postRequestedFor(urlEqualTo("/chirp")).withHeader("Idempotency-Key", equalTo(id)));
    }

    /** A gateway in its own JVM on the test classpath; returns once it answers HTTP. */
    private Process start(TestGateway gateway, Map<String, String> database, int port, boolean deliver, String name)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AmanatApplication.class.getName()));
        gateway.properties().forEach((key, value) -> command.add("--" + key + "=" + value));
        database.forEach((key, value) -> command.add("--" + key + "=" + value));
        command.add("--server.port=" + port);
        command.add("--amanat.delivery.enabled=" + deliver);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        gateways.add(process);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .failFast("gateway " + name + " exited; see " + dir.resolve(name + ".log"), () -> !process.isAlive())
                .until(() -> new Api(port).get("/actuator/health").statusCode() == 200);
        return process;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
