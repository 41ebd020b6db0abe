package org.amanat.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.amanat.Api;
import org.amanat.GatewayProcess;
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
    private final WireMockServer partner =
            new WireMockServer(options().dynamicPort().extensions(new PartnerSimulator()));

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        partner.stop();
    }

    @Test
    void noticeTakenBeforeAKillIsDeliveredOnceAfterRestartOnH2() throws Exception {
        // The gateway's own default datasource, only in a folder of this test's.
        killAfter201ThenRestart(Map.of("amanat.data-dir", dir.resolve("data").toString()));
    }

    @Test
    @EnabledIfEnvironmentVariable(
            named = TestDatabases.PG_URL_VARIABLE,
            matches = ".+",
            disabledReason = "set AMANAT_TEST_PG_URL to run on PostgreSQL")
    void noticeTakenBeforeAKillIsDeliveredOnceAfterRestartOnPostgres() throws Exception {
        killAfter201ThenRestart(TestDatabases.postgres());
    }

    private void killAfter201ThenRestart(Map<String, String> database) throws Exception {
        partner.start();
        partner.stubFor(post(urlEqualTo("/chirp")).willReturn(PartnerSimulator.receipt("chirp", "EC", "VALID")));
        var gateway = new TestGateway()
                .partner("chirp", "http://localhost:" + partner.port() + "/chirp", AlgorithmProfile.EC, "NONE");
        Map<String, String> settings = new HashMap<>(gateway.properties());
        settings.putAll(database);

        settings.put("amanat.delivery.enabled", "false");
        String id;
        try (GatewayProcess first = GatewayProcess.start(settings, dir.resolve("first.log"))) {
            id = first.api().issue(Api.validNotice("chirp"));
            assertThat(first.kill()).as("killed, not stopped").isEqualTo(137);
        }
        assertThat(partner.findAll(postRequestedFor(urlEqualTo("/chirp"))))
                .as("nothing sent before the kill")
                .isEmpty();

        settings.put("amanat.delivery.enabled", "true");
        try (GatewayProcess second = GatewayProcess.start(settings, dir.resolve("second.log"))) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> second.api().notice(id).get("state").asText(), "DELIVERED"::equals);
        }
        partner.verify(1, postRequestedFor(urlEqualTo("/chirp")).withHeader("Idempotency-Key", equalTo(id)));
    }
}
