package org.amanat.compliance.deadlines;

import java.time.Instant;

/** How one notice stands against one deadline; the breach rules and the scorecards judge alike. */
public enum DeadlineOutcome {
    ON_TIME,
    LATE,
    PENDING,
    /** The ministry withdrew, abandoned or restored the notice before the deadline, unmet: nothing was owed. */
    MOOT;

    /**
     * @param metAt when the obligation was met; null if it was not
     * @param closedAt when the ministry ended the notice; null if it did not
     * @param asOf the time the judgement is made
     */
    public static DeadlineOutcome judge(Instant deadline, Instant metAt, Instant closedAt, Instant asOf) {
        if (metAt != null && !metAt.isAfter(deadline)) {
            return ON_TIME;
        }
        if (metAt == null && closedAt != null && !closedAt.isAfter(deadline)) {
            return MOOT;
        }
        if (metAt == null && deadline.isAfter(asOf)) {
            return PENDING;
        }
        return LATE;
    }
}
