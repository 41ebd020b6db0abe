package org.amanat.compliance.deadlines;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.amanat.compliance.ComplianceSettings;
import org.amanat.delivery.DeliverySettings;
import org.amanat.ledger.DeadlineKind;
import org.amanat.ledger.JobLocks;
import org.amanat.ledger.PassedDeadline;
import org.amanat.ledger.PassedDeadlines;
import org.amanat.protocol.NoticeType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finds the deadlines that passed since its last scan and records each one missed as a breach, once.
 * A breach is judged on the ledger's own times, so a late scan (or one after a restart) finds what an
 * on-time scan would have found.
 */
@Component("deadlineWatch")
public class DeadlineWatch {
    static final String JOB = "deadline-watch";
    private static final Logger log = LoggerFactory.getLogger(DeadlineWatch.class);
    private static final Duration HOLD = Duration.ofMinutes(5);
    /**
     * A breach found this long after its deadline is recorded but not posted: the first scan of a ledger
     * older than the compliance engine finds its history, which is for the scorecards, not for alerts.
     */
    static final Duration ESCALATION_MAX_AGE = Duration.ofDays(7);

    private final Breaches breaches;
    private final PassedDeadlines passedDeadlines;
    private final JobLocks locks;
    private final ComplianceSettings settings;
    private final String node;
    private final Clock clock;
    private final MeterRegistry meters;

    DeadlineWatch(
            Breaches breaches,
            PassedDeadlines passedDeadlines,
            JobLocks locks,
            ComplianceSettings settings,
            DeliverySettings delivery,
            Clock clock,
            MeterRegistry meters) {
        this.breaches = breaches;
        this.passedDeadlines = passedDeadlines;
        this.locks = locks;
        this.settings = settings;
        this.node = delivery.nodeId();
        this.clock = clock;
        this.meters = meters;
    }

    /** @return how many breaches this scan recorded; 0 also when another node is scanning */
    public int scan() {
        return locks.runAlone(JOB, node, clock, HOLD, () -> {
                    Instant now = clock.instant();
                    int recorded = 0;
                    for (DeadlineKind kind : DeadlineKind.values()) {
                        recorded += scan(kind, now);
                    }
                    return recorded;
                })
                .orElse(0);
    }

    private int scan(DeadlineKind kind, Instant now) {
        // The first page starts at the last scan's end, ties included: re-reading a deadline records nothing twice.
        Instant afterDeadline = breaches.scannedTo(kind);
        String afterId = "";
        int recorded = 0;
        List<PassedDeadline> page;
        do {
            page = passedDeadlines.page(kind, afterDeadline, afterId, now, settings.deadlineScanBatch());
            for (PassedDeadline passed : page) {
                String breach = BreachRules.breach(passed);
                if (breach != null && record(passed, breach, now)) {
                    recorded++;
                }
            }
            if (page.size() == settings.deadlineScanBatch()) {
                PassedDeadline last = page.get(page.size() - 1);
                afterDeadline = last.deadline();
                afterId = last.noticeId();
                // A long catch-up keeps its progress should the node stop mid-scan.
                breaches.scannedTo(kind, afterDeadline);
            }
        } while (page.size() == settings.deadlineScanBatch());
        breaches.scannedTo(kind, now);
        return recorded;
    }

    private boolean record(PassedDeadline passed, String detail, Instant now) {
        boolean recent = passed.deadline().isAfter(now.minus(ESCALATION_MAX_AGE));
        Instant escalateAt = settings.escalation().webhookConfigured() && recent ? now : null;
        return breaches.record(passed, now, detail, escalateAt)
                .map(breach -> {
                    meters.counter(
                                    "amanat.breaches",
                                    "partner",
                                    breach.partnerId(),
                                    "kind",
                                    breach.kind().name())
                            .increment();
                    log.warn(
                            "BREACH {} deadline of notice {} ({}): {}",
                            breach.kind(),
                            breach.noticeId(),
                            breach.partnerId(),
                            detail);
                    return true;
                })
                .orElse(false);
    }

    /** Which notices carry an action obligation: a withdrawal needs only to be acknowledged. */
    public static boolean hasActionObligation(NoticeType type) {
        return type != NoticeType.WITHDRAWAL;
    }
}
