package org.amanat.ledger;

import java.time.Instant;

/** What a scorecard needs of one notice: its kind, its deadlines, and when each was met. */
public record ScorecardRow(String type, String urgency, String category, NoticeState state, Instant issuedAt,
        Instant ackDeadline, Instant actionDeadline, Instant deliveredAt, Instant respondedAt, Instant closedAt,
        String statusReason) {}
