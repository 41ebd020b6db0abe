package org.amanat.ledger;

public enum NoticeState {
    /**
     * Held by the approval policy until a second person approves it (then ISSUED) or declines it: not in the
     * outbox, no deadlines yet, never sealed while it waits.
     */
    PENDING_APPROVAL,
    /** A second person refused a held notice, with a reason; final, never sealed or sent. */
    DECLINED,
    /** In the ledger and the outbox, not yet acknowledged. */
    ISSUED,
    /** A receipt signed by the partner, for the exact bytes sent, was verified and kept. */
    DELIVERED,
    /** The partner's immediate attempts are spent; still in the outbox and tried again later. */
    DELIVERY_FAILED,
    /** The partner reports it acted on every item. */
    ACTIONED,
    /** The partner reports it acted on some items. */
    PARTIALLY_ACTIONED,
    /** The partner refuses to act, with a reason. */
    REJECTED,
    /** The partner needs more information before it acts. */
    NEEDS_CLARIFICATION,
    /** Cancelled by an officer before it was acted on. */
    WITHDRAWN,
    /** Undone after review by a later RESTORE notice. */
    RESTORED,
    /** An administrator gave up delivering it, explicitly and on record. */
    ABANDONED;

    /** A partner's final answer to a notice, which stops its action clock: it acted, in part or whole, or refused. */
    public boolean isResponse() {
        return this == ACTIONED || this == PARTIALLY_ACTIONED || this == REJECTED;
    }
}
