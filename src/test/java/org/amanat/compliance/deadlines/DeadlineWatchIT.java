package org.amanat.compliance.deadlines;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.amanat.Api;
import org.amanat.PartnerSimulator;
import org.amanat.TestClock;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.TestPlatform;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.Status;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Deadlines under a clock the test moves: the partner answers on time, acknowledges late, acts late
 * or never acts, and each case must leave the right breach on record and one signed webhook. The
 * timers are slowed down so the test decides when the watch scans and escalations go out.
 */
@Import(DeadlineWatchIT.Time.class)
@AutoConfigureObservability(tracing = false)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"amanat.compliance.deadline-scan-interval=1h", "amanat.compliance.escalation.interval=1h"})
class DeadlineWatchIT {
    static final TestClock CLOCK = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static final WireMockServer SERVER =
            new WireMockServer(options().dynamicPort().extensions(new PartnerSimulator(CLOCK)));
    static final String OBLIGATIONS = "obligations: {ackWithin: 2m, actionWithin: {URGENT: 3m, STANDARD: 4m}}\n";
    static final TestGateway GATEWAY;

    static {
        SERVER.start();
        String base = "http://localhost:" + SERVER.port();
        GATEWAY = new TestGateway()
                .partner("prompt", base + "/prompt", AlgorithmProfile.EC, "NONE", OBLIGATIONS)
                .partner("laggard", base + "/laggard", AlgorithmProfile.EC, "NONE", OBLIGATIONS);
        SERVER.stubFor(post(urlEqualTo("/prompt")).willReturn(PartnerSimulator.receipt("prompt", "EC", "VALID")));
        SERVER.stubFor(post(urlEqualTo(Webhooks.PATH)).willReturn(aResponse().withStatus(204)));
    }

    /** Not a @Configuration, so that no other gateway in the test run finds it by component scanning. */
    static class Time {
        @Bean
        @Primary
        TestClock testClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.register(registry);
        TestDatabases.h2(registry);
        registry.add(
                "amanat.compliance.escalation.webhook-url", () -> "http://localhost:" + SERVER.port() + Webhooks.PATH);
        registry.add("amanat.compliance.escalation.webhook-secret", () -> Webhooks.SECRET);
    }

    @Autowired
    DeadlineWatch watch;

    @Autowired
    BreachEscalations escalations;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void recordsNoBreachWhenThePartnerAcknowledgesAndActsOnTime() {
        String id = delivered("prompt");
        report(id, Status.ACTIONED);
        CLOCK.advance(Duration.ofMinutes(5));

        scanAndEscalateTwice();

        assertThat(breaches(id)).isEmpty();
        assertThat(Webhooks.forNotice(SERVER, id)).isEmpty();
    }

    @Test
    void recordsOneAckBreachWhenTheReceiptComesAfterTheDeadline() {
        SERVER.stubFor(post(urlEqualTo("/laggard")).willReturn(aResponse().withStatus(503)));
        String id = api().issue(Api.validNotice("laggard"));
        await().until(() -> attempts(id) >= 1);
        CLOCK.advance(Duration.ofSeconds(150));
        SERVER.stubFor(post(urlEqualTo("/laggard")).willReturn(PartnerSimulator.receipt("laggard", "EC", "VALID")));
        await().atMost(Duration.ofSeconds(20)).until(() -> state(id).equals("DELIVERED"));
        report(id, Status.ACTIONED);
        CLOCK.advance(Duration.ofMinutes(5));

        scanAndEscalateTwice();

        assertThat(breaches(id)).containsExactly("ACK");
        assertThat(detail(id, "ACK")).startsWith("signed receipt 30s late");
        List<JsonNode> hooks = Webhooks.forNotice(SERVER, id);
        assertThat(hooks).hasSize(1);
        assertThat(hooks.get(0).get("kind").asText()).isEqualTo("ACK");
        assertThat(hooks.get(0).get("partnerId").asText()).isEqualTo("laggard");
        assertThat(events(id)).containsOnlyOnce("BREACH_ACK");
    }

    @Test
    void recordsOneActionBreachWhenTheReportComesAfterTheDeadline() {
        String id = delivered("prompt");
        CLOCK.advance(Duration.ofSeconds(200));
        report(id, Status.ACTIONED);
        CLOCK.advance(Duration.ofMinutes(2));

        scanAndEscalateTwice();

        assertThat(breaches(id)).containsExactly("ACTION");
        assertThat(detail(id, "ACTION")).startsWith("final report (actioned or rejected) 20s late");
        assertThat(Webhooks.forNotice(SERVER, id))
                .singleElement()
                .satisfies(hook -> assertThat(hook.get("kind").asText()).isEqualTo("ACTION"));
    }

