package org.amanat.compliance.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.amanat.ledger.DeadlineKind;
import org.amanat.ledger.PassedDeadline;
import org.amanat.protocol.NoticeType;
import org.junit.jupiter.api.Test;

/** A passed deadline at 12:00 is a breach unless met by then, moot, or an action owed by no one. */
class BreachRulesTest {
    private static final Instant DEADLINE = Instant.parse("2026-03-02T12:00:00Z");

    @Test
    void aReceiptByTheDeadlineIsNoBreach() {
        assertThat(BreachRules.breach(passed(NoticeType.TAKEDOWN, DeadlineKind.ACK, DEADLINE.minusSeconds(60), null)))
                .isNull();
        assertThat(BreachRules.breach(passed(NoticeType.TAKEDOWN, DeadlineKind.ACK, DEADLINE, null)))
                .as("exactly at it")
                .isNull();
    }

    @Test
    void aLateReceiptSaysByHowMuchAndWhen() {
        Instant met = DEADLINE.plus(Duration.ofMinutes(90));

        assertThat(BreachRules.breach(passed(NoticeType.TAKEDOWN, DeadlineKind.ACK, met, null)))
                .isEqualTo("signed receipt 1h30m late, at 2026-03-02T13:30:00Z");
    }

    @Test
    void aReportOneSecondLateIsABreach() {
        assertThat(BreachRules.breach(passed(NoticeType.BLOCK, DeadlineKind.ACTION, DEADLINE.plusSeconds(1), null)))
                .isEqualTo("final report (actioned or rejected) 1s late, at 2026-03-02T12:00:01Z");
    }

    @Test
    void anUnmetObligationNamesTheDeadline() {
        assertThat(BreachRules.breach(passed(NoticeType.TAKEDOWN, DeadlineKind.ACTION, null, null)))
                .isEqualTo("no final report (actioned or rejected) by the deadline 2026-03-02T12:00:00Z");
        assertThat(BreachRules.breach(passed(NoticeType.TAKEDOWN, DeadlineKind.ACK, null, null)))
                .isEqualTo("no signed receipt by the deadline 2026-03-02T12:00:00Z");
    }

    @Test
    void aWithdrawalOwesNoActionButStillAReceipt() {
        assertThat(BreachRules.breach(passed(NoticeType.WITHDRAWAL, DeadlineKind.ACTION, null, null)))
                .isNull();
        assertThat(BreachRules.breach(passed(NoticeType.WITHDRAWAL, DeadlineKind.ACK, null, null)))
                .startsWith("no signed receipt");
    }

    @Test
    void aNoticeTheMinistryEndedByTheDeadlineOwedNothing() {
        assertThat(BreachRules.breach(passed(NoticeType.TAKEDOWN, DeadlineKind.ACTION, null, DEADLINE)))
                .isNull();
    }

    @Test
    void aNoticeTheMinistryEndedAfterTheDeadlineWasBreachedBefore() {
        assertThat(BreachRules.breach(passed(NoticeType.TAKEDOWN, DeadlineKind.ACTION, null, DEADLINE.plusSeconds(1))))
                .startsWith("no final report");
    }

    private static PassedDeadline passed(NoticeType type, DeadlineKind kind, Instant metAt, Instant closedAt) {
        return new PassedDeadline(
                "01a20000-0000-7000-8000-000000000001", "globaltube", type, kind, DEADLINE, metAt, closedAt);
    }
}
