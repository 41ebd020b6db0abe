package org.amanat.notice;

import java.util.List;
import java.util.regex.Pattern;
import org.amanat.protocol.Violation;
import org.amanat.web.InvalidRequestException;

/**
 * The {@code Idempotency-Key} request header (IETF draft "The Idempotency-Key HTTP Header Field"): the draft's form, a
 * structured-field string ({@code "8e03978e-40d5-43e8-bc93-6894a57f9324"}), or the same characters unquoted as most
 * clients send them; both name the same key. Bounded and plain, so it is safe to store, compare and log.
 */
final class IdempotencyKeyHeader {
    static final String NAME = "Idempotency-Key";
    static final int MAX_LENGTH = 128;
    /** Enough for UUIDs, ULIDs, Base64 and Base64url of random bytes; no spaces, quotes, commas or anything to escape. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._~:+/=-]{1," + MAX_LENGTH + "}");

    private IdempotencyKeyHeader() {}

    /** The key sent, or null when none was; a malformed key, or more than one, is a 400 that names the header. */
    static String read(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw invalid("must be sent once, with one key");
        }
        String value = values.get(0);
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (!KEY.matcher(value).matches()) {
            throw invalid(
                    "must be 1 to " + MAX_LENGTH + " of A-Z a-z 0-9 . _ ~ : + / = -, optionally in double quotes");
        }
        return value;
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(
                InvalidRequestException.Kind.MALFORMED,
                "invalid-idempotency-key",
                List.of(new Violation(NAME, message)));
    }
}
