package dev.llmservice.provider.internal;

import dev.llmservice.config.ApiKey;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes an API key from text before it reaches a message, a log line or a stack trace.
 *
 * <p>Three passes: the raw key; the vendors' echoes of it ({@code Incorrect API key provided: sk-abc1***…wxyz}, as
 * OpenAI and xAI answer), which show more of the key than we allow; and, as a last guard, any run of more than
 * {@value #MAX_REVEALED_CHARS} characters that also occurs in the key. Each is replaced by {@link ApiKey#masked()},
 * so at most the first and last four characters of a key ever appear, and only in that standard mask.
 */
public final class SecretRedactor {

    /** The longest run of key characters that may appear outside the mask. */
    static final int MAX_REVEALED_CHARS = 4;

    private static final Pattern VENDOR_ECHO =
            Pattern.compile("(?i)(api key provided:\\s*)(\\S+?)(\\.?(?:\\s|$))");

    private final String key;
    private final String masked;

    /** @param apiKey the key to keep out; {@code null} for a provider without one: nothing is then redacted */
    public SecretRedactor(ApiKey apiKey) {
        this.key = apiKey == null ? null : apiKey.reveal();
        this.masked = apiKey == null ? null : apiKey.masked();
    }

    /** {@code text} with every trace of the key replaced by its mask; {@code null} stays {@code null}. */
    public String redact(String text) {
        if (text == null || text.isEmpty() || key == null) {
            return text;
        }
        String result = text.replace(key, masked);
        Matcher echo = VENDOR_ECHO.matcher(result);
        StringBuilder sb = new StringBuilder();
        while (echo.find()) {
            echo.appendReplacement(sb, Matcher.quoteReplacement(echo.group(1) + masked + echo.group(3)));
        }
        echo.appendTail(sb);
        return removeKeyFragments(sb.toString());
    }

    /** Replaces every run of more than four characters shared with the key; the mask itself shares at most four. */
    private String removeKeyFragments(String text) {
        String result = text;
        // Each pass removes one shared run and adds none, so this ends; the bound is a belt-and-braces guard.
        for (int pass = 0; pass < 64; pass++) {
            int[] run = longestSharedRun(result, key);
            if (run[1] <= MAX_REVEALED_CHARS) {
                return result;
            }
            result = result.substring(0, run[0]) + masked + result.substring(run[0] + run[1]);
        }
        return result;
    }

    /** {start in text, length} of the longest substring of {@code text} that also occurs in {@code key}. */
    private static int[] longestSharedRun(String text, String key) {
        int bestStart = 0;
        int bestLength = 0;
        int[] previous = new int[key.length() + 1];
        int[] current = new int[key.length() + 1];
        for (int i = 1; i <= text.length(); i++) {
            for (int j = 1; j <= key.length(); j++) {
                current[j] = text.charAt(i - 1) == key.charAt(j - 1) ? previous[j - 1] + 1 : 0;
                if (current[j] > bestLength) {
                    bestLength = current[j];
                    bestStart = i - bestLength;
                }
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return new int[] {bestStart, bestLength};
    }

    /**
     * A copy of {@code t} and its causes whose messages are redacted, keeping the stack traces and naming the
     * original classes, so that printing a {@link dev.llmservice.provider.ProviderException}'s cause cannot leak the
     * key either.
     */
    public Throwable sanitize(Throwable t) {
        if (t == null) {
            return null;
        }
        Throwable cause = t.getCause() == t ? null : sanitize(t.getCause());
        String message = redact(t.getMessage());
        RedactedException copy = new RedactedException(
                t.getClass().getName() + (message == null ? "" : ": " + message), cause);
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }

    /** Stands in for an exception whose message had to be redacted; its message starts with the original class. */
    public static final class RedactedException extends RuntimeException {
        RedactedException(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
