package org.amanat.compliance.scorecard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.amanat.protocol.Violation;
import org.amanat.web.InvalidRequestException;

/**
 * A period [from, to) in UTC, from a month ({@code 2026-11}), or dates or instants; the current month by default.
 * Only years 1970 to 9999 make sense for a ledger; beyond them the database's timestamps would overflow.
 */
public record ReportPeriod(Instant from, Instant to) {
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    public static ReportPeriod month(String month) {
        try {
            YearMonth parsed = MONTH.matcher(month).matches() ? YearMonth.parse(month) : null;
            if (parsed != null && parsed.getYear() >= 1970) {
                return month(parsed);
            }
        } catch (DateTimeParseException e) {
            // an impossible month such as 2026-13: refused below
        }
        throw invalid("period", "'" + month + "' is not a month like 2026-11, from 1970-01 to 9999-12");
    }

    static ReportPeriod month(YearMonth month) {
        return new ReportPeriod(
                month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /** @param from a date (2026-11-01, its start) or an instant; null: the start of the current month */
    public static ReportPeriod of(String from, String to, Clock clock) {
        ReportPeriod current = month(YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        Instant start = from == null ? current.from() : instant("from", from);
        Instant end = to == null ? current.to() : instant("to", to);
        if (!start.isBefore(end)) {
            throw invalid("to", "must be after from (" + start + ")");
        }
        return new ReportPeriod(start, end);
    }

    public String name() {
        return from.toString().substring(0, 10) + "_" + to.toString().substring(0, 10);
    }

    private static Instant instant(String field, String text) {
        Instant instant;
        try {
            instant = DATE.matcher(text).matches()
                    ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(field, "'" + text + "' is neither a date (2026-11-01) nor an instant (2026-11-01T00:00:00Z)");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw invalid(field, "must be between 1970-01-01 and 9999-12-31");
        }
        return instant;
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                InvalidRequestException.Kind.MALFORMED, "invalid-parameter", List.of(new Violation(field, message)));
    }
}
