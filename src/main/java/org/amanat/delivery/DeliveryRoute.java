package org.amanat.delivery;

/** Ids and exchange property names of {@code routes/deliver-notices.yaml}, so tests can refer to them. */
public final class DeliveryRoute {
    public static final String TEMPLATE = "deliver-notice";
    static final String DELIVERY = "amanatDelivery";

    private DeliveryRoute() {}

    /** The route that delivers to one partner. */
    public static String routeId(String partnerId) {
        return TEMPLATE + "." + partnerId;
    }
}
