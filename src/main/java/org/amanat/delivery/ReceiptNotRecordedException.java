package org.amanat.delivery;

import org.amanat.ledger.AttemptOutcome;

/** The partner's receipt was verified but the ledger could not record it: {@code outcome} carries the receipt on. */
class ReceiptNotRecordedException extends RuntimeException {
    private final transient AttemptOutcome outcome;

    ReceiptNotRecordedException(AttemptOutcome outcome, RuntimeException cause) {
        super("the verified receipt could not be recorded: " + cause.getMessage(), cause);
        this.outcome = outcome;
    }

    AttemptOutcome outcome() {
        return outcome;
    }
}
