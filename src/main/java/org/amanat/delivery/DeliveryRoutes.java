package org.amanat.delivery;

import org.amanat.partner.Partner;
import org.amanat.partner.PartnerDirectory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Makes one delivery route per partner from the {@code deliver-notice} template, once Camel has loaded it. */
@Component
class DeliveryRoutes implements CamelContextConfiguration {
    private static final Logger log = LoggerFactory.getLogger(DeliveryRoutes.class);

    private final PartnerDirectory partners;
    private final DeliverySettings settings;

    DeliveryRoutes(PartnerDirectory partners, DeliverySettings settings) {
        this.partners = partners;
        this.settings = settings;
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        // the template is loaded from routes/ while Camel starts
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        if (!settings.enabled()) {
            log.info("delivery is off on this node (amanat.delivery.enabled=false)");
            return;
        }
        for (Partner partner : partners.all()) {
            var resilience = partner.profile().resilience();
            TemplatedRouteBuilder.builder(camel, DeliveryRoute.TEMPLATE)
                    .routeId(DeliveryRoute.routeId(partner.id()))
                    .parameter("partnerId", partner.id())
                    .parameter(
                            "timeLimit", String.valueOf(resilience.timeLimit().toMillis()))
                    .parameter("bulkhead", String.valueOf(resilience.bulkhead()))
                    .add();
        }
    }
}
