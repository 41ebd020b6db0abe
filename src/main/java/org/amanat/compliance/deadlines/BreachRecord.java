package org.amanat.compliance.deadlines;

import java.time.Instant;
import org.amanat.ledger.DeadlineKind;
import org.amanat.protocol.Category;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;

/** A missed deadline, as recorded, with the notice's type, urgency and category and its escalation so far. */
public record BreachRecord(
        long id,
        String noticeId,
        String partnerId,
        DeadlineKind kind,
        Instant deadline,
        Instant detectedAt,
        String detail,
        NoticeType noticeType,
        Urgency urgency,
        Category category,
        Instant escalatedAt,
        int escalationAttempts,
        String escalationError) {}
