package org.amanat.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.amanat.protocol.Notice;
import org.amanat.protocol.StatusUpdate;
import org.amanat.protocol.Violation;

/**
 * What a status update may say about its notice (docs/protocol.md section 5): its items are items of
 * the notice, each once, and no time it gives lies before the gateway first sent the notice or after
 * the update was received, each give or take the partner's clock skew.
 */
final class ReportRules {
    private ReportRules() {}

    /** @param firstSent when the gateway first sent the notice (its issue time if no attempt is on record) */
    static List<Violation> check(
            StatusUpdate update, Notice notice, Instant firstSent, Instant receivedAt, Duration skew) {
        List<Violation> problems = new ArrayList<>();
        if (update.items().size() > notice.items().size()) {
            problems.add(new Violation(
                    "items",
                    "the notice has " + notice.items().size() + " items, the update reports "
                            + update.items().size()));
            return problems;
        }
        Set<String> locators = new HashSet<>();
        notice.items().forEach(item -> locators.add(item.locator()));
        Set<String> seen = new HashSet<>();
        Instant earliest = firstSent.minus(skew);
        Instant latest = receivedAt.plus(skew);
        for (int i = 0; i < update.items().size(); i++) {
            StatusUpdate.ItemOutcome item = update.items().get(i);
            if (!locators.contains(item.locator())) {
                problems.add(new Violation("items[" + i + "].locator", "is not an item of the notice"));
            } else if (!seen.add(item.locator())) {
                problems.add(new Violation("items[" + i + "].locator", "is reported twice"));
            }
            Instant at = item.actionedAt();
            if (at != null && (at.isBefore(earliest) || at.isAfter(latest))) {
                problems.add(new Violation(
                        "items[" + i + "].actionedAt",
                        "must lie between " + earliest + " (when the notice was"
                                + " first sent, less the clock skew) and " + latest
                                + " (when this update was received, plus the skew)"));
            }
        }
        return problems;
    }
}
