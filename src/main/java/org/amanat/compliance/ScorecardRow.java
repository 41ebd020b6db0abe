package org.amanat.compliance;

import org.amanat.ledger.NoticeState;
import org.amanat.protocol.Urgency;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Category;
import java.time.Instant;

/** What a scorecard needs of one notice: its kind, its deadlines, and when each was met. */
record ScorecardRow(NoticeType type, Urgency urgency, Category category, NoticeState state, Instant issuedAt,
        Instant ackDeadline, Instant actionDeadline, Instant deliveredAt, Instant respondedAt, Instant closedAt,
        String statusReason) {}
