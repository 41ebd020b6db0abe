package org.amanat.compliance.deadlines;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.amanat.AmanatApplication;
import org.amanat.Api;
import org.amanat.PartnerSimulator;
import org.amanat.TestClock;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A breach and its escalation across a restart, with the timers of routes/deadline-watch.yaml doing
 * the work: the gateway records the breach while the webhook is down, stops, starts again on the same
 * database, and must then send the escalation once and record nothing twice.
 */
class DeadlineWatchRestartIT {
    static final TestClock CLOCK = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static final WireMockServer SERVER =
            new WireMockServer(options().dynamicPort().extensions(new PartnerSimulator(CLOCK)));

    static {
        SERVER.start();
    }

    /** The gateway's clock; not a @Configuration, so that component scanning elsewhere never finds it. */
    static class Time {
        @Bean
        @Primary
        TestClock testClock() {
            return CLOCK;
        }
    }

    @AfterAll
    static void stopServer() {
        SERVER.stop();
    }

    @Test
    void recordsTheBreachOnceAndEscalatesItOnceAcrossARestart() throws Exception {
        String base = "http://localhost:" + SERVER.port();
        TestGateway files = new TestGateway()
                .partner(
                        "prompt",
                        base + "/prompt",
                        AlgorithmProfile.EC,
                        "NONE",
                        "obligations: {ackWithin: 2m, actionWithin: {URGENT: 3m, STANDARD: 4m}}\n");
        SERVER.stubFor(post(urlEqualTo("/prompt")).willReturn(PartnerSimulator.receipt("prompt", "EC", "VALID")));
        SERVER.stubFor(post(urlEqualTo(Webhooks.PATH)).willReturn(aResponse().withStatus(500)));
        Map<String, Object> properties = properties(files, base);

        String id;
        try (ConfigurableApplicationContext first = start(properties)) {
            Api api = new Api(port(first));
            id = api.issue(Api.validNotice("prompt"));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> api.notice(id).get("state").asText().equals("DELIVERED"));
            CLOCK.advance(Duration.ofMinutes(5));
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> escalationAttempts(jdbc, id) >= 1);
        }

        SERVER.stubFor(post(urlEqualTo(Webhooks.PATH)).willReturn(aResponse().withStatus(204)));
        try (ConfigurableApplicationContext second = start(properties)) {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            CLOCK.advance(Duration.ofMinutes(1));
            await().atMost(Duration.ofSeconds(20)).until(() -> escalated(jdbc, id));
            Instant later = CLOCK.instant();
            await().atMost(Duration.ofSeconds(20)).until(() -> scannedTo(jdbc).isAfter(later.minusMillis(1)));

            assertThat(jdbc.sql("select count(*) from breach where notice_id = ?")
                            .param(id)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from notice_event where notice_id = ? and kind = 'BREACH_ACTION'")
                            .param(id)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        }
        long accepted = SERVER.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals(Webhooks.PATH))
                .filter(event -> event.getRequest().getBodyAsString().contains(id))
                .filter(event -> event.getResponse().getStatus() == 204)
                .count();
        assertThat(accepted).isEqualTo(1);
        assertThat(Webhooks.forNotice(SERVER, id))
                .allSatisfy(hook -> assertThat(hook.get("kind").asText()).isEqualTo("ACTION"));
    }

    private static Map<String, Object> properties(TestGateway files, String base) throws Exception {
        Map<String, Object> properties = new HashMap<>(files.properties());
        properties.put(
                "amanat.data-dir", Files.createTempDirectory("amanat-restart-").toString());
        properties.put("server.port", "0");
        properties.put("amanat.compliance.deadline-scan-interval", "1s");
        properties.put("amanat.compliance.escalation.interval", "1s");
        properties.put("amanat.compliance.escalation.retry-interval", "10s");
        properties.put("amanat.compliance.escalation.webhook-url", base + Webhooks.PATH);
        properties.put("amanat.compliance.escalation.webhook-secret", Webhooks.SECRET);
        return properties;
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        // As command-line arguments: default properties would lose to application.yml.
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(AmanatApplication.class, Time.class).run(args);
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static int escalationAttempts(JdbcClient jdbc, String id) {
        return jdbc.sql("select coalesce(max(escalation_attempts), 0) from breach where notice_id = ?")
                .param(id)
                .query(Integer.class)
                .single();
    }

    private static boolean escalated(JdbcClient jdbc, String id) {
        return jdbc.sql("select count(*) from breach where notice_id = ? and escalated_at is not null")
                        .param(id)
                        .query(Integer.class)
                        .single()
                == 1;
    }

    private static Instant scannedTo(JdbcClient jdbc) {
        return jdbc.sql("select scanned_to from deadline_scan where kind = 'ACTION'")
                .query((rs, row) ->
                        rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
                .single();
    }
}
