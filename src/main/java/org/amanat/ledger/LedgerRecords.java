package org.amanat.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Conversions between {@link Instant} and what both H2 and PostgreSQL drivers bind for {@code timestamp with time zone},
 * and the cutting of text to its column: for the ledger and for the features' own repositories.
 */
public final class LedgerRecords {
    private LedgerRecords() {}

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** A {@code timestamp with time zone} column as an instant; null stays null. */
    public static Instant time(ResultSet rs, String column) throws SQLException {
        return instant(rs.getObject(column, OffsetDateTime.class));
    }

    /** Detail and reason columns hold 1,000 characters; longer text is cut, never refused. */
    public static String truncate(String text) {
        return truncate(text, 1000);
    }

    /** Cut to a column of {@code limit} characters, marked with "..." where cut. */
    public static String truncate(String text, int limit) {
        return text == null || text.length() <= limit ? text : text.substring(0, limit - 3) + "...";
    }
}
