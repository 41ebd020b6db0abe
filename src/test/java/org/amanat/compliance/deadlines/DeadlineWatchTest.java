package org.amanat.compliance.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.amanat.TestClock;
import org.amanat.compliance.ComplianceFixtures;
import org.amanat.compliance.ComplianceLedgers;
import org.amanat.delivery.DeliverySettings;
import org.amanat.ledger.DeadlineKind;
import org.amanat.ledger.NoticeEventKind;
import org.amanat.ledger.TestLedgers;
import org.amanat.partner.TestPartners;
import org.amanat.protocol.Category;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;
import org.junit.jupiter.api.Test;

/** The watch on the real ledger: notices issued at 10:00 owe a receipt by 11:00 and a report by 14:00. */
class DeadlineWatchTest {
    private static final Instant ISSUED = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant ACK_DEADLINE = ISSUED.plus(TestPartners.ACK_WITHIN);
    private static final Instant ACTION_DEADLINE = ISSUED.plus(TestPartners.URGENT_WITHIN);
    private static final URI WEBHOOK = URI.create("http://127.0.0.1:9/hooks/breach");

    private final TestClock clock = new TestClock(ACK_DEADLINE.plusSeconds(1));
    private final TestLedgers ledgers = TestLedgers.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void recordsAMissedReceiptOnceWithItsEventAndMetric() {
        String id = notice(NoticeType.TAKEDOWN);

        assertThat(watch(WEBHOOK, 500).scan()).isEqualTo(1);
        assertThat(watch(WEBHOOK, 500).scan()).as("the second scan").isZero();

        assertThat(breaches()).containsExactly(id + " ACK no signed receipt by the deadline 2026-03-02T11:00:00Z");
        assertThat(ledgers.notices().events(id)).extracting(e -> e.kind()).contains(NoticeEventKind.BREACH_ACK);
        assertThat(meters.counter("amanat.breaches", "partner", "globaltube", "kind", "ACK")
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void aDeadlineNotYetPassedIsNotJudged() {
        clock.set(ACK_DEADLINE.minusMillis(1));
        notice(NoticeType.TAKEDOWN);

        assertThat(watch(WEBHOOK, 500).scan()).isZero();
    }

    @Test
    void aDeadlineMetIsNoBreach() {
        String id = notice(NoticeType.TAKEDOWN);
        ledgers.setNotice(id, "delivered_at", ACK_DEADLINE);

        assertThat(watch(WEBHOOK, 500).scan()).isZero();
    }

    @Test
    void judgesBothKindsOfDeadline() {
        clock.set(ACTION_DEADLINE);
        String id = notice(NoticeType.BLOCK);

        assertThat(watch(WEBHOOK, 500).scan()).isEqualTo(2);
        assertThat(breaches())
                .containsExactly(
                        id + " ACK no signed receipt by the deadline 2026-03-02T11:00:00Z",
                        id + " ACTION no final report (actioned or rejected) by the deadline 2026-03-02T14:00:00Z");
    }

    @Test
    void readsPageAfterPageWithoutMissingOrRepeatingAny() {
        for (int i = 0; i < 5; i++) {
            notice(NoticeType.TAKEDOWN);
        }

        assertThat(watch(WEBHOOK, 2).scan()).isEqualTo(5);
        assertThat(breaches()).hasSize(5);
        assertThat(ComplianceLedgers.breaches(ledgers).scannedTo(DeadlineKind.ACK))
                .isEqualTo(clock.instant());
    }

    @Test
    void aFullLastPageIsFollowedByAnEmptyOne() {
        for (int i = 0; i < 4; i++) {
            notice(NoticeType.TAKEDOWN);
        }

        assertThat(watch(WEBHOOK, 2).scan()).isEqualTo(4);
    }

    @Test
    void startsWhereTheLastScanEnded() {
        notice(NoticeType.TAKEDOWN);
        watch(WEBHOOK, 500).scan();
        clock.advance(Duration.ofMinutes(1));
        // deadlines the last scan already passed are not read again: a breach recorded since is not re-found
        ledgers.jdbc().sql("delete from breach").update();

        assertThat(watch(WEBHOOK, 500).scan()).isZero();
    }

    @Test
    void aBreachAlreadyOnRecordIsNotCountedAgain() {
        String id = notice(NoticeType.TAKEDOWN);
        ComplianceLedgers.breaches(ledgers)
                .record(
                        new org.amanat.ledger.PassedDeadline(
                                id, "globaltube", NoticeType.TAKEDOWN, DeadlineKind.ACK, ACK_DEADLINE, null, null),
                        clock.instant(),
                        "found by another node",
                        null);

        assertThat(watch(WEBHOOK, 500).scan()).isZero();
        assertThat(meters.find("amanat.breaches").counter()).isNull();
    }

    @Test
    void keepsItsProgressAfterEachFullPage() {
        for (int i = 0; i < 3; i++) {
            notice(NoticeType.TAKEDOWN);
        }
        var passed = org.mockito.Mockito.spy(ledgers.passedDeadlines());
        org.mockito.Mockito.doCallRealMethod()
                .doThrow(new IllegalStateException("node stopped"))
                .when(passed)
                .page(
                        org.mockito.ArgumentMatchers.any(),
                        org.mockito.ArgumentMatchers.any(),
                        org.mockito.ArgumentMatchers.any(),
                        org.mockito.ArgumentMatchers.any(),
                        org.mockito.ArgumentMatchers.anyInt());
        var watch = new DeadlineWatch(
                ComplianceLedgers.breaches(ledgers),
                passed,
                ledgers.jobLocks(),
                ComplianceFixtures.settings(WEBHOOK, 2),
                new DeliverySettings(true, Duration.ofMillis(50), 50, Duration.ofSeconds(60), "node-1"),
                clock,
                meters);

        org.assertj.core.api.Assertions.assertThatThrownBy(watch::scan).hasMessage("node stopped");

        assertThat(ComplianceLedgers.breaches(ledgers).scannedTo(DeadlineKind.ACK))
                .as("the first page's last deadline")
                .isEqualTo(ACK_DEADLINE);
    }

    @Test
    void aRecentBreachIsDueForEscalationNow() {
        notice(NoticeType.TAKEDOWN);

        watch(WEBHOOK, 500).scan();

        assertThat(escalationDue()).containsExactly(clock.instant());
    }

    @Test
    void withoutAWebhookNothingIsDueForEscalation() {
        notice(NoticeType.TAKEDOWN);

        watch(null, 500).scan();

        assertThat(escalationDue()).containsExactly((Instant) null);
    }

    @Test
    void aBreachFoundAWeekLateIsRecordedButNotEscalated() {
        notice(NoticeType.WITHDRAWAL); // owes a receipt only
        clock.set(ACK_DEADLINE.plus(DeadlineWatch.ESCALATION_MAX_AGE));

        assertThat(watch(WEBHOOK, 500).scan()).isEqualTo(1);
        assertThat(escalationDue()).containsExactly((Instant) null);
    }

    @Test
    void aBreachFoundJustUnderAWeekLateIsStillEscalated() {
        notice(NoticeType.WITHDRAWAL); // owes a receipt only
        clock.set(ACK_DEADLINE.plus(DeadlineWatch.ESCALATION_MAX_AGE).minusMillis(1));

        watch(WEBHOOK, 500).scan();

        assertThat(escalationDue()).containsExactly(clock.instant());
    }

    @Test
    void aWithdrawalOwesOnlyItsReceipt() {
        clock.set(ACTION_DEADLINE.plusSeconds(1));
        notice(NoticeType.WITHDRAWAL);

        assertThat(watch(WEBHOOK, 500).scan()).isEqualTo(1);
        assertThat(breaches()).singleElement().satisfies(b -> assertThat(b).contains(" ACK "));
    }

    @Test
    void skipsTheScanWhileAnotherNodeHoldsTheLock() {
        notice(NoticeType.TAKEDOWN);
        ledgers.jobLocks().tryLock(DeadlineWatch.JOB, "node-2", clock.instant(), Duration.ofMinutes(5));

        assertThat(watch(WEBHOOK, 500).scan()).isZero();
        assertThat(breaches()).isEmpty();
    }

    @Test
    void letsGoOfTheLockWhenDone() {
        watch(WEBHOOK, 500).scan();

        assertThat(ledgers.jobLocks().tryLock(DeadlineWatch.JOB, "node-2", clock.instant(), Duration.ofMinutes(5)))
                .isTrue();
    }

    @Test
    void onlyAWithdrawalOwesNoAction() {
        assertThat(DeadlineWatch.hasActionObligation(NoticeType.WITHDRAWAL)).isFalse();
        assertThat(List.of(NoticeType.TAKEDOWN, NoticeType.BLOCK, NoticeType.RESTORE))
                .allMatch(DeadlineWatch::hasActionObligation);
    }

    private DeadlineWatch watch(URI webhook, int batch) {
        return new DeadlineWatch(
                ComplianceLedgers.breaches(ledgers),
                ledgers.passedDeadlines(),
                ledgers.jobLocks(),
                ComplianceFixtures.settings(webhook, batch),
                new DeliverySettings(true, Duration.ofMillis(50), 50, Duration.ofSeconds(60), "node-1"),
                clock,
                meters);
    }

    private String notice(NoticeType type) {
        return ledgers.issue("globaltube", type, Urgency.URGENT, Category.FRAUD, ISSUED, ACK_DEADLINE, ACTION_DEADLINE);
    }

    private List<String> breaches() {
        return ledgers.jdbc()
                .sql("select notice_id, kind, detail from breach order by id")
                .query((rs, row) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))
                .list();
    }

    private List<Instant> escalationDue() {
        return ledgers.jdbc()
                .sql("select escalation_due_at from breach order by id")
                .query((rs, row) -> {
                    OffsetDateTime at = rs.getObject(1, OffsetDateTime.class);
                    return at == null ? null : at.toInstant();
                })
                .list();
    }
}
