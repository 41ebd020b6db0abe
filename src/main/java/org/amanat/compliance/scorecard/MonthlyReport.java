package org.amanat.compliance.scorecard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.amanat.compliance.probe.Severity;
import org.amanat.ledger.DeadlineKind;
import org.springframework.stereotype.Component;

/**
 * The month's scorecards as one self-contained HTML page (inline CSS and SVG, nothing fetched), for
 * compliance staff who would rather look than read: on-time rates per partner, latency by day, the
 * scorecard table and recommended sanctions.
 */
@Component
public class MonthlyReport {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"
    };
    private static final int WIDTH = 720;
    private static final int HEIGHT = 240;
    private static final int MARGIN = 50;

    public String html(String month, List<Scorecard> cards) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Amanat compliance report ")
                .append(esc(month))
                .append("</title><style>")
                .append(
                        "body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append(
                        "th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}")
                .append(
                        ".grade{font-weight:bold}.legend span{margin-right:1.5em}svg{background:#fafafa;border:1px solid #ddd}")
                .append("</style></head><body>");
        h.append("<h1>Compliance report ").append(esc(month)).append("</h1>");
        if (!cards.isEmpty()) {
            h.append("<p>Notices issued from ")
                    .append(cards.get(0).from())
                    .append(" to ")
                    .append(cards.get(0).to())
                    .append(" (exclusive), judged as of ")
                    .append(cards.get(0).asOf())
                    .append(". Definitions: docs/compliance.md.</p>");
        }
        legend(h, cards);
        h.append("<h2>On-time rates per partner</h2>").append(rateChart(cards));
        latencyChart(h, "Acknowledgement latency by day", cards, Scorecard.Day::ackP50Seconds);
        latencyChart(h, "Action latency by day", cards, Scorecard.Day::actionP50Seconds);
        table(h, cards);
        sanctions(h, cards);
        return h.append("</body></html>").toString();
    }

    private static void legend(StringBuilder h, List<Scorecard> cards) {
        h.append("<p class=\"legend\">");
        for (int i = 0; i < cards.size(); i++) {
            h.append("<span style=\"color:")
                    .append(colour(i))
                    .append("\">&#9632; ")
                    .append(esc(cards.get(i).partnerName()))
                    .append("</span>");
        }
        h.append("</p>");
    }

    /** Two bars per partner: acknowledgement (light) and action (dark) on-time rate, 0 to 100%. */
    private static String rateChart(List<Scorecard> cards) {
        int bar = 14;
        int height = Math.max(60, cards.size() * (2 * bar + 16) + 30);
        StringBuilder svg = new StringBuilder(
                "<svg role=\"img\" aria-label=\"on-time rates\" width=\"" + WIDTH + "\" height=\"" + height + "\">");
        int plot = WIDTH - 2 * MARGIN - 100;
        for (int pct = 0; pct <= 100; pct += 25) {
            int x = 150 + plot * pct / 100;
            svg.append(line(x, 10, x, height - 20, "#ddd")).append(text(x - 10, height - 5, pct + "%"));
        }
        for (int i = 0; i < cards.size(); i++) {
            Scorecard card = cards.get(i);
            int y = 15 + i * (2 * bar + 16);
            svg.append(text(5, y + bar + 4, card.partnerId()));
            bar(svg, 150, y, plot, bar, card.acknowledgement().onTimeRate(), colour(i), 0.5, "acknowledgement");
            bar(svg, 150, y + bar, plot, bar, card.action().onTimeRate(), colour(i), 1.0, "action");
        }
        return svg.append("</svg>").toString();
    }

    private static void bar(
            StringBuilder svg,
            int x,
            int y,
            int plot,
            int height,
            Double rate,
            String colour,
            double opacity,
            String what) {
        String label =
                rate == null ? what + ": nothing due" : what + String.format(Locale.ROOT, ": %.1f%%", rate * 100);
        int width = rate == null ? 0 : (int) Math.round(plot * rate);
        svg.append("<rect x=\"")
                .append(x)
                .append("\" y=\"")
                .append(y)
                .append("\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height - 2)
                .append("\" fill=\"")
                .append(colour)
                .append("\" fill-opacity=\"")
                .append(opacity)
                .append("\"><title>")
                .append(esc(label))
                .append("</title></rect>")
                .append(text(x + width + 4, y + height - 3, label));
    }

    /**
     * The heading and a chart of one daily median (in seconds), one line per partner over the days of the month that
     * had notices, in the unit its largest value reads best in (as the table's latencies are).
     */
    private static void latencyChart(
            StringBuilder h, String title, List<Scorecard> cards, Function<Scorecard.Day, Double> seconds) {
        List<LocalDate> dates = new ArrayList<>();
        double maxSeconds = 0;
        for (Scorecard card : cards) {
            for (Scorecard.Day day : card.days()) {
                if (!dates.contains(day.date())) {
                    dates.add(day.date());
                }
                Double v = seconds.apply(day);
                maxSeconds = v == null ? maxSeconds : Math.max(maxSeconds, v);
            }
        }
        dates.sort(null);
        LatencyUnit unit = LatencyUnit.of(maxSeconds);
        h.append("<h2>")
                .append(title)
                .append(" (median")
                .append(maxSeconds == 0 ? "" : ", " + unit.name)
                .append(")</h2>");
        h.append(lineChart(cards, dates, maxSeconds / unit.seconds, day -> {
            Double v = seconds.apply(day);
            return v == null ? null : v / unit.seconds;
        }));
    }

    private static String lineChart(
            List<Scorecard> cards, List<LocalDate> dates, double max, Function<Scorecard.Day, Double> value) {
        StringBuilder svg = new StringBuilder(
                "<svg role=\"img\" aria-label=\"latency by day\" width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\">");
        if (dates.isEmpty() || max == 0) {
            return svg.append(text(MARGIN, HEIGHT / 2, "no latencies in this period"))
                    .append("</svg>")
                    .toString();
        }
        // Enough decimals that the five ticks read apart, whatever the scale: 0.000 to 0.400 s, 0.0 to 20.0 s.
        String tickFormat = "%." + (max >= 100 ? 0 : max >= 10 ? 1 : max >= 1 ? 2 : 3) + "f";
        int plotW = WIDTH - 2 * MARGIN;
        int plotH = HEIGHT - 2 * MARGIN;
        for (int tick = 0; tick <= 4; tick++) {
            int y = HEIGHT - MARGIN - plotH * tick / 4;
            svg.append(line(MARGIN, y, WIDTH - MARGIN, y, "#ddd"))
                    .append(text(5, y + 4, String.format(Locale.ROOT, tickFormat, max * tick / 4)));
        }
        svg.append(text(MARGIN, HEIGHT - 10, dates.get(0).toString()))
                .append(text(
                        WIDTH - MARGIN - 70,
                        HEIGHT - 10,
                        dates.get(dates.size() - 1).toString()));
        for (int i = 0; i < cards.size(); i++) {
            StringBuilder points = new StringBuilder();
            for (Scorecard.Day day : cards.get(i).days()) {
                Double v = value.apply(day);
                if (v != null) {
                    int x = MARGIN
                            + (dates.size() == 1 ? plotW / 2 : plotW * dates.indexOf(day.date()) / (dates.size() - 1));
                    int y = HEIGHT - MARGIN - (int) Math.round(plotH * v / max);
                    points.append(x).append(',').append(y).append(' ');
                    svg.append("<circle cx=\"")
                            .append(x)
                            .append("\" cy=\"")
                            .append(y)
                            .append("\" r=\"3\" fill=\"")
                            .append(colour(i))
                            .append("\"><title>")
                            .append(esc(cards.get(i).partnerId()))
                            .append(' ')
                            .append(day.date())
                            .append(String.format(Locale.ROOT, ": %.2f", v))
                            .append("</title></circle>");
                }
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
                    .append(colour(i))
                    .append("\" points=\"")
                    .append(points.toString().strip())
                    .append("\"/>");
        }
        return svg.append("</svg>").toString();
    }

    private static void table(StringBuilder h, List<Scorecard> cards) {
        h.append(
                        "<h2>Scorecards</h2><table><tr><th>Partner</th><th>Notices</th><th>Ack on time</th><th>Ack p50 / p95</th>")
                .append("<th>Action on time</th><th>Action p50 / p95</th><th>Breaches</th><th>Rejected</th>")
                .append("<th>Open findings</th><th>Grade</th></tr>");
        for (Scorecard c : cards) {
            h.append("<tr><td>")
                    .append(esc(c.partnerName()))
                    .append("</td><td>")
                    .append(c.notices())
                    .append("</td><td>")
                    .append(rate(c.acknowledgement()))
                    .append("</td><td>")
                    .append(latency(c.acknowledgement()))
                    .append("</td><td>")
                    .append(rate(c.action()))
                    .append("</td><td>")
                    .append(latency(c.action()))
                    .append("</td><td>")
                    .append(counts(c.breachesByKind(), List.of(DeadlineKind.values())))
                    .append("</td><td>")
                    .append(c.rejected())
                    .append("</td><td>")
                    .append(counts(
                            c.openFindingsBySeverity(),
                            List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)))
                    .append("</td><td class=\"grade\">")
                    .append(c.grade().letter())
                    .append(String.format(Locale.ROOT, " (%.1f)", c.grade().score()))
                    .append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void sanctions(StringBuilder h, List<Scorecard> cards) {
        h.append("<h2>Recommended sanctions</h2><p>Recommendations only; nothing has been sent.</p><ul>");
        boolean any = false;
        for (Scorecard c : cards) {
            for (Scorecard.Sanction s : c.sanctions()) {
                any = true;
                h.append("<li><b>")
                        .append(esc(c.partnerName()))
                        .append("</b>: ")
                        .append(s.kind())
                        .append(s.amount() == null ? "" : " " + s.amount().toPlainString() + " " + esc(s.currency()))
                        .append(" — ")
                        .append(esc(s.basis()))
                        .append("</li>");
            }
        }
        h.append(any ? "" : "<li>none</li>").append("</ul>");
    }

    private static String rate(Scorecard.Timeliness t) {
        return t.onTimeRate() == null ? "–" : String.format(Locale.ROOT, "%.1f%% of %d", t.onTimeRate() * 100, t.due());
    }

    private static String latency(Scorecard.Timeliness t) {
        return t.p50Seconds() == null ? "–" : human(t.p50Seconds()) + " / " + human(t.p95Seconds());
    }

    private static String human(double seconds) {
        LatencyUnit unit = LatencyUnit.of(seconds);
        return String.format(Locale.ROOT, "%.1f %s", seconds / unit.seconds, unit.symbol);
    }

    /** The unit a latency reads best in: seconds up to two minutes, minutes up to two hours, then hours. */
    private enum LatencyUnit {
        SECONDS("s", "seconds", 1),
        MINUTES("min", "minutes", 60),
        HOURS("h", "hours", 3600);

        final String symbol;
        final String name;
        final double seconds;

        LatencyUnit(String symbol, String name, double seconds) {
            this.symbol = symbol;
            this.name = name;
            this.seconds = seconds;
        }

        static LatencyUnit of(double seconds) {
            return seconds < 120 ? SECONDS : seconds < 7200 ? MINUTES : HOURS;
        }
    }

    /** Counts by kind, most pressing first, as words ("ack 1, action 2"); "none" when there are none. */
    private static <K extends Enum<K>> String counts(Map<K, Long> counts, List<K> order) {
        String listed = order.stream()
                .filter(kind -> counts.getOrDefault(kind, 0L) > 0)
                .map(kind -> kind.name().toLowerCase(Locale.ROOT) + " " + counts.get(kind))
                .collect(Collectors.joining(", "));
        return listed.isEmpty() ? "none" : listed;
    }

    private static String line(int x1, int y1, int x2, int y2, String colour) {
        return "<line x1=\"" + x1 + "\" y1=\"" + y1 + "\" x2=\"" + x2 + "\" y2=\"" + y2 + "\" stroke=\"" + colour
                + "\"/>";
    }

    private static String text(int x, int y, String text) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"11\">" + esc(text) + "</text>";
    }

    private static String colour(int i) {
        return COLOURS[i % COLOURS.length];
    }

    static String esc(String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;");
    }
}
