package org.amanat.compliance;

import java.time.Clock;
import java.util.List;
import org.amanat.compliance.deadlines.BreachRecord;
import org.amanat.compliance.deadlines.Breaches;
import org.amanat.compliance.probe.FindingRecord;
import org.amanat.compliance.probe.SecurityFindings;
import org.amanat.compliance.probe.SecurityProbe;
import org.amanat.compliance.scorecard.MonthlyReport;
import org.amanat.compliance.scorecard.ReportPeriod;
import org.amanat.compliance.scorecard.Scorecard;
import org.amanat.compliance.scorecard.ScorecardCsv;
import org.amanat.compliance.scorecard.Scorecards;
import org.amanat.partner.Partner;
import org.amanat.partner.PartnerDirectory;
import org.amanat.protocol.Violation;
import org.amanat.web.InvalidRequestException;
import org.amanat.web.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The compliance staff's API: scorecards (JSON or CSV), breaches, security findings, probes and monthly reports. */
@RestController
@RequestMapping("/api/v1/compliance")
class ComplianceController {
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final int MAX_FINDINGS = 500;

    private final Scorecards scorecards;
    private final Breaches breaches;
    private final SecurityFindings findings;
    private final SecurityProbe probe;
    private final MonthlyReport report;
    private final PartnerDirectory partners;
    private final Clock clock;

    ComplianceController(
            Scorecards scorecards,
            Breaches breaches,
            SecurityFindings findings,
            SecurityProbe probe,
            MonthlyReport report,
            PartnerDirectory partners,
            Clock clock) {
        this.scorecards = scorecards;
        this.breaches = breaches;
        this.findings = findings;
        this.probe = probe;
        this.report = report;
        this.partners = partners;
        this.clock = clock;
    }

    /** Every partner's scorecard; {@code format=csv} (or Accept: text/csv) for a spreadsheet. */
    @GetMapping("/scorecards")
    ResponseEntity<?> scorecards(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        ReportPeriod period = ReportPeriod.of(from, to, clock);
        return respond(scorecards.all(period.from(), period.to()), "scorecards_" + period.name(), format, accept);
    }

    @GetMapping("/scorecards/{partnerId}")
    ResponseEntity<?> scorecard(
            @PathVariable String partnerId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        ReportPeriod period = ReportPeriod.of(from, to, clock);
        Scorecard scorecard = scorecards.of(partner(partnerId), period.from(), period.to());
        if (wantsCsv(format, accept)) {
            return respond(List.of(scorecard), "scorecard_" + partnerId + "_" + period.name(), format, accept);
        }
        return ResponseEntity.ok(scorecard);
    }

    /** Breaches of the notices issued in the period, in deadline order; one partner's with {@code partner}. */
    @GetMapping("/breaches")
    List<BreachRecord> breaches(
            @RequestParam(required = false) String partner,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        ReportPeriod period = ReportPeriod.of(from, to, clock);
        return breaches.ofNoticesIssued(
                partner == null ? null : partner(partner).id(), period.from(), period.to());
    }

    /** Open findings of one partner, or the latest findings, open and closed, of all. */
    @GetMapping("/findings")
    List<FindingRecord> findings(
            @RequestParam(required = false) String partner, @RequestParam(defaultValue = "false") boolean openOnly) {
        String id = partner == null ? null : partner(partner).id();
        if (openOnly && id != null) {
            return findings.open(id);
        }
        return findings.all(id, MAX_FINDINGS).stream()
                .filter(f -> !openOnly || f.closedAt() == null)
                .toList();
    }

    /** Probes one partner now; answers with its open findings. */
    @PostMapping("/probes/{partnerId}")
    List<FindingRecord> probe(@PathVariable String partnerId) {
        return probe.probe(partner(partnerId));
    }

    /** The month's report: {@code format} html (default, self-contained with charts), csv or json. */
    @GetMapping("/reports/{month}")
    ResponseEntity<?> report(@PathVariable String month, @RequestParam(defaultValue = "html") String format) {
        ReportPeriod period = ReportPeriod.month(month);
        List<Scorecard> all = scorecards.all(period.from(), period.to());
        return switch (format) {
            case "csv" -> respond(all, "amanat-report-" + month, "csv", null);
            case "json" -> ResponseEntity.ok(all);
            case "html" ->
                ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
                        .body(report.html(month, all));
            default ->
                throw new InvalidRequestException(
                        InvalidRequestException.Kind.MALFORMED,
                        "invalid-parameter",
                        List.of(new Violation("format", "must be html, csv or json")));
        };
    }

    private ResponseEntity<?> respond(List<Scorecard> cards, String name, String format, String accept) {
        if (wantsCsv(format, accept)) {
            return ResponseEntity.ok()
                    .contentType(CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"")
                    .body(ScorecardCsv.write(cards));
        }
        return ResponseEntity.ok(cards);
    }

    private static boolean wantsCsv(String format, String accept) {
        return "csv".equals(format) || (format == null && accept != null && accept.contains("text/csv"));
    }

    private Partner partner(String id) {
        return partners.find(id).orElseThrow(() -> new NotFoundException("no partner " + id));
    }
}
