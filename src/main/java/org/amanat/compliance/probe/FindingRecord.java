package org.amanat.compliance.probe;

import java.time.Instant;

/** A security finding about a partner: open while probes keep seeing it ({@code closedAt} null). */
public record FindingRecord(
        long id,
        String partnerId,
        String check,
        String subject,
        Severity severity,
        String detail,
        Instant openedAt,
        Instant lastSeenAt,
        Instant closedAt) {}
