package org.amanat.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.amanat.compliance.probe.Finding;
import org.amanat.compliance.probe.FindingRecord;
import org.amanat.compliance.probe.SecurityProbe;
import org.amanat.compliance.probe.Severity;
import org.amanat.compliance.scorecard.MonthlyReport;
import org.amanat.compliance.scorecard.Scorecard;
import org.amanat.compliance.scorecard.Scorecards;
import org.amanat.delivery.DeliverySettings;
import org.amanat.ledger.DeadlineKind;
import org.amanat.ledger.PassedDeadline;
import org.amanat.ledger.TestLedgers;
import org.amanat.partner.Partner;
import org.amanat.partner.PartnerDirectory;
import org.amanat.partner.TestPartners;
import org.amanat.protocol.Category;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;
import org.amanat.web.InvalidRequestException;
import org.amanat.web.NotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/** The compliance staff's API called directly: which format each answer takes, and what it names. */
class ComplianceControllerTest {
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private final TestLedgers ledgers = TestLedgers.create();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Partner plain = TestPartners.partner(
            TestPartners.profile("globaltube", URI.create("http://globaltube.example/")),
            org.amanat.protocol.TestPki.partner(org.amanat.protocol.Pki.KeyType.EC_P256));
    private final PartnerDirectory partners = new PartnerDirectory(List.of(plain));
    private final SecurityProbe probe = new SecurityProbe(
            partners,
            TestPartners.ministry(),
            ComplianceLedgers.findings(ledgers),
            ComplianceLedgers.algorithmUses(ledgers),
            ledgers.jobLocks(),
            ComplianceFixtures.settings(null, 500),
            new DeliverySettings(true, Duration.ofMillis(50), 50, Duration.ofSeconds(60), "node-1"),
            clock);
    private final ComplianceController controller = new ComplianceController(
            new Scorecards(
                    partners,
                    ComplianceLedgers.scorecardRows(ledgers),
                    ComplianceLedgers.breaches(ledgers),
                    ComplianceLedgers.findings(ledgers),
                    ComplianceFixtures.settings(null, 500),
                    clock),
            ComplianceLedgers.breaches(ledgers),
            ComplianceLedgers.findings(ledgers),
            probe,
            new MonthlyReport(),
            partners,
            clock);

    @Test
    void scorecardsAreJsonUnlessCsvIsAskedFor() {
        assertThat(controller.scorecards(null, null, null, null).getBody()).isInstanceOf(List.class);
        assertThat(controller.scorecards(null, null, "json", "text/csv").getBody())
                .isInstanceOf(List.class);
        assertCsv(controller.scorecards(null, null, "csv", null), "scorecards_2026-11-01_2026-12-01.csv");
        assertCsv(
                controller.scorecards("2026-11-02", "2026-11-03", null, "text/csv, */*"),
                "scorecards_2026-11-02_2026-11-03.csv");
    }

    @Test
    void onePartnersScorecard() {
        assertThat(controller.scorecard("globaltube", null, null, null, null).getBody())
                .isInstanceOfSatisfying(
                        Scorecard.class, s -> assertThat(s.partnerId()).isEqualTo("globaltube"));
        assertCsv(
                controller.scorecard("globaltube", null, null, "csv", null),
                "scorecard_globaltube_2026-11-01_2026-12-01.csv");
        assertThatThrownBy(() -> controller.scorecard("nobody", null, null, null, null))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void breachesOfOnePartnerOrAll() {
        String id = ledgers.issue(
                "globaltube",
                NoticeType.TAKEDOWN,
                Urgency.URGENT,
                Category.FRAUD,
                NOW.minusSeconds(7200),
                NOW.minusSeconds(3600),
                NOW);
        ComplianceLedgers.breaches(ledgers)
                .record(
                        new PassedDeadline(
                                id,
                                "globaltube",
                                NoticeType.TAKEDOWN,
                                DeadlineKind.ACK,
                                NOW.minusSeconds(3600),
                                null,
                                null),
                        NOW,
                        "late",
                        null);

        assertThat(controller.breaches(null, null, null)).hasSize(1);
        assertThat(controller.breaches("globaltube", null, null)).hasSize(1);
        assertThat(controller.breaches("globaltube", "2026-10-01", "2026-11-01"))
                .isEmpty();
        assertThatThrownBy(() -> controller.breaches("nobody", null, null)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void findingsOpenOrAll() {
        ComplianceLedgers.findings(ledgers)
                .reconcile(
                        "globaltube",
                        List.of(
                                new Finding("a", "x", Severity.HIGH, "seen"),
                                new Finding("b", "y", Severity.LOW, "seen")),
                        NOW.minusSeconds(60));
        ComplianceLedgers.findings(ledgers)
                .reconcile("globaltube", List.of(new Finding("a", "x", Severity.HIGH, "seen")), NOW);

        assertThat(controller.findings("globaltube", true))
                .extracting(FindingRecord::check)
                .containsExactly("a");
        assertThat(controller.findings("globaltube", false))
                .extracting(FindingRecord::check)
                .containsExactlyInAnyOrder("a", "b");
        assertThat(controller.findings(null, true))
                .extracting(FindingRecord::check)
                .containsExactly("a");
        assertThat(controller.findings(null, false)).hasSize(2);
        assertThatThrownBy(() -> controller.findings("nobody", false)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void probesOnePartnerNow() {
        assertThat(controller.probe("globaltube"))
                .extracting(FindingRecord::check)
                .contains("tls.not-used");
        assertThatThrownBy(() -> controller.probe("nobody")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theMonthlyReportInEachFormat() {
        ResponseEntity<?> html = controller.report("2026-11", "html");
        assertThat(html.getHeaders().getContentType().toString()).isEqualTo("text/html;charset=UTF-8");
        assertThat((String) html.getBody()).contains("<h1>Compliance report 2026-11</h1>");
        assertCsv(controller.report("2026-11", "csv"), "amanat-report-2026-11.csv");
        assertThat(controller.report("2026-11", "json").getBody()).isInstanceOf(List.class);
        assertThatThrownBy(() -> controller.report("2026-11", "pdf"))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("format: must be html, csv or json"));
    }

    private static void assertCsv(ResponseEntity<?> answer, String filename) {
        assertThat(answer.getHeaders().getContentType()).isEqualTo(ComplianceController.CSV);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"" + filename + "\"");
        assertThat((String) answer.getBody()).startsWith("partner_id,");
    }
}
