package org.amanat.ledger;

/** The two deadlines every notice carries; a breach is of one kind. */
public enum DeadlineKind {
    /** A signed receipt is due by the notice's ack deadline. */
    ACK("ack_deadline", "delivered_at"),
    /** A final report (actioned, partly actioned or rejected) is due by its action deadline. */
    ACTION("action_deadline", "responded_at");

    final String deadlineColumn;
    final String metColumn;

    DeadlineKind(String deadlineColumn, String metColumn) {
        this.deadlineColumn = deadlineColumn;
        this.metColumn = metColumn;
    }
}
