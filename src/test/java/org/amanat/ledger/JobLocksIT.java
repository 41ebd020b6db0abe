package org.amanat.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;

/** The lock that keeps a timed job to one node, on the real schema, with the real clock's precision. */
@JdbcTest
@Import(JobLocks.class)
class JobLocksIT {
    static final Duration HOLD = Duration.ofMinutes(1);

    @Autowired
    JobLocks locks;

    @Test
    void aNewLockIsTakenAtTheFirstAttempt() {
        // The clock's nanoseconds, which the database rounds to microseconds (here upwards): the first run must not be
        // skipped.
        assertThat(locks.tryLock("first", "node-a", Instant.parse("2026-11-24T10:00:00.000000999Z"), HOLD))
                .isTrue();
    }

    @Test
    void aJobRunsAloneAndLetsGoOfTheLockHoweverItEnds() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
        assertThat(locks.tryLock("report", "node-b", clock.instant(), HOLD)).isTrue();

        assertThat(locks.runAlone("report", "node-a", clock, HOLD, () -> 1))
                .as("node-b holds it: not run")
                .isEmpty();
        locks.release("report", "node-b", clock.instant());
        assertThat(locks.runAlone("report", "node-a", clock, HOLD, () -> 2)).hasValue(2);
        assertThat(locks.tryLock("report", "node-b", clock.instant(), HOLD))
                .as("let go after the task")
                .isTrue();
        locks.release("report", "node-b", clock.instant());

        assertThatThrownBy(() -> locks.runAlone("report", "node-a", clock, HOLD, () -> {
                    throw new IllegalStateException("the job failed");
                }))
                .hasMessage("the job failed");
        assertThat(locks.tryLock("report", "node-b", clock.instant(), HOLD))
                .as("let go after a failure too")
                .isTrue();
    }

    @Test
    void anotherNodeWaitsUntilTheLockIsReleasedOrRunsOut() {
        Instant now = Instant.now();
        assertThat(locks.tryLock("job", "node-a", now, HOLD)).isTrue();

        assertThat(locks.tryLock("job", "node-b", now.plusSeconds(1), HOLD)).isFalse();
        assertThat(locks.tryLock("job", "node-b", now.plus(HOLD).plusSeconds(1), HOLD))
                .isTrue();
        locks.release("job", "node-b", now.plus(HOLD).plusSeconds(2));
        assertThat(locks.tryLock("job", "node-a", now.plus(HOLD).plusSeconds(3), HOLD))
                .isTrue();
    }
}
