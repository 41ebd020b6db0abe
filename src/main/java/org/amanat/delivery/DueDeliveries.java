package org.amanat.delivery;

import java.time.Clock;
import java.util.List;
import org.amanat.ledger.DueDelivery;
import org.amanat.ledger.Outbox;
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
     * it closes the backlog goes out in issue order.
     */
    public List<DueDelivery> claim(String partnerId) {
        int budget = guards.budget(partnerId, settings.batchSize());
        if (budget == 0) {
            return List.of();
        }
        return outbox.claim(partnerId, settings.nodeId(), clock.instant(), settings.lease(), budget, guards.probing(partnerId));
    }
}
