package org.amanat.compliance.deadlines;

import java.time.Duration;
import org.amanat.ledger.DeadlineKind;
import org.amanat.ledger.PassedDeadline;

/** Whether a passed deadline was missed, from the ledger's times alone, and what to say about it. */
final class BreachRules {
    private BreachRules() {}

    /** @return the breach's description, or null if the obligation was met, or ended by the ministry in time */
    static String breach(PassedDeadline d) {
        if (d.kind() == DeadlineKind.ACTION && !DeadlineWatch.hasActionObligation(d.type())) {
            return null;
        }
        if (DeadlineOutcome.judge(d.deadline(), d.metAt(), d.closedAt(), d.deadline()) != DeadlineOutcome.LATE) {
            return null;
        }
        String what = d.kind() == DeadlineKind.ACK ? "signed receipt" : "final report (actioned or rejected)";
        if (d.metAt() == null) {
            return "no " + what + " by the deadline " + d.deadline();
        }
        return what + " " + late(Duration.between(d.deadline(), d.metAt())) + " late, at " + d.metAt();
    }

    private static String late(Duration by) {
        return by.toString().substring(2).toLowerCase();
    }
}
