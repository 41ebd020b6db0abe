package org.amanat.protocol;

/**
 * Text from outside made safe to write into a log line or an error answer: control characters,
 * line and paragraph separators and invisible format characters (bidirectional overrides) become
 * a backslash, u and four hex digits, so a sender cannot forge a log line or hide what it wrote, and the text is cut
 * to a length.
 */
public final class SafeText {
    /** Long enough for any identifier, timestamp or reason worth reading in a log line. */
    public static final int LOG_LIMIT = 300;

    private SafeText() {}

    public static String forLog(String text) {
        return escape(text, LOG_LIMIT);
    }

    /** @return "null" for null, so a missing value still reads as one */
    public static String escape(String text, int limit) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), limit) + 16);
        int i = 0;
        for (; i < text.length() && out.length() < limit; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (Texts.breaksOrHidesText(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (i < text.length()) {
            out.append("...");
        }
        return out.toString();
    }
}
