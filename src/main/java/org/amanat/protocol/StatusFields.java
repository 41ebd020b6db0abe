package org.amanat.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The format and length of every field of a status update (docs/protocol.md section 5), checked as
 * soon as it is parsed: identifiers are plain ASCII, no text holds a character that breaks or
 * disguises a line (a reason may hold line breaks and tabs), and nothing is longer than the ledger keeps.
 */
final class StatusFields {
    static final int MAX_ITEMS = 1000;
    static final int MAX_LOCATOR = 2048;
    static final int MAX_REASON = 2000;

    private static final Pattern STATUS_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
    private static final Pattern OUTCOME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private StatusFields() {}

    /** @throws InvalidFieldsException naming every field at fault */
    static void check(StatusUpdate update) {
        if (update == null) {
            throw new InvalidFieldsException(
                    "status update", List.of(new Violation("(body)", "must be a JSON object")));
        }
        List<Violation> problems = new ArrayList<>();
        if (!Notice.PROTOCOL.equals(update.protocol())) {
            problems.add(new Violation("protocol", "must be \"" + Notice.PROTOCOL + "\""));
        }
        match(
                problems,
                "statusId",
                update.statusId(),
                STATUS_ID,
                "1 to 100 of A-Z a-z 0-9 . _ : -, starting with a letter or digit");
        match(
                problems,
                "noticeId",
                update.noticeId(),
                Notice.ID,
                "a notice id as the notice carries it (lower-case UUID)");
        if (update.sentAt() == null) {
            problems.add(new Violation("sentAt", "is required"));
        }
        if (update.status() == null) {
            problems.add(new Violation("status", "is required"));
        }
        if (update.items().size() > MAX_ITEMS) {
            problems.add(new Violation(
                    "items",
                    "at most " + MAX_ITEMS + " items, found " + update.items().size()));
        } else {
            for (int i = 0; i < update.items().size(); i++) {
                StatusUpdate.ItemOutcome item = update.items().get(i);
                text(problems, "items[" + i + "].locator", item.locator(), MAX_LOCATOR, false, true);
                match(
                        problems,
                        "items[" + i + "].outcome",
                        item.outcome(),
                        OUTCOME,
                        "1 to 64 of A-Z 0-9 _, such as REMOVED");
            }
        }
        text(problems, "reason", update.reason(), MAX_REASON, true, false);
        if (!problems.isEmpty()) {
            throw new InvalidFieldsException("status update", problems);
        }
    }

    private static void match(List<Violation> problems, String field, String value, Pattern pattern, String rule) {
        if (value == null) {
            problems.add(new Violation(field, "is required"));
        } else if (!pattern.matcher(value).matches()) {
            problems.add(new Violation(field, "must be " + rule));
        }
    }

    private static void text(
            List<Violation> problems, String field, String value, int max, boolean lineBreaks, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                problems.add(new Violation(field, "is required"));
            }
            return;
        }
        String problem = lineBreaks ? Texts.textProblem(value, max) : Texts.lineProblem(value, max);
        if (problem != null) {
            problems.add(new Violation(field, problem));
        }
    }
}
