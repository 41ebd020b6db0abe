package org.amanat.compliance.scorecard;

import java.util.Map;
import org.amanat.compliance.probe.Severity;

/**
 * The overall grade (docs/compliance.md): 100 x (0.3 x acknowledgement on-time rate + 0.7 x action
 * on-time rate), a missing rate taking the other's weight and 100 when neither exists, less 10 per open
 * CRITICAL finding, 5 per HIGH and 2 per MEDIUM, floored at 0. A from 90, B from 80, C from 70,
 * D from 60, else E. Action weighs more: taking content down in time is the obligation's purpose.
 */
final class Grading {
    static final double ACK_WEIGHT = 0.3;
    static final double ACTION_WEIGHT = 0.7;
    private static final Map<Severity, Integer> PENALTY =
            Map.of(Severity.CRITICAL, 10, Severity.HIGH, 5, Severity.MEDIUM, 2);

    private Grading() {}

    static Scorecard.Grade grade(Double ackRate, Double actionRate, Map<Severity, Long> openFindingsBySeverity) {
        double timeliness;
        if (ackRate == null && actionRate == null) {
            timeliness = 1.0;
        } else if (ackRate == null) {
            timeliness = actionRate;
        } else if (actionRate == null) {
            timeliness = ackRate;
        } else {
            timeliness = ACK_WEIGHT * ackRate + ACTION_WEIGHT * actionRate;
        }
        double penalty = 0;
        for (var entry : openFindingsBySeverity.entrySet()) {
            penalty += PENALTY.getOrDefault(entry.getKey(), 0) * entry.getValue();
        }
        double score = Math.max(0, Math.round((100 * timeliness - penalty) * 10) / 10.0);
        return new Scorecard.Grade(score, letter(score));
    }

    private static String letter(double score) {
        if (score >= 90) {
            return "A";
        }
        if (score >= 80) {
            return "B";
        }
        if (score >= 70) {
            return "C";
        }
        return score >= 60 ? "D" : "E";
    }
}
