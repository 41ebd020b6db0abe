package org.amanat.ledger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions between {@link Instant} and what both H2 and PostgreSQL drivers bind for {@code timestamp with time zone}. */
final class LedgerRecords {
    private LedgerRecords() {}

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** Detail and reason columns hold 1,000 characters; longer text is cut, never refused. */
    static String truncate(String text) {
        return truncate(text, 1000);
    }

    /** Cut to a column of {@code limit} characters, marked with "..." where cut. */
    static String truncate(String text, int limit) {
        return text == null || text.length() <= limit ? text : text.substring(0, limit - 3) + "...";
    }
}
