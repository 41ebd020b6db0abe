package org.amanat.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.amanat.GatewayProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A demo whose start fails ends its JVM. Two example partner profiles name the same endpoint: the
 * simulated platform started first holds the port, the second cannot bind it, and the start fails.
 * The receiver already listening must not keep the process alive.
 */
class DemoStartFailureIT {
    @TempDir
    Path folder;

    @Test
    void aDemoThatCannotStartASimulatedPartnerExits() throws IOException {
        Path configs = Files.createDirectories(folder.resolve("partner-configs"));
        int sharedPort = GatewayProcess.freePort();
        Files.copy(Path.of("partner-configs/_defaults.yaml"), configs.resolve("_defaults.yaml"));
        for (String partner : List.of("chirp", "globaltube")) {
            String profile = Files.readString(Path.of("partner-configs", partner + ".yaml"));
            Files.writeString(
                    configs.resolve(partner + ".yaml"),
                    profile.replaceAll("https://localhost:\\d+/", "https://localhost:" + sharedPort + "/"));
        }
        Path log = folder.resolve("demo.log");

        Process demo = GatewayProcess.launch(
                GatewayProcess.SHORT_LIVED,
                Map.of(
                        "spring.profiles.active",
                        "demo",
                        "amanat.config-dir",
                        configs.toString(),
                        "amanat.data-dir",
                        folder.resolve("data").toString(),
                        "amanat.demo.received-folder",
                        folder.resolve("received").toString()),
                GatewayProcess.freePort(),
                log);
        try {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !demo.isAlive());

            assertThat(demo.exitValue()).isNotZero();
            assertThat(Files.readString(log)).contains("cannot start simulated partner");
        } finally {
            demo.destroyForcibly();
        }
    }
}
