package org.amanat.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each partner's breaker from its profile (half-open: 2 probes), its pool as large as its bulkhead (4). */
class PartnerGuardsTest {
    private final DeliveryFixture fixture = new DeliveryFixture();
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PartnerGuards guards =
            new PartnerGuards(fixture.partners, camel, fixture.ledgers.outbox(), fixture.clock, meters);
    private final CircuitBreaker breaker =
            camel.getRegistry().lookupByNameAndType(PartnerGuards.breakerName("globaltube"), CircuitBreaker.class);

    @AfterEach
    void stop() {
        guards.destroy();
    }

    @Test
    void aClosedBreakerTakesTheWholeBatch() {
        assertThat(guards.budget("globaltube", 50)).isEqualTo(50);
        assertThat(guards.permitsCalls("globaltube")).isTrue();
        assertThat(guards.probing("globaltube")).isFalse();
    }

    @Test
    void anOpenBreakerTakesNothingAndLetsNoCallThrough() {
        breaker.transitionToOpenState();

        assertThat(guards.budget("globaltube", 50)).isZero();
        assertThat(guards.permitsCalls("globaltube")).isFalse();
        assertThat(guards.probing("globaltube")).isFalse();
    }

    @Test
    void aForcedOpenBreakerIsOpen() {
        breaker.transitionToForcedOpenState();

        assertThat(guards.budget("globaltube", 50)).isZero();
        assertThat(guards.permitsCalls("globaltube")).isFalse();
    }

    @Test
    void aHalfOpenBreakerTakesItsProbesAtMostTheBatch() {
        breaker.transitionToOpenState();
        breaker.transitionToHalfOpenState();

        assertThat(guards.budget("globaltube", 50)).isEqualTo(2);
        assertThat(guards.budget("globaltube", 1)).isEqualTo(1);
        assertThat(guards.permitsCalls("globaltube")).isTrue();
        assertThat(guards.probing("globaltube")).isTrue();
    }

    @Test
    void theBreakerFollowsTheProfile() {
        var config = breaker.getCircuitBreakerConfig();

        assertThat(config.getFailureRateThreshold()).isEqualTo(50f);
        assertThat(config.getSlowCallRateThreshold()).isEqualTo(100f);
        assertThat(config.getSlowCallDurationThreshold()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.getSlidingWindowSize()).isEqualTo(10);
        assertThat(config.getMinimumNumberOfCalls()).isEqualTo(5);
        assertThat(config.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(2);
        assertThat(config.isAutomaticTransitionFromOpenToHalfOpenEnabled()).isTrue();
    }

    @Test
    void aBreakerThatClosesAgainMakesTheBacklogDueNow() {
        String id = fixture.issue(fixture.clock.instant());
        fixture.ledgers
                .jdbc()
                .sql("update outbox set due_at = ? where notice_id = ?")
                .params(fixture.clock.instant().plusSeconds(300).atOffset(java.time.ZoneOffset.UTC), id)
                .update();
        breaker.transitionToOpenState();
        breaker.transitionToHalfOpenState();

        breaker.transitionToClosedState();

        assertThat(fixture.ledgers
                        .outbox()
                        .claim(
                                "globaltube",
                                "node-1",
                                fixture.clock.instant(),
                                DeliveryFixture.LEASE,
                                10,
                                false,
                                Set.of()))
                .hasSize(1);
    }

    @Test
    void aBreakerThatOpensLeavesTheBacklogWhenItIsDue() {
        String id = fixture.issue(fixture.clock.instant());
        fixture.ledgers
                .jdbc()
                .sql("update outbox set due_at = ? where notice_id = ?")
                .params(fixture.clock.instant().plusSeconds(300).atOffset(java.time.ZoneOffset.UTC), id)
                .update();

        breaker.transitionToOpenState();

        assertThat(fixture.ledgers
                        .outbox()
                        .claim(
                                "globaltube",
                                "node-1",
                                fixture.clock.instant(),
                                DeliveryFixture.LEASE,
                                10,
                                false,
                                Set.of()))
                .isEmpty();
    }

    @Test
    void reportsTheBreakersStateAsOneGaugePerState() {
        assertThat(gauge("closed")).isEqualTo(1.0);
        assertThat(gauge("open")).isEqualTo(0.0);

        breaker.transitionToOpenState();

        assertThat(gauge("closed")).isEqualTo(0.0);
        assertThat(gauge("open")).isEqualTo(1.0);
        assertThat(gauge("half_open")).isEqualTo(0.0);
    }

    @Test
    void bindsAPoolAsLargeAsTheBulkhead() {
        ExecutorService pool = camel.getRegistry().lookupByNameAndType("amanatPool-globaltube", ExecutorService.class);

        assertThat(((ThreadPoolExecutor) pool).getMaximumPoolSize()).isEqualTo(4);
        guards.destroy();
        assertThat(pool.isShutdown()).isTrue();
    }

    private double gauge(String state) {
        return meters.get("amanat.delivery.breaker.state")
                .tag("partner", "globaltube")
                .tag("state", state)
                .gauge()
                .value();
    }
}
