package org.amanat.compliance;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.amanat.web.InvalidRequestException;
import org.amanat.web.Violation;
import org.springframework.http.HttpStatus;

/** A period [from, to) in UTC, from a month ({@code 2026-11}), or dates or instants; the current month by default. */
record ReportPeriod(Instant from, Instant to) {

    static ReportPeriod month(String month) {
        try {
            return month(YearMonth.parse(month));
        } catch (DateTimeParseException e) {
            throw invalid("period", "'" + month + "' is not a month like 2026-11");
        }
    }

    static ReportPeriod month(YearMonth month) {
        return new ReportPeriod(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /** @param from a date (2026-11-01, its start) or an instant; null: the start of the current month */
    static ReportPeriod of(String from, String to, Clock clock) {
        ReportPeriod current = month(YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        Instant start = from == null ? current.from() : instant("from", from);
        Instant end = to == null ? current.to() : instant("to", to);
        if (!start.isBefore(end)) {
            throw invalid("to", "must be after from (" + start + ")");
        }
        return new ReportPeriod(start, end);
    }

    String name() {
        return from.toString().substring(0, 10) + "_" + to.toString().substring(0, 10);
    }

    private static Instant instant(String field, String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(field, "'" + text + "' is neither a date (2026-11-01) nor an instant (2026-11-01T00:00:00Z)");
        }
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(HttpStatus.BAD_REQUEST, "invalid-parameter", List.of(new Violation(field, message)));
    }
}
