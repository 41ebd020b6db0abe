package org.amanat.compliance.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.amanat.TestClock;
import org.amanat.compliance.ComplianceFixtures;
import org.amanat.compliance.ComplianceLedgers;
import org.amanat.delivery.DeliverySettings;
import org.amanat.ledger.DeadlineKind;
import org.amanat.ledger.PassedDeadline;
import org.amanat.ledger.TestLedgers;
import org.amanat.protocol.Category;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Escalations from the real ledger to a webhook on loopback that answers what the test says. */
class BreachEscalationsTest {
    private static final Instant ISSUED = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant DEADLINE = Instant.parse("2026-03-02T11:00:00Z");

    private final TestClock clock = new TestClock(DEADLINE.plusSeconds(7));
    private final TestLedgers ledgers = TestLedgers.create();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger answer = new AtomicInteger(204);
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private final HttpServer webhook = webhook();
    private final URI url =
            URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + Webhooks.PATH);

    @AfterEach
    void stop() {
        webhook.stop(0);
    }

    @Test
    void postsEachDueBreachSignedAndMarksItEscalated() throws IOException {
        String noticeId = notice();
        long breachId = breach(noticeId, clock.instant());

        assertThat(escalations(url).sendDue()).isEqualTo(1);

        Map<String, String> request = received.get(0);
        String id = "amanat-breach-" + breachId;
        assertThat(request.get("webhook-id")).isEqualTo(id);
        assertThat(request.get("webhook-timestamp"))
                .isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        assertThat(request.get("webhook-signature"))
                .isEqualTo(new WebhookSignature(Webhooks.SECRET)
                        .sign(id, clock.instant().getEpochSecond(), request.get("body")));
        assertThat(request.get("content-type")).startsWith("application/json");
        JsonNode body = json.readTree(request.get("body"));
        assertThat(body.toString())
                .isEqualTo(
                        "{\"type\":\"amanat.breach\","
                                + "\"breachId\":" + breachId + ",\"partnerId\":\"globaltube\",\"noticeId\":\""
                                + noticeId + "\",\"kind\":\"ACK\","
                                + "\"deadline\":\"2026-03-02T11:00:00Z\",\"detectedAt\":\"2026-03-02T11:00:07Z\",\"noticeType\":\"TAKEDOWN\","
                                + "\"urgency\":\"URGENT\",\"category\":\"FRAUD\",\"detail\":\"no signed receipt by the deadline\"}");
        assertThat(row(breachId)).isEqualTo(Map.of("escalated_at", "2026-03-02T11:00:07Z", "attempts", "1"));
    }

    @Test
    void anyTwoHundredAnswerIsAcceptance() {
        answer.set(299);
        long breachId = breach(notice(), clock.instant());

        assertThat(escalations(url).sendDue()).isEqualTo(1);
        assertThat(row(breachId)).containsEntry("escalated_at", "2026-03-02T11:00:07Z");
    }

    @Test
    void anyOtherAnswerIsTriedAgainLaterWithTheFirstRetryInterval() {
        answer.set(300);
        long breachId = breach(notice(), clock.instant());

        assertThat(escalations(url).sendDue()).isZero();

        assertThat(row(breachId))
                .isEqualTo(Map.of("due_at", "2026-03-02T11:00:17Z", "attempts", "1", "error", "HTTP 300"));
    }

    @Test
    void waitsTwiceAsLongAfterEachFailure() {
        answer.set(500);
        long breachId = breach(notice(), clock.instant());
        var escalations = escalations(url);
        escalations.sendDue();

        assertThat(escalations.sendDue()).as("not due yet").isZero();
        assertThat(received).hasSize(1);
        clock.advance(Duration.ofSeconds(10));
        escalations.sendDue();

        // 10 s after the first failure, 20 s after the second
        assertThat(row(breachId))
                .isEqualTo(Map.of("due_at", "2026-03-02T11:00:37Z", "attempts", "2", "error", "HTTP 500"));
    }

    @Test
    void aWebhookThatCannotBeReachedIsTriedAgain() {
        webhook.stop(0);
        long breachId = breach(notice(), clock.instant());

        assertThat(escalations(url).sendDue()).isZero();

        assertThat(row(breachId)).containsEntry("attempts", "1").containsEntry("due_at", "2026-03-02T11:00:17Z");
        assertThat(row(breachId).get("error")).contains("Connect");
    }

    @Test
    void retriesDoubleFromTheFirstIntervalUpToTheCap() {
        var escalations = escalations(url);

        assertThat(escalations.retryAfter(0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(escalations.retryAfter(1)).isEqualTo(Duration.ofSeconds(20));
        assertThat(escalations.retryAfter(5)).isEqualTo(Duration.ofSeconds(320));
        assertThat(escalations.retryAfter(6)).as("640 s, over the 10 min cap").isEqualTo(Duration.ofMinutes(10));
        assertThat(escalations.retryAfter(1_000)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void sendsAtMostTwentyARound() {
        String noticeId = notice();
        for (int i = 0; i < 21; i++) {
            breach(
                    ledgers.issue(
                            "globaltube",
                            NoticeType.TAKEDOWN,
                            Urgency.URGENT,
                            Category.FRAUD,
                            ISSUED,
                            DEADLINE,
                            DEADLINE.plusSeconds(3600)),
                    clock.instant());
        }
        breach(noticeId, clock.instant());

        assertThat(escalations(url).sendDue()).isEqualTo(20);
    }

    @Test
    void aBreachDueLaterIsNotSentYet() {
        breach(notice(), clock.instant().plusSeconds(1));

        assertThat(escalations(url).sendDue()).isZero();
        assertThat(received).isEmpty();
    }

    @Test
    void withoutAWebhookNothingIsSent() {
        breach(notice(), clock.instant());

        assertThat(escalations(null).sendDue()).isZero();
        assertThat(received).isEmpty();
    }

    @Test
    void skipsTheRoundWhileAnotherNodeHoldsTheLockAndLetsGoOfItsOwn() {
        breach(notice(), clock.instant());
        ledgers.jobLocks().tryLock(BreachEscalations.JOB, "node-2", clock.instant(), Duration.ofMinutes(1));

        assertThat(escalations(url).sendDue()).isZero();
        assertThat(received).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        assertThat(escalations(url).sendDue()).isEqualTo(1);
        assertThat(ledgers.jobLocks().tryLock(BreachEscalations.JOB, "node-2", clock.instant(), Duration.ofMinutes(1)))
                .isTrue();
    }

    private BreachEscalations escalations(URI webhookUrl) {
        return new BreachEscalations(
                ComplianceLedgers.breaches(ledgers),
                ledgers.jobLocks(),
                ComplianceFixtures.settings(webhookUrl, 500),
                new DeliverySettings(true, Duration.ofMillis(50), 50, Duration.ofSeconds(60), "node-1"),
                clock,
                json);
    }

    private String notice() {
        return ledgers.issue(
                "globaltube",
                NoticeType.TAKEDOWN,
                Urgency.URGENT,
                Category.FRAUD,
                ISSUED,
                DEADLINE,
                DEADLINE.plusSeconds(3 * 3600));
    }

    private long breach(String noticeId, Instant escalateAt) {
        return ComplianceLedgers.breaches(ledgers)
                .record(
                        new PassedDeadline(
                                noticeId, "globaltube", NoticeType.TAKEDOWN, DeadlineKind.ACK, DEADLINE, null, null),
                        clock.instant(),
                        "no signed receipt by the deadline",
                        escalateAt)
                .orElseThrow()
                .id();
    }

    /** The breach's escalation columns that are set. */
    private Map<String, String> row(long breachId) {
        return ledgers.jdbc()
                .sql(
                        "select escalated_at, escalation_due_at, escalation_attempts, escalation_error from breach where id = ?")
                .param(breachId)
                .query((rs, n) -> {
                    var row = new java.util.HashMap<String, String>();
                    OffsetDateTime escalated = rs.getObject(1, OffsetDateTime.class);
                    OffsetDateTime due = rs.getObject(2, OffsetDateTime.class);
                    if (escalated != null) {
                        row.put("escalated_at", escalated.toInstant().toString());
                    }
                    if (due != null) {
                        row.put("due_at", due.toInstant().toString());
                    }
                    row.put("attempts", Integer.toString(rs.getInt(3)));
                    if (rs.getString(4) != null) {
                        row.put("error", rs.getString(4));
                    }
                    return (Map<String, String>) row;
                })
                .single();
    }

    private HttpServer webhook() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext(Webhooks.PATH, exchange -> {
                var request = new java.util.HashMap<String, String>();
                exchange.getRequestHeaders().forEach((name, values) -> request.put(name.toLowerCase(), values.get(0)));
                request.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                received.add(request);
                exchange.sendResponseHeaders(answer.get(), -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
