package org.amanat.compliance.scorecard;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.amanat.compliance.probe.Severity;
import org.amanat.ledger.DeadlineKind;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;

/** Scorecards written out by hand, for the tests of what is made from them (CSV, the monthly report). */
public final class ScorecardSamples {
    static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");
    static final Instant AS_OF = Instant.parse("2026-12-01T08:00:00Z");

    private ScorecardSamples() {}

    /** Seven notices, one late receipt, one late report, a rejection, open findings, a warning letter and a fine. */
    public static Scorecard busy(String id, String name) {
        return new Scorecard(
                id,
                name,
                FROM,
                TO,
                AS_OF,
                7,
                Map.of(NoticeType.TAKEDOWN, 4L, NoticeType.BLOCK, 2L, NoticeType.WITHDRAWAL, 1L),
                Map.of(Urgency.URGENT, 5L, Urgency.STANDARD, 2L),
                new Scorecard.Timeliness(4, 3, 1, 0, 0.75, 12.5, 30.0),
                new Scorecard.Timeliness(2, 1, 1, 4, 0.5, 3600.0, 7200.0),
                new EnumMap<>(Map.of(DeadlineKind.ACK, 1L, DeadlineKind.ACTION, 1L)),
                1,
                0.25,
                Map.of("not unlawful here", 1L),
                new EnumMap<>(Map.of(Severity.HIGH, 1L, Severity.LOW, 2L)),
                List.of(
                        new Scorecard.Sanction(
                                Scorecard.SanctionKind.WARNING_LETTER, 3, null, null, "3 breaches in the period"),
                        new Scorecard.Sanction(
                                Scorecard.SanctionKind.ADMINISTRATIVE_FINE,
                                1,
                                new BigDecimal("1500.50"),
                                "IDR",
                                "breach 6 <of> 6")),
                new Scorecard.Grade(61.5, "D"),
                List.of(
                        new Scorecard.Day(LocalDate.parse("2026-11-03"), 4, 10.0, 3600.0),
                        new Scorecard.Day(LocalDate.parse("2026-11-20"), 3, 20.0, null)));
    }

    /** No notices: nothing due, no latencies, no sanctions. */
    static Scorecard quiet(String id, String name) {
        var nothing = new Scorecard.Timeliness(0, 0, 0, 0, null, null, null);
        return new Scorecard(
                id,
                name,
                FROM,
                TO,
                AS_OF,
                0,
                Map.of(),
                Map.of(),
                nothing,
                nothing,
                Map.of(),
                0,
                null,
                Map.of(),
                Map.of(),
                List.of(),
                new Scorecard.Grade(100.0, "A"),
                List.of());
    }
}
