package org.amanat.ledger;

import java.time.Instant;

/** A notice as the ledger holds it. {@code receipt} is null until DELIVERED. */
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
        ReceiptSummary receipt) {

    /** What the partner's verified receipt said; the raw DER is kept in the ledger as evidence. */
    public record ReceiptSummary(
            String disposition, String partnerReference, String signatureAlgorithm, String digest, int derLength) {}
}
