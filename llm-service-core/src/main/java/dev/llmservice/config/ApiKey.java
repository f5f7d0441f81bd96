package dev.llmservice.config;

import java.util.Objects;

/**
 * An API key that never shows itself: {@link #toString()} and {@link #masked()} give {@code sk-a…9f3c}.
 * Only a provider that sends the key to its vendor calls {@link #reveal()}.
 */
public final class ApiKey {

    private static final String ELLIPSIS = "\u2026";

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /** Wraps a non-blank key; surrounding white space is removed. */
    public static ApiKey of(String value) {
        Objects.requireNonNull(value, "value");
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("an API key must not be blank");
        }
        return new ApiKey(trimmed);
    }

    /** The secret itself, for the HTTP client only. */
    public String reveal() {
        return value;
    }

    /** {@code sk-a…9f3c} for long keys, {@code …9f3c} for short ones, {@code ****} for very short ones. */
    public String masked() {
        return mask(value);
    }

    /**
     * Masks any secret: at most the first four and the last four characters survive, and only when the
     * secret is long enough that they leave at least half of it hidden.
     */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        int n = secret.length();
        if (n >= 16) {
            return secret.substring(0, 4) + ELLIPSIS + secret.substring(n - 4);
        }
        if (n >= 8) {
            return ELLIPSIS + secret.substring(n - 4);
        }
        return "****";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return masked();
    }
}
