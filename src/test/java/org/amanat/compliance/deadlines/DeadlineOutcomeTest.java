package org.amanat.compliance.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadlineOutcomeTest {
    static final Instant DEADLINE = Instant.parse("2026-11-02T12:00:00Z");
    static final Instant BEFORE = DEADLINE.minusSeconds(1);
    static final Instant AFTER = DEADLINE.plusSeconds(1);

    @Test
    void metAtTheDeadlineItselfIsOnTime() {
        assertThat(DeadlineOutcome.judge(DEADLINE, DEADLINE, null, AFTER)).isEqualTo(DeadlineOutcome.ON_TIME);
    }

    @Test
    void metAfterTheDeadlineIsLateEvenIfWithdrawnMeanwhile() {
        assertThat(DeadlineOutcome.judge(DEADLINE, AFTER, BEFORE, AFTER)).isEqualTo(DeadlineOutcome.LATE);
    }

    @Test
    void unmetAndPastIsLateUnmetAndAheadIsPending() {
        assertThat(DeadlineOutcome.judge(DEADLINE, null, null, AFTER)).isEqualTo(DeadlineOutcome.LATE);
        assertThat(DeadlineOutcome.judge(DEADLINE, null, null, BEFORE)).isEqualTo(DeadlineOutcome.PENDING);
    }

    @Test
    void endedByTheMinistryBeforeTheDeadlineIsMootAfterItIsLate() {
        assertThat(DeadlineOutcome.judge(DEADLINE, null, BEFORE, AFTER)).isEqualTo(DeadlineOutcome.MOOT);
        assertThat(DeadlineOutcome.judge(DEADLINE, null, AFTER, AFTER)).isEqualTo(DeadlineOutcome.LATE);
    }
}
