package org.amanat.compliance.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report's figures and geometry, worked out by hand: the rate chart's plot is 520 px wide from x = 150,
 * the line charts' 620 x 140 px inside a 50 px margin of a 720 x 240 px picture.
 */
class MonthlyReportTest {
    private final MonthlyReport report = new MonthlyReport();

    @Test
    void saysWhichPeriodAndWhenItWasJudged() {
        String html = report.html("2026-11", List.of(ScorecardSamples.busy("globaltube", "GlobalTube")));

        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .endsWith("</body></html>")
                .contains(
                        "<title>Amanat compliance report 2026-11</title>",
                        "<h1>Compliance report 2026-11</h1>",
                        "<p>Notices issued from 2026-11-01T00:00:00Z to 2026-12-01T00:00:00Z (exclusive), judged as of"
                                + " 2026-12-01T08:00:00Z. Definitions: docs/compliance.md.</p>");
    }

    @Test
    void drawsEachOnTimeRateAsABarOfItsShareOfThePlot() {
        String html = report.html("2026-11", List.of(ScorecardSamples.busy("globaltube", "GlobalTube")));

        // one partner: max(60, 1 x (2 x 14 + 16) + 30) = 74 px high; gridlines every 25 % of 520 px from x = 150
        assertThat(html)
                .contains(
                        "<svg role=\"img\" aria-label=\"on-time rates\" width=\"720\" height=\"74\">",
                        "<line x1=\"150\" y1=\"10\" x2=\"150\" y2=\"54\" stroke=\"#ddd\"/><text x=\"140\" y=\"69\" font-size=\"11\">0%</text>",
                        "<line x1=\"280\" y1=\"10\" x2=\"280\" y2=\"54\" stroke=\"#ddd\"/><text x=\"270\" y=\"69\" font-size=\"11\">25%</text>",
                        "<line x1=\"670\" y1=\"10\" x2=\"670\" y2=\"54\" stroke=\"#ddd\"/><text x=\"660\" y=\"69\" font-size=\"11\">100%</text>",
                        "<text x=\"5\" y=\"33\" font-size=\"11\">globaltube</text>",
                        // 0.75 x 520 = 390 wide, its label 4 px after it
                        "<rect x=\"150\" y=\"15\" width=\"390\" height=\"12\" fill=\"#1f77b4\" fill-opacity=\"0.5\"><title>acknowledgement: 75.0%"
                                + "</title></rect><text x=\"544\" y=\"26\" font-size=\"11\">acknowledgement: 75.0%</text>",
                        "<rect x=\"150\" y=\"29\" width=\"260\" height=\"12\" fill=\"#1f77b4\" fill-opacity=\"1.0\"><title>action: 50.0%"
                                + "</title></rect><text x=\"414\" y=\"40\" font-size=\"11\">action: 50.0%</text>");
        assertThat(html).doesNotContain("x1=\"700\"");
    }

    @Test
    void nothingDueIsAnEmptyBarThatSaysSo() {
        String html = report.html("2026-11", List.of(ScorecardSamples.quiet("chirp", "Chirp")));

        assertThat(html)
                .contains(
                        "<rect x=\"150\" y=\"15\" width=\"0\" height=\"12\" fill=\"#1f77b4\" fill-opacity=\"0.5\">"
                                + "<title>acknowledgement: nothing due</title></rect><text x=\"154\" y=\"26\" font-size=\"11\">acknowledgement: nothing due</text>");
    }

    @Test
    void stacksPartnersAndGivesEachItsColour() {
        var cards = new java.util.ArrayList<Scorecard>();
        for (int i = 0; i < 8; i++) {
            cards.add(ScorecardSamples.quiet("p" + i, "Partner " + i));
        }

        String html = report.html("2026-11", cards);

        // 8 x 44 + 30 = 382 px; the second partner's bars 44 px below the first's; the eighth takes the first colour
        // again
        assertThat(html)
                .contains(
                        "aria-label=\"on-time rates\" width=\"720\" height=\"382\">",
                        "<text x=\"5\" y=\"77\" font-size=\"11\">p1</text>",
                        "<rect x=\"150\" y=\"59\" width=\"0\" height=\"12\" fill=\"#d62728\"",
                        "<span style=\"color:#d62728\">&#9632; Partner 1</span>",
                        "<span style=\"color:#17becf\">&#9632; Partner 6</span>",
                        "<span style=\"color:#1f77b4\">&#9632; Partner 7</span>");
    }

