package org.amanat.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.amanat.TestClock;
import org.amanat.compliance.probe.Finding;
import org.amanat.compliance.probe.Severity;
import org.amanat.ledger.TestLedgers;
import org.amanat.partner.PartnerDirectory;
import org.amanat.partner.TestPartners;
import org.amanat.protocol.Category;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;
import org.junit.jupiter.api.Test;

/** Gauges from the ledger, read again once the last reading is older than 15 s. */
class LedgerGaugesTest {
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private final TestClock clock = new TestClock(NOW);
    private final TestLedgers ledgers = TestLedgers.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void countsNoticesByStateAndOpenFindingsBySeverity() {
        new LedgerGauges(ledgers.notices(), ComplianceLedgers.findings(ledgers), directory(), meters, clock);
        issue();
        issue();
        ComplianceLedgers.findings(ledgers)
                .reconcile("globaltube", List.of(new Finding("a", "x", Severity.HIGH, "seen")), NOW);

        assertThat(gauge("amanat.notices", "state", "ISSUED")).isEqualTo(2.0);
        assertThat(gauge("amanat.notices", "state", "DELIVERED")).isZero();
        assertThat(gauge("amanat.findings.open", "severity", "HIGH")).isEqualTo(1.0);
        assertThat(gauge("amanat.findings.open", "severity", "LOW")).isZero();
    }

    @Test
    void readsTheLedgerAgainOnlyAfterFifteenSeconds() {
        new LedgerGauges(ledgers.notices(), ComplianceLedgers.findings(ledgers), directory(), meters, clock);
        issue();
        assertThat(gauge("amanat.notices", "state", "ISSUED")).isEqualTo(1.0);
        issue();

        clock.advance(Duration.ofSeconds(15));
        assertThat(gauge("amanat.notices", "state", "ISSUED"))
                .as("15 s old: still fresh")
                .isEqualTo(1.0);
        clock.advance(Duration.ofMillis(1));
        assertThat(gauge("amanat.notices", "state", "ISSUED")).isEqualTo(2.0);
    }

    private PartnerDirectory directory() {
        return new PartnerDirectory(List.of(TestPartners.partner(
                TestPartners.profile("globaltube", URI.create("http://g.example/")),
                org.amanat.protocol.TestPki.partner(org.amanat.protocol.Pki.KeyType.EC_P256))));
    }

    private void issue() {
        ledgers.issue(
                "globaltube",
                NoticeType.TAKEDOWN,
                Urgency.URGENT,
                Category.FRAUD,
                NOW,
                NOW.plusSeconds(3600),
                NOW.plusSeconds(4 * 3600));
    }

    private double gauge(String name, String tag, String value) {
        return meters.get(name)
                .tag("partner", "globaltube")
                .tag(tag, value)
                .gauge()
                .value();
    }
}
