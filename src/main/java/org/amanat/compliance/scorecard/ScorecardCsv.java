package org.amanat.compliance.scorecard;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.amanat.compliance.probe.Severity;
import org.amanat.ledger.DeadlineKind;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;

/** Scorecards as CSV (RFC 4180), one row per partner and period, for spreadsheets. */
public final class ScorecardCsv {
    private static final List<Column> COLUMNS = columns();

    private ScorecardCsv() {}

    record Column(String name, Function<Scorecard, Object> value) {}

    public static String write(List<Scorecard> scorecards) {
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", COLUMNS.stream().map(Column::name).toList()))
                .append("\r\n");
        for (Scorecard s : scorecards) {
            List<String> cells = new ArrayList<>();
            for (Column column : COLUMNS) {
                cells.add(cell(column.value().apply(s)));
            }
            csv.append(String.join(",", cells)).append("\r\n");
        }
        return csv.toString();
    }

    private static List<Column> columns() {
        List<Column> c = new ArrayList<>();
        c.add(new Column("partner_id", Scorecard::partnerId));
        c.add(new Column("partner_name", Scorecard::partnerName));
        c.add(new Column("from", Scorecard::from));
        c.add(new Column("to", Scorecard::to));
        c.add(new Column("as_of", Scorecard::asOf));
        c.add(new Column("notices", Scorecard::notices));
        for (NoticeType type : NoticeType.values()) {
            c.add(new Column("type_" + lower(type), s -> count(s.noticesByType(), type)));
        }
        for (Urgency urgency : Urgency.values()) {
            c.add(new Column("urgency_" + lower(urgency), s -> count(s.noticesByUrgency(), urgency)));
        }
        timeliness(c, "ack", Scorecard::acknowledgement);
        timeliness(c, "action", Scorecard::action);
        for (DeadlineKind kind : DeadlineKind.values()) {
            c.add(new Column("breaches_" + lower(kind), s -> count(s.breachesByKind(), kind)));
        }
        c.add(new Column("rejected", Scorecard::rejected));
        c.add(new Column("rejected_share", Scorecard::rejectedShare));
        // The most urgent first.
        for (Severity severity : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
            c.add(new Column("open_findings_" + lower(severity), s -> count(s.openFindingsBySeverity(), severity)));
        }
        c.add(new Column(
                "warning_letter",
                s -> s.sanctions().stream().anyMatch(x -> x.kind() == Scorecard.SanctionKind.WARNING_LETTER)));
        c.add(new Column(
                "fine_amount",
                s -> s.sanctions().stream()
                        .map(Scorecard.Sanction::amount)
                        .filter(Objects::nonNull)
                        .reduce(BigDecimal.ZERO, BigDecimal::add)));
        c.add(new Column("grade_score", s -> s.grade().score()));
        c.add(new Column("grade", s -> s.grade().letter()));
        return List.copyOf(c);
    }

    private static void timeliness(List<Column> c, String prefix, Function<Scorecard, Scorecard.Timeliness> of) {
        c.add(new Column(prefix + "_due", s -> of.apply(s).due()));
        c.add(new Column(prefix + "_on_time", s -> of.apply(s).onTime()));
        c.add(new Column(prefix + "_late", s -> of.apply(s).late()));
        c.add(new Column(prefix + "_pending", s -> of.apply(s).pending()));
        c.add(new Column(prefix + "_on_time_rate", s -> of.apply(s).onTimeRate()));
        c.add(new Column(prefix + "_p50_seconds", s -> of.apply(s).p50Seconds()));
        c.add(new Column(prefix + "_p95_seconds", s -> of.apply(s).p95Seconds()));
    }

    private static <K> long count(Map<K, Long> counts, K key) {
        return counts.getOrDefault(key, 0L);
    }

    private static String lower(Enum<?> name) {
        return name.name().toLowerCase(Locale.ROOT);
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        boolean quote = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r");
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
