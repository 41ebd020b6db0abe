package org.amanat.delivery;

import java.time.Clock;
import java.util.List;
import org.amanat.ledger.DueDelivery;
import org.amanat.ledger.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/** Leases the due outbox entries for this node; the route's first step. */
@Component
class DueDeliveries implements InitializingBean {
    private static final Logger log = LoggerFactory.getLogger(DueDeliveries.class);

    private final Outbox outbox;
    private final DeliverySettings settings;
    private final Clock clock;

    DueDeliveries(Outbox outbox, DeliverySettings settings, Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
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

    public List<DueDelivery> claim() {
        return outbox.claimDue(settings.nodeId(), clock.instant(), settings.lease(), settings.batchSize());
    }
}
