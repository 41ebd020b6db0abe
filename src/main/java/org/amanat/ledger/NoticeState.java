package org.amanat.ledger;

public enum NoticeState {
    /** In the ledger and the outbox, not yet acknowledged. */
    ISSUED,
    /** A receipt signed by the partner, for the exact bytes sent, was verified and kept. */
    DELIVERED,
    /** The partner's immediate attempts are spent; still in the outbox and tried again later. */
    DELIVERY_FAILED
}
