package org.amanat.compliance.scorecard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.amanat.compliance.ComplianceSettings;
import org.amanat.compliance.deadlines.BreachRecord;
import org.amanat.compliance.deadlines.Breaches;
import org.amanat.compliance.deadlines.DeadlineOutcome;
import org.amanat.compliance.deadlines.DeadlineWatch;
import org.amanat.compliance.probe.FindingRecord;
import org.amanat.compliance.probe.SecurityFindings;
import org.amanat.compliance.probe.Severity;
import org.amanat.ledger.DeadlineKind;
import org.amanat.ledger.NoticeState;
import org.amanat.partner.Partner;
import org.amanat.partner.PartnerDirectory;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;
import org.springframework.stereotype.Service;

/** Computes scorecards from the ledger, the source of truth: nothing is counted anywhere else. */
@Service
public class Scorecards {
    static final String NO_REASON = "(no reason given)";

    private final PartnerDirectory partners;
    private final ScorecardRows rows;
    private final Breaches breaches;
    private final SecurityFindings findings;
    private final SanctionSchedule sanctions;
    private final Clock clock;

    public Scorecards(
            PartnerDirectory partners,
            ScorecardRows rows,
            Breaches breaches,
            SecurityFindings findings,
            ComplianceSettings settings,
            Clock clock) {
        this.partners = partners;
        this.rows = rows;
        this.breaches = breaches;
        this.findings = findings;
        this.sanctions = new SanctionSchedule(settings.sanctions());
        this.clock = clock;
    }

    /** Every partner's scorecard for the period, by partner id. */
    public List<Scorecard> all(Instant from, Instant to) {
        return partners.all().stream()
                .sorted(Comparator.comparing(Partner::id))
                .map(partner -> of(partner, from, to))
                .toList();
    }

    public Scorecard of(Partner partner, Instant from, Instant to) {
        Instant asOf = clock.instant();
        Map<NoticeType, Long> byType = new EnumMap<>(NoticeType.class);
        Map<Urgency, Long> byUrgency = new EnumMap<>(Urgency.class);
        Map<String, Long> reasons = new TreeMap<>();
        Tally ack = new Tally();
        Tally action = new Tally();
        Map<LocalDate, DayTally> days = new TreeMap<>();
        long responded = 0;
        long rejected = 0;
        List<ScorecardRow> notices = rows.issued(partner.id(), from, to);
        for (ScorecardRow n : notices) {
            byType.merge(n.type(), 1L, Long::sum);
            byUrgency.merge(n.urgency(), 1L, Long::sum);
            DayTally day = days.computeIfAbsent(LocalDate.ofInstant(n.issuedAt(), ZoneOffset.UTC), d -> new DayTally());
            day.notices++;
            ack.add(
                    DeadlineOutcome.judge(n.ackDeadline(), n.deliveredAt(), n.closedAt(), asOf),
                    n.issuedAt(),
                    n.deliveredAt(),
                    day.ack);
            if (DeadlineWatch.hasActionObligation(n.type())) {
                action.add(
                        DeadlineOutcome.judge(n.actionDeadline(), n.respondedAt(), n.closedAt(), asOf),
                        n.issuedAt(),
                        n.respondedAt(),
                        day.action);
            }
            if (n.respondedAt() != null) {
                responded++;
            }
            if (n.state() == NoticeState.REJECTED) {
                rejected++;
                reasons.merge(n.statusReason() == null ? NO_REASON : n.statusReason(), 1L, Long::sum);
            }
        }
        List<BreachRecord> breached = breaches.ofNoticesIssued(partner.id(), from, to);
        Map<DeadlineKind, Long> breachesByKind = new EnumMap<>(DeadlineKind.class);
        breached.forEach(b -> breachesByKind.merge(b.kind(), 1L, Long::sum));
        Map<Severity, Long> openFindings = new EnumMap<>(Severity.class);
        findings.open(partner.id()).stream()
                .map(FindingRecord::severity)
                .forEach(s -> openFindings.merge(s, 1L, Long::sum));
        Scorecard.Timeliness ackTimeliness = ack.timeliness();
        Scorecard.Timeliness actionTimeliness = action.timeliness();
        List<Scorecard.Day> daily = new ArrayList<>();
        days.forEach((date, day) -> daily.add(new Scorecard.Day(
                date,
                day.notices,
                Percentiles.seconds(day.ack.toArray(), 0.5),
                Percentiles.seconds(day.action.toArray(), 0.5))));
        return new Scorecard(
                partner.id(),
                partner.profile().name(),
                from,
                to,
                asOf,
                notices.size(),
                byType,
                byUrgency,
                ackTimeliness,
                actionTimeliness,
                breachesByKind,
                rejected,
                responded == 0 ? null : (double) rejected / responded,
                reasons,
                openFindings,
                sanctions.recommend(breached),
                Grading.grade(ackTimeliness.onTimeRate(), actionTimeliness.onTimeRate(), openFindings),
                daily);
    }

    /** Counts one obligation's outcomes and the latencies of the notices that met it. */
    private static final class Tally {
        long onTime;
        long late;
        long pending;
        final Latencies latencies = new Latencies();

        void add(DeadlineOutcome outcome, Instant issuedAt, Instant metAt, Latencies dayLatencies) {
            switch (outcome) {
                case ON_TIME -> onTime++;
                case LATE -> late++;
                case PENDING -> pending++;
                case MOOT -> {}
            }
            if (metAt != null) {
                long millis = Duration.between(issuedAt, metAt).toMillis();
                latencies.add(millis);
                dayLatencies.add(millis);
            }
        }

        Scorecard.Timeliness timeliness() {
            long due = onTime + late;
            long[] values = latencies.toArray();
            return new Scorecard.Timeliness(
                    due,
                    onTime,
                    late,
                    pending,
                    due == 0 ? null : (double) onTime / due,
                    Percentiles.seconds(values, 0.5),
                    Percentiles.seconds(values, 0.95));
        }
    }

    private static final class DayTally {
        long notices;
        final Latencies ack = new Latencies();
        final Latencies action = new Latencies();
    }

    /** A growable array of milliseconds, without boxing a hundred thousand Longs. */
    private static final class Latencies {
        private long[] values = new long[16];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
