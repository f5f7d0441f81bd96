package dev.llmservice.config;

/**
 * How a value given by someone else is shown in a message: the one place that decides it, so that no message,
 * log line or HTTP answer repeats a huge or multi-line value back.
 *
 * <ul>
 *   <li>At most {@value #MAX_CHARS} characters of the value are shown; a longer one is cut there and followed by
 *       {@code … (N characters)} with its full length, so a 5 MB pair is answered with ~130 characters, not
 *       5 MB.</li>
 *   <li>Line breaks, tabs and other control characters (and U+2028/U+2029, which some readers take for line
 *       breaks) are shown escaped ({@code \n}, {@code \t}, {@code \u001b}), so a value can never start a line
 *       of its own in a message, a log or a terminal.</li>
 * </ul>
 * A surrogate pair is never cut in half.
 */
public final class Excerpt {

    /** The most characters of a value a message shows. */
    public static final int MAX_CHARS = 100;

    private Excerpt() {
    }

    /**
     * {@code value} as a message should show it: escaped, and cut after {@value #MAX_CHARS} characters with its
     * full length added. {@code null} is shown as {@code null}.
     */
    public static String of(String value) {
        if (value == null) {
            return "null";
        }
        int length = value.length();
        StringBuilder sb = new StringBuilder(Math.min(length, MAX_CHARS) + 24);
        int i = 0;
        for (; i < length && sb.length() < MAX_CHARS; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && sb.length() == MAX_CHARS - 1) {
                break;
            }
            String escaped = escape(c);
            if (escaped == null) {
                sb.append(c);
            } else {
                sb.append(escaped);
            }
        }
        return i < length ? sb.append("\u2026 (").append(length).append(" characters)").toString() : sb.toString();
    }

    /** {@code 'value'}, {@link #of shortened and escaped}: the form messages use after "was". */
    public static String quoted(String value) {
        return "'" + of(value) + "'";
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    ? String.format("\\u%04x", (int) c) : null;
        };
    }
}
