package org.amanat.ledger;

import java.time.Instant;

/**
 * An outbox entry this node has leased: deliver it, then record the outcome.
 *
 * @param leaseOwner the node that leased it, recorded with the attempt
 * @param flagged whether it was already flagged as overdue
 */
public record DueDelivery(String noticeId, String partnerId, int previousAttempts, String noticeJson, Instant issuedAt,
        String leaseOwner, boolean flagged) {
    public int attemptNo() {
        return previousAttempts + 1;
    }
}