    @Test
    void recordsOneActionBreachWhenThePartnerNeverActsAndKeepsItWhenItActsLater() {
        String id = delivered("prompt");
        CLOCK.advance(Duration.ofMinutes(5));
        scanAndEscalateTwice();
        assertThat(breaches(id)).containsExactly("ACTION");
        assertThat(detail(id, "ACTION")).startsWith("no final report (actioned or rejected) by the deadline");

        report(id, Status.ACTIONED);
        CLOCK.advance(Duration.ofMinutes(1));
        scanAndEscalateTwice();

        assertThat(state(id)).isEqualTo("ACTIONED");
        assertThat(breaches(id)).containsExactly("ACTION");
        assertThat(Webhooks.forNotice(SERVER, id)).hasSize(1);
    }

    @Test
    void recordsButDoesNotPostABreachFoundLongAfterItsDeadline() {
        String id = delivered("prompt");
        // The watch first looks more than a week after the deadline, as on a ledger older than the compliance engine.
        CLOCK.advance(DeadlineWatch.ESCALATION_MAX_AGE.plusMinutes(5));

        scanAndEscalateTwice();

        assertThat(breaches(id)).containsExactly("ACTION");
        assertThat(Webhooks.forNotice(SERVER, id)).isEmpty();
    }

    @Test
    void recordsNoActionBreachForANoticeWithdrawnBeforeItsDeadline() {
        String id = delivered("prompt");
        api().post(
                        "/api/v1/notices/" + id + "/withdrawal",
                        "application/json",
                        "{\"reason\":\"issued to the wrong platform\"}");
        CLOCK.advance(Duration.ofMinutes(5));

        scanAndEscalateTwice();

        assertThat(state(id)).isEqualTo("WITHDRAWN");
        assertThat(breaches(id)).isEmpty();
    }

    @Test
    void exposesNoticesAttemptsLatenciesBreachesFindingsAndBreakersToPrometheus() {
        String id = delivered("prompt");
        report(id, Status.ACTIONED);
        CLOCK.advance(Duration.ofMinutes(5));
        String late = delivered("prompt");
        CLOCK.advance(Duration.ofMinutes(5));
        scanAndEscalateTwice();
        assertThat(breaches(late)).containsExactly("ACTION");

        var response = api().as(Api.ADMIN).get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains(
                        "amanat_notices{partner=\"prompt\",state=\"ACTIONED\"}",
                        "amanat_delivery_attempts_total{outcome=\"delivered\",partner=\"prompt\"}",
                        "amanat_notice_ack_latency_seconds_bucket{partner=\"prompt\"",
                        "amanat_notice_action_latency_seconds_bucket{partner=\"prompt\"",
                        "amanat_breaches_total{kind=\"ACTION\",partner=\"prompt\"}",
                        "amanat_findings_open{partner=\"prompt\",severity=\"HIGH\"}",
                        "amanat_delivery_breaker_state{partner=\"prompt\",state=\"closed\"} 1.0");
    }

    private void scanAndEscalateTwice() {
        for (int i = 0; i < 2; i++) {
            watch.scan();
            escalations.sendDue();
        }
    }

    private String delivered(String partner) {
        String id = api().issue(Api.validNotice(partner));
        await().atMost(Duration.ofSeconds(20)).until(() -> state(id).equals("DELIVERED"));
        return id;
    }

    /** The partner's signed report, sent through the real status endpoint at the test clock's time. */
    private void report(String noticeId, Status status) {
        String partnerId = jdbc.sql("select partner_id from notice where id = ?")
                .param(noticeId)
                .query(String.class)
                .single();
        int answer = TestPlatform.report(port, partnerId, noticeId, status, CLOCK);
        if (answer != 200) {
            throw new AssertionError("status update refused: HTTP " + answer);
        }
    }

    private List<String> breaches(String noticeId) {
        return jdbc.sql("select kind from breach where notice_id = ? order by kind")
                .param(noticeId)
                .query(String.class)
                .list();
    }

    private String detail(String noticeId, String kind) {
        return jdbc.sql("select detail from breach where notice_id = ? and kind = ?")
                .params(noticeId, kind)
                .query(String.class)
                .single();
    }

    private List<String> events(String noticeId) {
        return jdbc.sql("select kind from notice_event where notice_id = ?")
                .param(noticeId)
                .query(String.class)
                .list();
    }

    private int attempts(String noticeId) {
        return jdbc.sql("select count(*) from delivery_attempt where notice_id = ?")
                .param(noticeId)
                .query(Integer.class)
                .single();
    }

    private String state(String noticeId) {
        return api().notice(noticeId).get("state").asText();
    }

    private Api api() {
        return new Api(port);
    }
}
