package org.amanat.compliance.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.amanat.Api;
import org.amanat.TestClock;
import org.amanat.TestGateway;
import org.amanat.cli.ReportCommandAccess;
import org.amanat.compliance.deadlines.DeadlineWatch;
import org.amanat.protocol.AlgorithmProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A seeded ledger whose November scorecard was worked out by hand (the figures in each assertion are
 * derived in the comments beside them), then asked of the real API in JSON, CSV and the monthly report.
 * The deadline watch finds the breaches from the same ledger, as it would in production.
 */
@Import(AbstractScorecardIT.Time.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "amanat.compliance.jobs-enabled=false", "amanat.delivery.enabled=false",
            "amanat.compliance.sanctions.warning-letter-after=2", "amanat.compliance.sanctions.fine-from=3"
        })
abstract class AbstractScorecardIT {
    /** "Now" for the scorecard: N11's action deadline (12-01 20:00) is still ahead, every other one has passed. */
    static final TestClock CLOCK = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));

    static final TestGateway GATEWAY = new TestGateway()
            .partner("seeded", "http://127.0.0.1:9/seeded", AlgorithmProfile.EC, "NONE")
            .partner("other", "http://127.0.0.1:9/other", AlgorithmProfile.EC, "NONE");

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
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeadlineWatch watch;

    @LocalServerPort
    int port;

    @BeforeEach
    void seedOnce() {
        if (jdbc.sql("select count(*) from notice").query(Integer.class).single() > 0) {
            return;
        }
        // id, type, urgency, category, state, issued, delivered after (min), responded after (min), closed after (min),
        // reason
        notice("N1", "TAKEDOWN", "URGENT", "GAMBLING", "ACTIONED", "2026-11-02T10:00:00Z", 10, 120, null, null);
        notice("N2", "TAKEDOWN", "STANDARD", "FRAUD", "ACTIONED", "2026-11-02T12:00:00Z", 30, 1800, null, null);
        notice(
                "N3",
                "BLOCK",
                "URGENT",
                "TERRORISM",
                "REJECTED",
                "2026-11-03T09:00:00Z",
                120,
                180,
                null,
                "lawful satire");
        notice(
                "N4",
                "TAKEDOWN",
                "URGENT",
                "ELECTION_INTEGRITY",
                "DELIVERED",
                "2026-11-10T08:00:00Z",
                5,
                null,
                null,
                null);
        notice(
                "N5",
                "TAKEDOWN",
                "STANDARD",
                "OTHER",
                "DELIVERY_FAILED",
                "2026-11-20T00:00:00Z",
                null,
                null,
                null,
                null);
        notice("N6", "WITHDRAWAL", "STANDARD", "OTHER", "DELIVERED", "2026-11-21T00:00:00Z", 1, null, null, null);
        notice("N7", "TAKEDOWN", "STANDARD", "GAMBLING", "WITHDRAWN", "2026-11-22T00:00:00Z", null, null, 30, null);
        notice("N8", "RESTORE", "URGENT", "OTHER", "ACTIONED", "2026-11-30T23:00:00Z", 20, 60, null, null);
        notice(
                "N11",
                "TAKEDOWN",
                "STANDARD",
                "DISINFORMATION",
                "DELIVERED",
                "2026-11-30T20:00:00Z",
                10,
                null,
                null,
                null);
        // Outside the period, or another partner's: none of these may count.
        notice("N9", "TAKEDOWN", "STANDARD", "FRAUD", "DELIVERED", "2026-12-01T05:00:00Z", 5, null, null, null);
        notice("N10", "TAKEDOWN", "URGENT", "FRAUD", "DELIVERY_FAILED", "2026-10-31T23:59:00Z", null, null, null, null);
        jdbc.sql("update notice set partner_id = 'other' where id = 'seeded-N9'")
                .update();
        notice("X1", "BLOCK", "URGENT", "FRAUD", "DELIVERY_FAILED", "2026-11-15T00:00:00Z", null, null, null, null);
        jdbc.sql("update notice set partner_id = 'other' where id = 'seeded-X1'")
                .update();
        finding("tls.hostname-mismatch", "HIGH", null);
        finding("certificate.expiring", "MEDIUM", null);
        finding("certificate.expired", "CRITICAL", "2026-11-20T00:00:00Z");
        watch.scan();
    }

    @Test
    void scorecardApiReturnsTheFiguresWorkedOutByHand() {
        JsonNode card = scorecard();

        // N1..N8 and N11 were issued to 'seeded' in November; N9 (December), N10 (October) and X1 ('other') were not.
        assertThat(card.get("notices").asLong()).isEqualTo(9);
        assertThat(card.at("/noticesByType/TAKEDOWN").asLong()).isEqualTo(6); // N1 N2 N4 N5 N7 N11
        assertThat(card.at("/noticesByType/BLOCK").asLong()).isEqualTo(1);
        assertThat(card.at("/noticesByType/RESTORE").asLong()).isEqualTo(1);
        assertThat(card.at("/noticesByType/WITHDRAWAL").asLong()).isEqualTo(1);
        assertThat(card.at("/noticesByUrgency/URGENT").asLong()).isEqualTo(4); // N1 N3 N4 N8
        assertThat(card.at("/noticesByUrgency/STANDARD").asLong()).isEqualTo(5);

        // Receipt within 1 h: N1 N2 N4 N6 N8 N11 on time; N3 (2 h) and N5 (never) late; N7 withdrawn first: not due.
        JsonNode ack = card.get("acknowledgement");
        assertThat(ack.get("due").asLong()).isEqualTo(8);
        assertThat(ack.get("onTime").asLong()).isEqualTo(6);
        assertThat(ack.get("late").asLong()).isEqualTo(2);
        assertThat(ack.get("pending").asLong()).isZero();
        assertThat(ack.get("onTimeRate").asDouble()).isEqualTo(0.75);
        // Receipt latencies (s): 60 300 600 600 1200 1800 7200 -> median rank ceil(3.5)=4: 600; p95 rank ceil(6.65)=7:
        // 7200.
        assertThat(ack.get("p50Seconds").asDouble()).isEqualTo(600.0);
        assertThat(ack.get("p95Seconds").asDouble()).isEqualTo(7200.0);

        // Final report within 4 h (urgent) / 24 h (standard); N6 is a withdrawal and owes none.
        // On time N1 (2 h) N3 (3 h) N8 (1 h); late N2 (30 h) N4 (never) N5 (never); N11 pending; N7 moot.
        JsonNode action = card.get("action");
        assertThat(action.get("due").asLong()).isEqualTo(6);
        assertThat(action.get("onTime").asLong()).isEqualTo(3);
        assertThat(action.get("late").asLong()).isEqualTo(3);
        assertThat(action.get("pending").asLong()).isEqualTo(1);
        assertThat(action.get("onTimeRate").asDouble()).isEqualTo(0.5);
        // Report latencies (s): 3600 7200 10800 108000 -> rank 2: 7200; rank ceil(3.8)=4: 108000.
        assertThat(action.get("p50Seconds").asDouble()).isEqualTo(7200.0);
        assertThat(action.get("p95Seconds").asDouble()).isEqualTo(108000.0);

        // Breaches found by the watch: ACK N3 N5; ACTION N2 N4 N5.
        assertThat(card.at("/breachesByKind/ACK").asLong()).isEqualTo(2);
        assertThat(card.at("/breachesByKind/ACTION").asLong()).isEqualTo(3);
        // Reports: N1 N2 N3 N8, of which N3 rejected.
        assertThat(card.get("rejected").asLong()).isEqualTo(1);
        assertThat(card.get("rejectedShare").asDouble()).isEqualTo(0.25);
        assertThat(card.at("/rejectionReasons/lawful satire").asLong()).isEqualTo(1);
        // The CRITICAL finding was closed.
        assertThat(card.at("/openFindingsBySeverity/HIGH").asLong()).isEqualTo(1);
        assertThat(card.at("/openFindingsBySeverity/MEDIUM").asLong()).isEqualTo(1);
        assertThat(card.at("/openFindingsBySeverity/CRITICAL").isMissingNode()).isTrue();
        // 100 x (0.3 x 0.75 + 0.7 x 0.5) = 57.5, less 5 (HIGH) and 2 (MEDIUM) = 50.5: E.
        assertThat(card.at("/grade/score").asDouble()).isCloseTo(50.5, within(1e-9));
        assertThat(card.at("/grade/letter").asText()).isEqualTo("E");
        // 2 November: N1 and N2; receipt latencies 600, 1800 -> median 600; reports 7200, 108000 -> 7200.
        assertThat(card.at("/days/0/date").asText()).isEqualTo("2026-11-02");
        assertThat(card.at("/days/0/notices").asLong()).isEqualTo(2);
        assertThat(card.at("/days/0/ackP50Seconds").asDouble()).isEqualTo(600.0);
        assertThat(card.at("/days/0/actionP50Seconds").asDouble()).isEqualTo(7200.0);
    }

    @Test
    void recommendsSanctionsFromTheScheduleInDeadlineOrder() {
        JsonNode sanctions = scorecard().get("sanctions");

        // 5 breaches >= 2: warning letter. From the 3rd on, in deadline order (N3 ack 11-03 10:00, N2 action 11-03
        // 12:00,
        // N4 action 11-10 12:00, N5 ack 11-20 01:00, N5 action 11-21 00:00): N4 ELECTION_INTEGRITY 250,000,000
        // + N5 OTHER 25,000,000 twice = 300,000,000 IDR.
        assertThat(sanctions.get(0).get("kind").asText()).isEqualTo("WARNING_LETTER");
        assertThat(sanctions.get(0).get("breaches").asInt()).isEqualTo(5);
        assertThat(sanctions.get(1).get("kind").asText()).isEqualTo("ADMINISTRATIVE_FINE");
        assertThat(sanctions.get(1).get("breaches").asInt()).isEqualTo(3);
        assertThat(sanctions.get(1).get("amount").decimalValue()).isEqualByComparingTo("300000000");
        assertThat(sanctions.get(1).get("currency").asText()).isEqualTo("IDR");
    }

    @Test
    void exportsTheSameFiguresAsCsv() {
        HttpResponse<String> response =
                api().get("/api/v1/compliance/scorecards?from=2026-11-01&to=2026-12-01&format=csv");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> lines = response.body().lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        List<String> seeded = List.of(lines.stream()
                .filter(l -> l.startsWith("seeded,"))
                .findFirst()
                .orElseThrow()
                .split(",", -1));
        assertThat(seeded.get(header.indexOf("notices"))).isEqualTo("9");
        assertThat(seeded.get(header.indexOf("ack_on_time_rate"))).isEqualTo("0.75");
        assertThat(seeded.get(header.indexOf("action_p95_seconds"))).isEqualTo("108000.0");
        assertThat(seeded.get(header.indexOf("breaches_action"))).isEqualTo("3");
        assertThat(seeded.get(header.indexOf("fine_amount"))).isEqualTo("300000000");
        assertThat(seeded.get(header.indexOf("grade"))).isEqualTo("E");
        assertThat(lines).anyMatch(l -> l.startsWith("other,"));
    }

    @Test
    void reportCommandWritesTheMonthAsHtmlWithChartsCsvAndJson(@TempDir Path out) throws Exception {
        List<Path> written = ReportCommandAccess.runAs(
                Api.COMPLIANCE,
                Api.PASSWORD,
                "--period",
                "2026-11",
                "--gateway",
                "http://localhost:" + port,
                "--out",
                out.toString());

        assertThat(written)
                .extracting(p -> p.getFileName().toString())
                .containsExactly(
                        "amanat-report-2026-11.html", "amanat-report-2026-11.csv", "amanat-report-2026-11.json");
        String html = Files.readString(out.resolve("2026-11/amanat-report-2026-11.html"));
        assertThat(html)
                .contains("<svg", "<polyline", "seeded (test partner)", "ADMINISTRATIVE_FINE")
                .doesNotContain("<script");
        JsonNode json = Api.JSON.readTree(
                out.resolve("2026-11/amanat-report-2026-11.json").toFile());
        assertThat(json.findValues("partnerId")).extracting(JsonNode::asText).containsExactly("other", "seeded");
    }

    @Test
    void refusesPeriodEndingBeforeItStartsAndUnknownPartner() {
        HttpResponse<String> backwards = api().get("/api/v1/compliance/scorecards?from=2026-12-01&to=2026-11-01");
        HttpResponse<String> unknown = api().get("/api/v1/compliance/scorecards/nobody");
        HttpResponse<String> badMonth = api().get("/api/v1/compliance/reports/November");

        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(backwards.body()).contains("must be after from");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(badMonth.statusCode()).isEqualTo(400);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "/api/v1/compliance/scorecards?from=%2B999999999-01-01T00:00:00Z, from",
        "/api/v1/compliance/scorecards?from=2026-11-01&to=%2B999999999-12-31T23:59:59Z, to",
        "/api/v1/compliance/scorecards?from=-999999999-01-01T00:00:00Z, from",
        "/api/v1/compliance/scorecards?from=%2B999999999-01-01, from",
        "/api/v1/compliance/breaches?to=%2B10000-01-01T00:00:00Z, to",
        "/api/v1/compliance/reports/0000-13, period",
        "/api/v1/compliance/reports/+999999999-12, period",
        "/api/v1/compliance/reports/9999-12?format=html&colour=red, colour",
        "/api/v1/compliance/scorecards?form=csv, form",
        "/api/v1/compliance/findings?openOnly=maybe, openOnly"
    })
    void refusesAbsurdPeriodsAndUnknownParametersWith400(String path, String field) {
        HttpResponse<String> response = api().get(path);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Api.json(response).get("errors").findValuesAsText("field")).containsExactly(field);
    }

    private JsonNode scorecard() {
        HttpResponse<String> response = api().get("/api/v1/compliance/scorecards/seeded?from=2026-11-01&to=2026-12-01");
        assertThat(response.statusCode()).isEqualTo(200);
        return Api.json(response);
    }

    private void notice(
            String name,
            String type,
            String urgency,
            String category,
            String state,
            String issued,
            Integer deliveredAfter,
            Integer respondedAfter,
            Integer closedAfter,
            String reason) {
        Instant issuedAt = Instant.parse(issued);
        Duration action = urgency.equals("URGENT") ? Duration.ofHours(4) : Duration.ofHours(24);
        jdbc.sql("""
                insert into notice (id, partner_id, type, urgency, category, state, issued_at, ack_deadline, action_deadline,
                    notice_json, delivered_at, responded_at, closed_at, status_reason)
                values (?, 'seeded', ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?)""")
                .params(
                        "seeded-" + name,
                        type,
                        urgency,
                        category,
                        state,
                        utc(issuedAt),
                        utc(issuedAt.plus(Duration.ofHours(1))),
                        utc(issuedAt.plus(action)),
                        after(issuedAt, deliveredAfter),
                        after(issuedAt, respondedAfter),
                        after(issuedAt, closedAfter),
                        reason)
                .update();
    }

    private void finding(String check, String severity, String closedAt) {
        jdbc.sql("""
                insert into security_finding (partner_id, check_key, subject, severity, detail, opened_at, last_seen_at, closed_at)
                values ('seeded', ?, 'TLS endpoint', ?, 'seeded', ?, ?, ?)""")
                .params(
                        check,
                        severity,
                        utc(Instant.parse("2026-11-01T00:00:00Z")),
                        utc(Instant.parse("2026-11-01T00:00:00Z")),
                        closedAt == null ? null : utc(Instant.parse(closedAt)))
                .update();
    }

    private static java.time.OffsetDateTime after(Instant issuedAt, Integer minutes) {
        return minutes == null ? null : utc(issuedAt.plus(Duration.ofMinutes(minutes)));
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(java.time.ZoneOffset.UTC);
    }

    /** Signed in as compliance staff, whose endpoints these are. */
    private Api api() {
        return new Api(port).as(Api.COMPLIANCE);
    }
}
