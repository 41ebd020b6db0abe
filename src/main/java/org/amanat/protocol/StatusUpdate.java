package org.amanat.protocol;

import java.time.Instant;
import java.util.List;

/**
 * A platform's signed and encrypted report on a notice (partner to gateway). {@code statusId} is
 * unique per update: the gateway refuses one it has seen before.
 */
public record StatusUpdate(
        String protocol,
        String statusId,
        String noticeId,
        Instant sentAt,
        Status status,
        List<ItemOutcome> items,
        String reason) {

    public StatusUpdate {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** What happened to one item of the notice, for example {@code REMOVED}, {@code GEO_BLOCKED}, {@code NOT_FOUND}. */
    public record ItemOutcome(String locator, String outcome, Instant actionedAt) {}
}
