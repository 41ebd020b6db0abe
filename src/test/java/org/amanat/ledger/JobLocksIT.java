package org.amanat.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
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
        // The clock's nanoseconds, which the database rounds to microseconds (here upwards): the first run must not be skipped.
        assertThat(locks.tryLock("first", "node-a", Instant.parse("2026-11-24T10:00:00.000000999Z"), HOLD)).isTrue();
    }

    @Test
    void anotherNodeWaitsUntilTheLockIsReleasedOrRunsOut() {
        Instant now = Instant.now();
        assertThat(locks.tryLock("job", "node-a", now, HOLD)).isTrue();

        assertThat(locks.tryLock("job", "node-b", now.plusSeconds(1), HOLD)).isFalse();
        assertThat(locks.tryLock("job", "node-b", now.plus(HOLD).plusSeconds(1), HOLD)).isTrue();
        locks.release("job", "node-b", now.plus(HOLD).plusSeconds(2));
        assertThat(locks.tryLock("job", "node-a", now.plus(HOLD).plusSeconds(3), HOLD)).isTrue();
    }
}
