package org.amanat.compliance;

import org.amanat.compliance.deadlines.Breaches;
import org.amanat.compliance.probe.AlgorithmUses;
import org.amanat.compliance.probe.SecurityFindings;
import org.amanat.compliance.scorecard.ScorecardRows;
import org.amanat.ledger.TestLedgers;

/** The compliance feature's own repositories on a test's ledger, made as the beans are. */
public final class ComplianceLedgers {
    private ComplianceLedgers() {}

    public static Breaches breaches(TestLedgers ledgers) {
        return new Breaches(ledgers.jdbc(), ledgers.events());
    }

    public static SecurityFindings findings(TestLedgers ledgers) {
        return new SecurityFindings(ledgers.jdbc());
    }

    public static ScorecardRows scorecardRows(TestLedgers ledgers) {
        return new ScorecardRows(ledgers.jdbc());
    }

    public static AlgorithmUses algorithmUses(TestLedgers ledgers) {
        return new AlgorithmUses(ledgers.jdbc());
    }
}