    @Test
    void plotsTheDailyMediansAcrossTheDaysWithNotices() {
        String html = report.html("2026-11", List.of(ScorecardSamples.busy("globaltube", "GlobalTube")));

        // acknowledgement in seconds (its largest is under two minutes): 10 s and 20 s; the larger tops the plot (y =
        // 50),
        // the smaller half-way (190 - 70 = 120); the first day at the left (x = 50), the last at the right (x = 670)
        assertThat(html)
                .contains(
                        "<circle cx=\"50\" cy=\"120\" r=\"3\" fill=\"#1f77b4\"><title>globaltube 2026-11-03: 10.00</title></circle>",
                        "<circle cx=\"670\" cy=\"50\" r=\"3\" fill=\"#1f77b4\"><title>globaltube 2026-11-20: 20.00</title></circle>",
                        "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"#1f77b4\" points=\"50,120 670,50\"/>",
                        "<text x=\"50\" y=\"230\" font-size=\"11\">2026-11-03</text><text x=\"600\" y=\"230\" font-size=\"11\">2026-11-20</text>");
        // action in minutes (its largest is under two hours): 3600 s is 60 min on the first day, none on the second;
        // ticks at quarters of the largest
        assertThat(html)
                .contains(
                        "<circle cx=\"50\" cy=\"50\" r=\"3\" fill=\"#1f77b4\"><title>globaltube 2026-11-03: 60.00</title></circle>",
                        "points=\"50,50\"/>",
                        "<line x1=\"50\" y1=\"190\" x2=\"670\" y2=\"190\" stroke=\"#ddd\"/><text x=\"5\" y=\"194\" font-size=\"11\">0.0</text>",
                        "<line x1=\"50\" y1=\"155\" x2=\"670\" y2=\"155\" stroke=\"#ddd\"/><text x=\"5\" y=\"159\" font-size=\"11\">15.0</text>",
                        "<line x1=\"50\" y1=\"120\" x2=\"670\" y2=\"120\" stroke=\"#ddd\"/><text x=\"5\" y=\"124\" font-size=\"11\">30.0</text>",
                        "<line x1=\"50\" y1=\"50\" x2=\"670\" y2=\"50\" stroke=\"#ddd\"/><text x=\"5\" y=\"54\" font-size=\"11\">60.0</text>");
    }

    @Test
    void eachChartSaysItsUnitAndSubSecondLatenciesGetTicksThatReadApart() {
        var busy = ScorecardSamples.busy("globaltube", "GlobalTube");
        var fast = withDays(
                busy,
                List.of(
                        new Scorecard.Day(LocalDate.parse("2026-11-03"), 2, 0.2, 7200.0),
                        new Scorecard.Day(LocalDate.parse("2026-11-04"), 2, 0.4, null)));

        String html = report.html("2026-11", List.of(fast));

        assertThat(html)
                .contains(
                        "<h2>Acknowledgement latency by day (median, seconds)</h2>",
                        "<h2>Action latency by day (median, hours)</h2>",
                        "font-size=\"11\">0.000</text>",
                        "font-size=\"11\">0.100</text>",
                        "font-size=\"11\">0.200</text>",
                        "font-size=\"11\">0.300</text>",
                        "font-size=\"11\">0.400</text>",
                        "<title>globaltube 2026-11-04: 0.40</title>");
    }

    @Test
    void aSingleDayIsPlottedInTheMiddle() {
        var busy = ScorecardSamples.busy("globaltube", "GlobalTube");
        var oneDay = withDays(busy, List.of(new Scorecard.Day(LocalDate.parse("2026-11-03"), 4, 10.0, null)));

        assertThat(report.html("2026-11", List.of(oneDay))).contains("<circle cx=\"360\" cy=\"50\" r=\"3\"");
    }

    @Test
    void spacesTheDaysEvenlyInDateOrderAcrossPartners() {
        var later = withDays(
                ScorecardSamples.quiet("a", "A"),
                List.of(new Scorecard.Day(LocalDate.parse("2026-11-20"), 1, 60.0, null)));
        var middle = withDays(
                ScorecardSamples.quiet("b", "B"),
                List.of(new Scorecard.Day(LocalDate.parse("2026-11-10"), 1, 60.0, null)));
        var earlier = withDays(
                ScorecardSamples.quiet("c", "C"),
                List.of(new Scorecard.Day(LocalDate.parse("2026-11-01"), 1, 60.0, null)));

        String html = report.html("2026-11", List.of(later, middle, earlier));

        // three days: x = 50, 50 + 620 x 1/2 = 360, 670; the axis names the first and last date
        assertThat(html)
                .contains(
                        "<circle cx=\"670\" cy=\"50\" r=\"3\" fill=\"#1f77b4\"><title>a 2026-11-20",
                        "<circle cx=\"360\" cy=\"50\" r=\"3\" fill=\"#d62728\"><title>b 2026-11-10",
                        "<circle cx=\"50\" cy=\"50\" r=\"3\" fill=\"#2ca02c\"><title>c 2026-11-01",
                        "<text x=\"50\" y=\"230\" font-size=\"11\">2026-11-01</text><text x=\"600\" y=\"230\" font-size=\"11\">2026-11-20</text>");
    }

