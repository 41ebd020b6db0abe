package org.amanat.compliance.scorecard;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.amanat.compliance.probe.Severity;
import org.amanat.ledger.DeadlineKind;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;

/**
 * One partner's record for one period: the notices issued to it in [{@code from}, {@code to}), judged
 * as the ledger stands at {@code asOf}. The definitions are in docs/compliance.md.
 */
public record Scorecard(
        String partnerId,
        String partnerName,
        Instant from,
        Instant to,
        Instant asOf,
        long notices,
        Map<NoticeType, Long> noticesByType,
        Map<Urgency, Long> noticesByUrgency,
        Timeliness acknowledgement,
        Timeliness action,
        Map<DeadlineKind, Long> breachesByKind,
        long rejected,
        Double rejectedShare,
        Map<String, Long> rejectionReasons,
        Map<Severity, Long> openFindingsBySeverity,
        List<Sanction> sanctions,
        Grade grade,
        List<Day> days) {

    /**
     * @param due notices whose deadline has passed or was met: the denominator of the on-time rate
     * @param onTime met by the deadline
     * @param late missed, whether met later or not at all
     * @param pending not met, deadline still ahead
     * @param onTimeRate onTime / due, null when nothing is due
     * @param p50Seconds median time from issue to meeting the obligation, over the notices that met it (null if none)
     * @param p95Seconds the 95th percentile of the same (nearest rank)
     */
    public record Timeliness(
            long due, long onTime, long late, long pending, Double onTimeRate, Double p50Seconds, Double p95Seconds) {}

    /** The sanctions docs/compliance.md describes, in the order they come. */
    public enum SanctionKind {
        WARNING_LETTER,
        ADMINISTRATIVE_FINE
    }

    /** A recommended sanction; nothing is sent. {@code amount} is null for a warning letter. */
    public record Sanction(SanctionKind kind, int breaches, BigDecimal amount, String currency, String basis) {}

    /** @param score 0 to 100, see docs/compliance.md; {@code letter} A to E */
    public record Grade(double score, String letter) {}

    /** One day of the period (UTC), for the report's charts. */
    public record Day(LocalDate date, long notices, Double ackP50Seconds, Double actionP50Seconds) {}
}
