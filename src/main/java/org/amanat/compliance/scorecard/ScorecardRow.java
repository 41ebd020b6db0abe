package org.amanat.compliance.scorecard;

import java.time.Instant;
import org.amanat.ledger.NoticeState;
import org.amanat.protocol.Category;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;

/** What a scorecard needs of one notice: its kind, its deadlines, and when each was met. */
record ScorecardRow(
        NoticeType type,
        Urgency urgency,
        Category category,
        NoticeState state,
        Instant issuedAt,
        Instant ackDeadline,
        Instant actionDeadline,
        Instant deliveredAt,
        Instant respondedAt,
        Instant closedAt,
        String statusReason) {}
