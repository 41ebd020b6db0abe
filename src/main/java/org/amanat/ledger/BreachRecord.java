package org.amanat.ledger;

import java.time.Instant;

/** A missed deadline, as recorded, with the notice's type, urgency and category and its escalation so far. */
public record BreachRecord(long id, String noticeId, String partnerId, DeadlineKind kind, Instant deadline,
        Instant detectedAt, String detail, String noticeType, String urgency, String category,
        Instant escalatedAt, int escalationAttempts, String escalationError) {}