    @Test
    void aPeriodWithoutLatenciesSaysSo() {
        String html = report.html("2026-11", List.of(ScorecardSamples.quiet("chirp", "Chirp")));

        assertThat(html.split("no latencies in this period", -1)).hasSize(3);
        assertThat(html).contains("<text x=\"50\" y=\"120\" font-size=\"11\">no latencies in this period</text>");
    }

    @Test
    void daysWithNoLatencyAtAllAreNotAChart() {
        var quietDays = withDays(
                ScorecardSamples.quiet("chirp", "Chirp"),
                List.of(new Scorecard.Day(LocalDate.parse("2026-11-03"), 1, null, null)));

        assertThat(report.html("2026-11", List.of(quietDays)).split("no latencies in this period", -1))
                .hasSize(3);
    }

    @Test
    void tabulatesEachScorecard() {
        String html = report.html(
                "2026-11",
                List.of(ScorecardSamples.busy("globaltube", "GlobalTube"), ScorecardSamples.quiet("chirp", "Chirp")));

        assertThat(html)
                .contains(
                        "<tr><td>GlobalTube</td><td>7</td><td>75.0% of 4</td><td>12.5 s / 30.0 s</td>"
                                + "<td>50.0% of 2</td><td>60.0 min / 2.0 h</td><td>ack 1, action 1</td><td>1</td>"
                                + "<td>high 1, low 2</td><td class=\"grade\">D (61.5)</td></tr>",
                        "<tr><td>Chirp</td><td>0</td><td>–</td><td>–</td><td>–</td><td>–</td><td>none</td><td>0</td><td>none</td>"
                                + "<td class=\"grade\">A (100.0)</td></tr>");
    }

    @Test
    void latenciesReadInSecondsUpToTwoMinutesThenInMinutesUpToTwoHours() {
        var busy = ScorecardSamples.busy("globaltube", "GlobalTube");
        var card = new Scorecard(
                busy.partnerId(),
                busy.partnerName(),
                busy.from(),
                busy.to(),
                busy.asOf(),
                busy.notices(),
                busy.noticesByType(),
                busy.noticesByUrgency(),
                new Scorecard.Timeliness(4, 3, 1, 0, 0.75, 119.9, 120.0),
                new Scorecard.Timeliness(2, 1, 1, 0, 0.5, 7199.0, 7200.0),
                busy.breachesByKind(),
                busy.rejected(),
                busy.rejectedShare(),
                busy.rejectionReasons(),
                busy.openFindingsBySeverity(),
                busy.sanctions(),
                busy.grade(),
                busy.days());

        assertThat(report.html("2026-11", List.of(card)))
                .contains("<td>119.9 s / 2.0 min</td>", "<td>120.0 min / 2.0 h</td>");
    }

    @Test
    void listsTheRecommendedSanctions() {
        String html = report.html("2026-11", List.of(ScorecardSamples.busy("globaltube", "GlobalTube")));

        assertThat(html)
                .contains("<li><b>GlobalTube</b>: WARNING_LETTER — 3 breaches in the period</li>"
                        + "<li><b>GlobalTube</b>: ADMINISTRATIVE_FINE 1500.50 IDR — breach 6 &lt;of&gt; 6</li></ul>");
        assertThat(html).doesNotContain("<li>none</li>");
    }

    @Test
    void saysWhenNoSanctionIsRecommended() {
        assertThat(report.html("2026-11", List.of(ScorecardSamples.quiet("chirp", "Chirp"))))
                .contains("<ul><li>none</li></ul>");
    }

    @Test
    void anEmptyMonthIsStillAPage() {
        String html = report.html("2026-11", Collections.emptyList());

        assertThat(html)
                .doesNotContain("Notices issued from")
                .contains(
                        "<p class=\"legend\"></p>",
                        "<li>none</li>",
                        "aria-label=\"on-time rates\" width=\"720\" height=\"60\">");
    }

    @Test
    void escapesEverythingFromOutside() {
        String html = report.html("<2026>", List.of(ScorecardSamples.quiet("x", "<b>\"A&B\"</b>")));

        assertThat(html)
                .contains("report &lt;2026&gt;</title>", "&#9632; &lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;</span>")
                .doesNotContain("<b>\"A&B\"");
        assertThat(MonthlyReport.esc(null)).isEmpty();
    }

    private static Scorecard withDays(Scorecard c, List<Scorecard.Day> days) {
        return new Scorecard(
                c.partnerId(),
                c.partnerName(),
                c.from(),
                c.to(),
                c.asOf(),
                c.notices(),
                c.noticesByType(),
                c.noticesByUrgency(),
                c.acknowledgement(),
                c.action(),
                c.breachesByKind(),
                c.rejected(),
                c.rejectedShare(),
                c.rejectionReasons(),
                c.openFindingsBySeverity(),
                c.sanctions(),
                c.grade(),
                days);
    }
}
