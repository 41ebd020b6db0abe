package org.amanat.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.amanat.ledger.DatabaseUnavailable;
import org.amanat.ledger.DueDelivery;
import org.amanat.ledger.Outbox;
import org.amanat.partner.PartnerDirectory;
import org.amanat.protocol.SafeText;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Leases due outbox entries for this node (the first step of each partner's delivery route), no more
 * than the partner's bulkhead can take at once, so no leased entry waits in a queue; keeps the leases
 * of entries in flight renewed, and checks each lease and the breaker again just before sending.
 */
@Component
class DueDeliveries implements InitializingBean, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(DueDeliveries.class);

    private final Outbox outbox;
    private final DeliverySettings settings;
    private final PartnerGuards guards;
    private final PartnerDirectory partners;
    private final Clock clock;
    /** When the database stopped answering this node's claims; null while it answers. */
    private final AtomicReference<Instant> outageSince = new AtomicReference<>();
    /** Leased by this node and not yet recorded, by notice id. */
    private final Map<String, DueDelivery> inFlight = new ConcurrentHashMap<>();

    private final ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "lease-renewal");
        thread.setDaemon(true);
        return thread;
    });

    DueDeliveries(
            Outbox outbox, DeliverySettings settings, PartnerGuards guards, PartnerDirectory partners, Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
        this.guards = guards;
        this.partners = partners;
        this.clock = clock;
    }

    /** A node that crashed mid-delivery takes back its own leases at once, rather than waiting for them to run out. */
    @Override
    public void afterPropertiesSet() {
        int released = outbox.releaseLeasesOf(settings.nodeId());
        if (released > 0) {
            log.info("released {} outbox leases left by node {} before it stopped", released, settings.nodeId());
        }
        // Three renewals per lease: one missed (a slow database) does not lose it; a node that is paused misses them
        // all.
        long every = Math.max(settings.lease().toMillis() / 3, 10);
        renewal.scheduleWithFixedDelay(this::renewInFlight, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * A partner's due notices, in issue order, as many as its bulkhead has free slots and its circuit
     * breaker lets through now. While the breaker is half-open the probes are the partner's oldest
     * notices, due or not, so that once it closes the backlog goes out in issue order. While the
     * database is unavailable: none, and the route polls again as usual, so delivery resumes by itself
     * when it answers.
     */
    public List<DueDelivery> claim(String partnerId) {
        int free = partners.get(partnerId).profile().resilience().bulkhead() - inFlight(partnerId);
        int budget = guards.budget(partnerId, Math.min(settings.batchSize(), free));
        if (budget <= 0) {
            return List.of();
        }
        List<DueDelivery> due;
        try {
            // this node's own entries still in flight stay out even if a starved renewal let their lease run out
            due = outbox.claim(
                    partnerId,
                    settings.nodeId(),
                    clock.instant(),
                    settings.lease(),
                    budget,
                    guards.probing(partnerId),
                    Set.copyOf(inFlight.keySet()));
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.causedBy(e)) {
                throw e;
            }
            databaseDown(e);
            return List.of();
        }
        databaseUp();
        due.forEach(delivery -> inFlight.put(delivery.noticeId(), delivery));
        return due;
    }

    /**
     * One line when the database stops answering, not one per poll of every partner's route: the outage is the
     * node's, not a partner's. Nothing is recorded: nothing was leased, and the ledger cannot be written anyway.
     */
    private void databaseDown(RuntimeException e) {
        if (outageSince.compareAndSet(null, clock.instant())) {
            log.warn(
                    "database unavailable: delivery waits until it answers again ({})",
                    SafeText.forLog(DatabaseUnavailable.reason(e)));
        }
    }

    private void databaseUp() {
        Instant since = outageSince.getAndSet(null);
        if (since != null) {
            log.info(
                    "database answers again: delivery resumed after {} ms without it",
                    Duration.between(since, clock.instant()).toMillis());
        }
    }

    /**
     * Route step just before the send: only while the partner's breaker lets calls through and this node
     * still holds the lease, renewed now for the whole exchange. Otherwise nothing is sent.
     */
    public void beforeSend(@ExchangeProperty(DeliveryRoute.DELIVERY) DueDelivery delivery) {
        if (!guards.permitsCalls(delivery.partnerId())) {
            throw new NotSentException("the partner's circuit breaker is open");
        }
        if (!outbox.renew(delivery, clock.instant(), settings.lease())) {
            throw new NotSentException("this node's lease ran out or another node took the entry");
        }
    }

    /** The attempt is over (recorded or not): its lease needs no more renewing and its slot is free. */
    void finished(DueDelivery delivery) {
        if (delivery != null) {
            inFlight.remove(delivery.noticeId());
        }
    }

    private int inFlight(String partnerId) {
        return (int) inFlight.values().stream()
                .filter(delivery -> delivery.partnerId().equals(partnerId))
                .count();
    }

    private void renewInFlight() {
        for (DueDelivery delivery : inFlight.values()) {
            try {
                if (!outbox.renew(delivery, clock.instant(), settings.lease())) {
                    log.warn(
                            "notice {} to {}: this node lost its lease while the attempt was under way; its outcome will be recorded as late",
                            delivery.noticeId(),
                            delivery.partnerId());
                }
            } catch (RuntimeException e) {
                log.warn(
                        "could not renew the lease of notice {}: {}",
                        delivery.noticeId(),
                        SafeText.forLog(e.toString()));
            }
        }
    }

    @Override
    public void destroy() {
        renewal.shutdownNow();
    }
}
