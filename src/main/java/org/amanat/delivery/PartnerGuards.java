package org.amanat.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.amanat.ledger.Outbox;
import org.amanat.partner.Partner;
import org.amanat.partner.PartnerDirectory;
import org.amanat.partner.PartnerProfile;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Each partner's Resilience4j circuit breaker, made from its profile, and the thread pool its
 * deliveries run on (as large as its bulkhead), bound in Camel's registry for its delivery route.
 * When a breaker closes again, the partner's backlog becomes due at once.
 */
@Component
class PartnerGuards implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(PartnerGuards.class);
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    private final Map<String, ExecutorService> pools;

    PartnerGuards(PartnerDirectory partners, CamelContext camel, Outbox outbox, Clock clock, MeterRegistry meters) {
        for (Partner partner : partners.all()) {
            CircuitBreaker breaker = breakers.circuitBreaker(
                    partner.id(), config(partner.profile().resilience().circuitBreaker()));
            // One gauge per state, 1 for the current one, as Resilience4j's own binder reports it.
            for (CircuitBreaker.State state :
                    List.of(CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN)) {
                Gauge.builder("amanat.delivery.breaker.state", breaker, b -> b.getState() == state ? 1 : 0)
                        .tag("partner", partner.id())
                        .tag("state", state.name().toLowerCase())
                        .description("the partner's circuit breaker: 1 in its current state")
                        .register(meters);
            }
            breaker.getEventPublisher().onStateTransition(event -> {
                log.info("circuit breaker of {}: {}", partner.id(), event.getStateTransition());
                if (event.getStateTransition().getToState() == CircuitBreaker.State.CLOSED) {
                    // The partner is back: its backlog is due now, and goes out in issue order.
                    outbox.makeDueNow(partner.id(), clock.instant());
                }
            });
            camel.getRegistry().bind(breakerName(partner.id()), breaker);
        }
        this.pools = partners.all().stream()
                .collect(Collectors.toUnmodifiableMap(
                        Partner::id,
                        p -> Executors.newFixedThreadPool(
                                p.profile().resilience().bulkhead(), r -> new Thread(r, "deliver-" + p.id()))));
        pools.forEach((id, pool) -> camel.getRegistry().bind("amanatPool-" + id, pool));
    }

    static String breakerName(String partnerId) {
        return "amanatBreaker-" + partnerId;
    }

    private static CircuitBreakerConfig config(PartnerProfile.CircuitBreaker cb) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(cb.failureRateThreshold())
                .slowCallRateThreshold(cb.slowCallRateThreshold())
                .slowCallDurationThreshold(cb.slowCallDurationThreshold())
                .slidingWindowSize(cb.slidingWindowSize())
                .minimumNumberOfCalls(cb.minimumNumberOfCalls())
                .waitDurationInOpenState(cb.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(cb.permittedCallsInHalfOpenState())
                // The poller does not call an open breaker, so it must move to half-open by itself.
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build();
    }

    /**
     * How many notices the partner's route may take now: none while its breaker is open, the probes
     * allowed while half-open (at most {@code batchSize}), otherwise {@code batchSize}.
     */
    int budget(String partnerId, int batchSize) {
        CircuitBreaker breaker = breakers.circuitBreaker(partnerId);
        return switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> 0;
            case HALF_OPEN ->
                Math.min(batchSize, breaker.getCircuitBreakerConfig().getPermittedNumberOfCallsInHalfOpenState());
            default -> batchSize;
        };
    }

    /** Whether the partner's breaker lets calls through now (closed or half-open): checked again before each send. */
    boolean permitsCalls(String partnerId) {
        CircuitBreaker.State state = breakers.circuitBreaker(partnerId).getState();
        return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
    }

    /** Whether the partner's breaker is half-open, letting a few probes through. */
    boolean probing(String partnerId) {
        return breakers.circuitBreaker(partnerId).getState() == CircuitBreaker.State.HALF_OPEN;
    }

    @Override
    public void destroy() {
        pools.values().forEach(ExecutorService::shutdownNow);
    }
}
