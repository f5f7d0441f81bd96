package dev.llmservice.cli.action;

/** Small helpers for the human form of the reports. */
final class Text {

    static final String N = System.lineSeparator();

    private Text() {
    }

    /** {@code not_configured} becomes {@code not configured}. */
    static String words(String code) {
        return code == null ? "" : code.replace('_', ' ');
    }

    static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
