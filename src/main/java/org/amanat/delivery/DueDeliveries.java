package org.amanat.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.amanat.ledger.DatabaseUnavailable;
import org.amanat.ledger.DueDelivery;
import org.amanat.ledger.Outbox;
import org.amanat.protocol.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/** Leases due outbox entries for this node; the first step of each partner's delivery route. */
@Component
class DueDeliveries implements InitializingBean {
    private static final Logger log = LoggerFactory.getLogger(DueDeliveries.class);

    private final Outbox outbox;
    private final DeliverySettings settings;
    private final PartnerGuards guards;
    private final Clock clock;
    /** When the database stopped answering this node's claims; null while it answers. */
    private final AtomicReference<Instant> outageSince = new AtomicReference<>();

    DueDeliveries(Outbox outbox, DeliverySettings settings, PartnerGuards guards, Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
        this.guards = guards;
        this.clock = clock;
    }

    /** A node that crashed mid-delivery takes back its own leases at once, rather than waiting for them to run out. */
    @Override
    public void afterPropertiesSet() {
        int released = outbox.releaseLeasesOf(settings.nodeId());
        if (released > 0) {
            log.info("released {} outbox leases left by node {} before it stopped", released, settings.nodeId());
        }
    }

    /**
     * A partner's due notices, in issue order, as many as its circuit breaker lets through now. While
     * the breaker is half-open the probes are the partner's oldest notices, due or not, so that once
     * it closes the backlog goes out in issue order. While the database is unavailable: none, and the route polls
     * again as usual, so delivery resumes by itself when it answers.
     */
    public List<DueDelivery> claim(String partnerId) {
        int budget = guards.budget(partnerId, settings.batchSize());
        if (budget == 0) {
            return List.of();
        }
        List<DueDelivery> due;
        try {
            due = outbox.claim(partnerId, settings.nodeId(), clock.instant(), settings.lease(), budget, guards.probing(partnerId));
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.causedBy(e)) {
                throw e;
            }
            databaseDown(e);
            return List.of();
        }
        databaseUp();
        return due;
    }

    /**
     * One line when the database stops answering, not one per poll of every partner's route: the outage is the
     * node's, not a partner's. Nothing is recorded: nothing was leased, and the ledger cannot be written anyway.
     */
    private void databaseDown(RuntimeException e) {
        if (outageSince.compareAndSet(null, clock.instant())) {
            log.warn("database unavailable: delivery waits until it answers again ({})",
                    SafeText.forLog(DatabaseUnavailable.reason(e)));
        }
    }

    private void databaseUp() {
        Instant since = outageSince.getAndSet(null);
        if (since != null) {
            log.info("database answers again: delivery resumed after {} ms without it",
                    Duration.between(since, clock.instant()).toMillis());
        }
    }
}
