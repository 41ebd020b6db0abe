package org.amanat.compliance;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.amanat.compliance.probe.SecurityFindings;
import org.amanat.compliance.probe.Severity;
import org.amanat.ledger.NoticeLedger;
import org.amanat.ledger.NoticeState;
import org.amanat.partner.Partner;
import org.amanat.partner.PartnerDirectory;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the ledger, the source of truth, so every node reports the same figures: notices
 * by partner and state, and open security findings by partner and severity. Two grouped counts serve
 * all gauges, read at most every {@link #FRESHNESS} however often Prometheus scrapes.
 */
@Component
class LedgerGauges {
    static final Duration FRESHNESS = Duration.ofSeconds(15);

    private final NoticeLedger notices;
    private final SecurityFindings findings;
    private final Clock clock;
    private Snapshot snapshot;

    LedgerGauges(
            NoticeLedger notices,
            SecurityFindings findings,
            PartnerDirectory partners,
            MeterRegistry meters,
            Clock clock) {
        this.notices = notices;
        this.findings = findings;
        this.clock = clock;
        for (Partner partner : partners.all()) {
            for (NoticeState state : NoticeState.values()) {
                Gauge.builder(
                                "amanat.notices",
                                () -> snapshot()
                                        .notices()
                                        .getOrDefault(partner.id(), Map.of())
                                        .getOrDefault(state, 0L))
                        .tag("partner", partner.id())
                        .tag("state", state.name())
                        .description("notices in the ledger by partner and state")
                        .register(meters);
            }
            for (Severity severity : Severity.values()) {
                Gauge.builder(
                                "amanat.findings.open",
                                () -> snapshot()
                                        .findings()
                                        .getOrDefault(partner.id(), Map.of())
                                        .getOrDefault(severity, 0L))
                        .tag("partner", partner.id())
                        .tag("severity", severity.name())
                        .description("open security findings by partner and severity")
                        .register(meters);
            }
        }
    }

    private synchronized Snapshot snapshot() {
        Instant now = clock.instant();
        if (snapshot == null || snapshot.takenAt().plus(FRESHNESS).isBefore(now)) {
            snapshot = new Snapshot(now, notices.countsByPartnerAndState(), findings.openCounts());
        }
        return snapshot;
    }

    private record Snapshot(
            Instant takenAt, Map<String, Map<NoticeState, Long>> notices, Map<String, Map<Severity, Long>> findings) {}
}
