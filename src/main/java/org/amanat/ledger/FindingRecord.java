package org.amanat.ledger;

import java.time.Instant;

/** A security finding about a partner: open while probes keep seeing it ({@code closedAt} null). */
public record FindingRecord(long id, String partnerId, String check, String subject, String severity, String detail,
        Instant openedAt, Instant lastSeenAt, Instant closedAt) {

    /** What one probe saw; (check, subject) names the finding from one probe to the next. */
    public record Seen(String check, String subject, String severity, String detail) {}
}
