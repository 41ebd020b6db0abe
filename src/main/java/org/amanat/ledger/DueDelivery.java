package org.amanat.ledger;

import java.time.Instant;

/**
 * An outbox entry this node has leased: deliver it, then record the outcome.
 *
 * @param leaseOwner the node that leased it, recorded with the attempt
 * @param leaseToken this lease's fencing token: it grows with every lease of the entry, so a write
 *        made under an earlier lease (a node that paused past it) is told apart and not applied
 * @param flagged whether it was already flagged as overdue
 */
public record DueDelivery(
        String noticeId,
        String partnerId,
        int previousAttempts,
        String noticeJson,
        Instant issuedAt,
        String leaseOwner,
        long leaseToken,
        boolean flagged) {
    public int attemptNo() {
        return previousAttempts + 1;
    }
}
