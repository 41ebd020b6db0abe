package org.amanat.protocol;

/** What a platform reports it did with a notice. */
public enum Status {
    ACTIONED,
    PARTIALLY_ACTIONED,
    REJECTED,
    NEEDS_CLARIFICATION
}
