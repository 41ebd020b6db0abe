package org.amanat.delivery;

/** Ids and exchange property names of {@code routes/deliver-notices.yaml}, so tests can refer to them. */
public final class DeliveryRoute {
    public static final String POLL_ROUTE = "deliver-notices";
    public static final String DELIVER_ROUTE = "deliver-notice";
    public static final String SEND_STEP = "send-to-partner";
    static final String DELIVERY = "amanatDelivery";

    private DeliveryRoute() {}
}
