package org.amanat.protocol;

/**
 * The rules every identifier and free-text field from outside obeys, so what is stored is exactly
 * what was checked: nothing is trimmed or normalised, a value is accepted as it is or refused.
 * <ul>
 * <li>Never allowed: control characters (Unicode Cc, such as NUL, CR, ESC, DEL), format characters
 * (Cf: bidirectional overrides and isolates, zero-width spaces and joiners, the byte order mark),
 * line and paragraph separators (U+2028, U+2029) and unpaired surrogates.</li>
 * <li>{@link #identifierProblem identifiers} hold no whitespace at all;
 * {@link #lineProblem one-line texts} none at either end; {@link #textProblem multi-line texts} may
 * also hold line feeds (LF, not CR) and tabs.</li>
 * <li>Every field has a maximum length, counted in UTF-16 code units (as {@link String#length()}).</li>
 * </ul>
 * Each method answers null when the value is acceptable, else what is wrong with it; a null or blank
 * value is "is required" (callers skip optional fields that are absent).
 */
public final class Texts {
    private Texts() {}

    /** An id such as {@code officer-17}: no whitespace, no control or format characters. */
    public static String identifierProblem(String value, int max) {
        String problem = common(value, max, false);
        if (problem == null && value.codePoints().anyMatch(Texts::isSpace)) {
            return "must not contain whitespace";
        }
        return problem;
    }

    /** One line of free text, such as a legal instrument's name. */
    public static String lineProblem(String value, int max) {
        String problem = common(value, max, false);
        return problem != null ? problem : endsProblem(value);
    }

    /** Free text that may span lines (LF) and hold tabs, such as a statement of reasons. */
    public static String textProblem(String value, int max) {
        String problem = common(value, max, true);
        return problem != null ? problem : endsProblem(value);
    }

    private static String common(String value, int max, boolean multiLine) {
        if (value == null || value.isBlank()) {
            return "is required";
        }
        if (value.length() > max) {
            return "at most " + max + " characters, found " + value.length();
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (forbidden(c, multiLine)) {
                return "must not contain U+%04X (a control, format or separator character or an unpaired surrogate) at index %d"
                        .formatted(c, i);
            }
            i += Character.charCount(c);
        }
        return null;
    }

    private static boolean forbidden(int c, boolean multiLine) {
        if (multiLine && (c == '\n' || c == '\t')) {
            return false;
        }
        return breaksOrHidesText(c) || Character.getType(c) == Character.SURROGATE;
    }

    /**
     * Characters that break a line or hide what a text says: controls (Cc), format characters (Cf:
     * bidirectional overrides, zero-width characters) and the line and paragraph separators. Also
     * what {@link SafeText} escapes in a log line.
     */
    static boolean breaksOrHidesText(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }

    private static String endsProblem(String value) {
        boolean padded = isSpace(value.codePointAt(0)) || isSpace(value.codePointBefore(value.length()));
        return padded ? "must not start or end with whitespace" : null;
    }

    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
