package org.amanat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.amanat.partner.ConfigurationProblemsException;
import org.amanat.protocol.AlgorithmProfile;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Start-up refuses what must never run: example keys in production, and profiles with mistakes. */
class StartupIT {

    @Test
    void refusesExampleKeysOutsideTheDemoProfile() {
        Map<String, Object> properties = new HashMap<>(base());
        properties.put("amanat.config-dir", "partner-configs");
        properties.put("amanat.key-password", "demo-only");
        for (AlgorithmProfile profile : AlgorithmProfile.values()) {
            String prefix = "certs-example/ministry/" + profile.name().toLowerCase() + "-";
            properties.put("amanat.ministry-keys." + profile + ".signing", prefix + "signing.p12");
            properties.put("amanat.ministry-keys." + profile + ".encryption", prefix + "encryption.p12");
        }
        properties.put("amanat.ministry-tls-client", "certs-example/ministry/tls-client.p12");

        assertThatThrownBy(() -> start(properties))
                .rootCause()
                .isInstanceOf(ConfigurationProblemsException.class)
                .hasMessageContaining(
                        "partner-configs/chirp.yaml: certificates.signing: is an example key from certs-example/, refused outside the 'demo' profile");
    }

    @Test
    void stopsWithTheFileAndFieldOfABadProfile() throws IOException {
        var gateway = new TestGateway().partner("tube", "http://127.0.0.1:9/notices", AlgorithmProfile.RSA, "NONE");
        Files.writeString(gateway.profiles().resolve("broken.yaml"), "id: broken\nendpoint: somewhere\n");
        Map<String, Object> properties = new HashMap<>(base());
        properties.putAll(gateway.properties());

        assertThatThrownBy(() -> start(properties))
                .rootCause()
                .isInstanceOf(ConfigurationProblemsException.class)
                .hasMessageContaining("broken.yaml: endpoint: is required, an absolute https URL")
                .hasMessageContaining("broken.yaml: name: is required");
    }

    @Test
    void startsOnRealKeysWithoutTheDemoProfile() {
        var gateway = new TestGateway().partner("tube", "http://127.0.0.1:9/notices", AlgorithmProfile.RSA, "NONE");
        Map<String, Object> properties = new HashMap<>(base());
        properties.putAll(gateway.properties());

        try (var context = start(properties)) {
            assertThat(context.isRunning()).isTrue();
            assertThat(context.getEnvironment().getActiveProfiles()).isEmpty();
        }
    }

    @Test
    void servesPartnersOnTheirOwnListenerByDefaultSoItNeedsItsKey() {
        var gateway = new TestGateway().partner("tube", "http://127.0.0.1:9/notices", AlgorithmProfile.RSA, "NONE");
        Map<String, Object> properties = new HashMap<>(base());
        properties.putAll(gateway.properties());
        properties.remove("amanat.partner-listener.enabled");

        assertThatThrownBy(() -> start(properties))
                .rootCause()
                .isInstanceOf(ConfigurationProblemsException.class)
                .hasMessageContaining("amanat.partner-listener.key-store: is required");
    }

    @Test
    void refusesTheExamplePartnerListenerKeyOutsideTheDemoProfile() {
        var gateway = new TestGateway().partner("tube", "http://127.0.0.1:9/notices", AlgorithmProfile.RSA, "NONE");
        Map<String, Object> properties = new HashMap<>(base());
        properties.putAll(gateway.properties());
        properties.put("amanat.partner-listener.enabled", "true");
        properties.put("amanat.partner-listener.key-store", "certs-example/ministry/partner-listener.p12");
        properties.put("amanat.key-password", "demo-only");

        assertThatThrownBy(() -> start(properties))
                .rootCause()
                .isInstanceOf(ConfigurationProblemsException.class)
                .hasMessageContaining("amanat.partner-listener.key-store: is an example key from certs-example/");
    }

    private static Map<String, Object> base() {
        return Map.of(
                "server.port",
                "0",
                "amanat.delivery.enabled",
                "false",
                "spring.datasource.url",
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    /** Settings as command-line arguments: they override application.yml, as an operator's would. */
    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        String[] arguments = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(AmanatApplication.class).run(arguments);
    }
}
