package org.amanat.ledger;

import java.time.Instant;

/** A notice to record as ISSUED, with the exact JSON that will be signed for the partner. */
public record NewNotice(
        String id,
        String partnerId,
        String type,
        String urgency,
        String category,
        Instant issuedAt,
        Instant ackDeadline,
        Instant actionDeadline,
        String noticeJson) {}
