package org.amanat.ledger;

/** An outbox entry this node has leased: deliver it, then record the outcome. */
public record DueDelivery(String noticeId, String partnerId, int previousAttempts, String noticeJson) {
    public int attemptNo() {
        return previousAttempts + 1;
    }
}
