package org.amanat.ledger;

import java.time.Instant;

/**
 * A notice as the ledger holds it. {@code receipt} is null until DELIVERED; {@code actedAt} and
 * {@code actionLate} are set by the partner's status updates.
 */
public record NoticeRecord(
        String id,
        String partnerId,
        String type,
        String urgency,
        String category,
        NoticeState state,
        Instant issuedAt,
        Instant ackDeadline,
        Instant actionDeadline,
        String noticeJson,
        Instant deliveredAt,
        ReceiptSummary receipt,
        String relatesTo,
        Instant actedAt,
        Boolean actionLate,
        String statusReason) {

    /** What the partner's verified receipt said; the raw DER is kept in the ledger as evidence. */
    public record ReceiptSummary(
            String disposition, String partnerReference, String signatureAlgorithm, String digest, int derLength) {}
}
