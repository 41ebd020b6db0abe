package org.amanat.ledger;

/** What a step in a notice's history was: the {@code kind} of a {@code notice_event} row, named here and nowhere else. */
public enum NoticeEventKind {
    /** Held by the approval policy for a second person. */
    APPROVAL_REQUESTED,
    /** A second person approved a held notice. */
    APPROVED,
    /** A second person declined a held notice. */
    DECLINED,
    /** In the ledger and the outbox; its deadlines run. */
    ISSUED,
    /** A signed receipt for the bytes sent was verified and kept. */
    DELIVERED,
    /** An attempt ended after its lease had passed to another node, or after the notice was closed. */
    ATTEMPT_LATE,
    /** The partner's immediate attempts are spent; later attempts follow. */
    DELIVERY_FAILED,
    /** Still undelivered after many attempts or a long time: flagged for an operator. */
    DELIVERY_OVERDUE,
    /** The partner reported a state the notice took. */
    STATUS_ACTIONED,
    STATUS_PARTIALLY_ACTIONED,
    STATUS_REJECTED,
    STATUS_NEEDS_CLARIFICATION,
    /** The partner reported a state the notice could no longer take: kept as evidence, not applied. */
    STATUS_NOT_APPLIED,
    /** Cancelled by an officer, directly or by a WITHDRAWAL notice. */
    WITHDRAWN,
    /** Undone by a RESTORE notice. */
    RESTORED,
    /** An administrator gave up delivering it. */
    ABANDONED,
    /** Its ack deadline passed with no signed receipt. */
    BREACH_ACK,
    /** Its action deadline passed with no final report. */
    BREACH_ACTION;

    /** The step that closed a notice in {@code state}: withdrawn, restored, declined or abandoned. */
    static NoticeEventKind closedAs(NoticeState state) {
        return switch (state) {
            case WITHDRAWN -> WITHDRAWN;
            case RESTORED -> RESTORED;
            case DECLINED -> DECLINED;
            case ABANDONED -> ABANDONED;
            default -> throw new IllegalArgumentException("not a closing state: " + state);
        };
    }

    /** The step of a partner's report that was applied: the state it reported. */
    static NoticeEventKind reported(NoticeState state) {
        return switch (state) {
            case ACTIONED -> STATUS_ACTIONED;
            case PARTIALLY_ACTIONED -> STATUS_PARTIALLY_ACTIONED;
            case REJECTED -> STATUS_REJECTED;
            case NEEDS_CLARIFICATION -> STATUS_NEEDS_CLARIFICATION;
            default -> throw new IllegalArgumentException("not a state a partner reports: " + state);
        };
    }

    /** The step of a deadline's breach. */
    public static NoticeEventKind breach(DeadlineKind kind) {
        return switch (kind) {
            case ACK -> BREACH_ACK;
            case ACTION -> BREACH_ACTION;
        };
    }
}
