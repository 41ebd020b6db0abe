package org.amanat.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.amanat.TestClock;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(
            new SecuritySettings.Throttle(3, 5, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(15)),
            clock);

    @Test
    void holdsAUserBackAfterFailuresInARowDoublingEachTimeUpToTheMaximum() {
        throttle.failed("officer-17", "10.0.0.1");
        throttle.failed("officer-17", "10.0.0.2");
        assertThat(throttle.heldBack("officer-17", "10.0.0.3")).isZero();

        throttle.failed("officer-17", "10.0.0.3");
        assertThat(throttle.heldBack("officer-17", "10.0.0.4"))
                .as("third failure")
                .isEqualTo(Duration.ofSeconds(1));
        throttle.failed("officer-17", "10.0.0.4");
        assertThat(throttle.heldBack("officer-17", "10.0.0.5")).isEqualTo(Duration.ofSeconds(2));
        for (int i = 0; i < 10; i++) {
            throttle.failed("officer-17", "10.0.1." + i);
        }
        assertThat(throttle.heldBack("officer-17", "10.0.2.1")).as("capped").isEqualTo(Duration.ofSeconds(10));
        assertThat(throttle.heldBack("officer-9", "10.0.2.1"))
                .as("another user")
                .isZero();

        clock.advance(Duration.ofSeconds(10));
        assertThat(throttle.heldBack("officer-17", "10.0.2.1")).isZero();
    }

    @Test
    void holdsAClientBackThatTriesManyNames() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("guess-" + i, "192.0.2.7");
        }

        assertThat(throttle.heldBack("officer-17", "192.0.2.7")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.heldBack("officer-17", "192.0.2.8")).isZero();
    }

    @Test
    void aSuccessClearsTheUserAndOldFailuresAreForgotten() {
        throttle.failed("officer-17", null);
        throttle.failed("officer-17", null);
        throttle.succeeded("officer-17");
        throttle.failed("officer-17", null);
        throttle.failed("officer-17", null);
        assertThat(throttle.heldBack("officer-17", null))
                .as("counted from one again")
                .isZero();

        clock.advance(Duration.ofMinutes(16));
        throttle.failed("officer-17", null);
        assertThat(throttle.heldBack("officer-17", null))
                .as("the earlier two forgotten")
                .isZero();
    }
}
