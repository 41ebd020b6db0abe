package org.amanat.compliance;

import org.amanat.ledger.TestLedgers;

/** The compliance feature's own repositories on a test's ledger, made as the beans are. */
final class ComplianceLedgers {
    private ComplianceLedgers() {}

    static Breaches breaches(TestLedgers ledgers) {
        return new Breaches(ledgers.jdbc(), ledgers.events());
    }

    static SecurityFindings findings(TestLedgers ledgers) {
        return new SecurityFindings(ledgers.jdbc());
    }

    static ScorecardRows scorecardRows(TestLedgers ledgers) {
        return new ScorecardRows(ledgers.jdbc());
    }

    static AlgorithmUses algorithmUses(TestLedgers ledgers) {
        return new AlgorithmUses(ledgers.jdbc());
    }
}
