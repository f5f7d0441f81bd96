package dev.llmservice.config;

/**
 * The values a numeric setting accepts, and the words that say so: the one place each range is checked, by
 * {@link ProviderConfigLoader} for a variable's text ("{@code ANTHROPIC_WEIGHT was '1.5' but it must be a number from
 * 0.0 to 1.0}") and by {@link ProviderConfig} for a value set in code ("{@code weight must be a number from 0.0 to
 * 1.0, but was 1.5}"). The bounds are the ones in {@link Defaults}.
 *
 * @param min          the least accepted value
 * @param minExcluded  whether {@code min} itself is refused (a timeout must be greater than 0)
 * @param max          the greatest accepted value
 * @param expected     what is accepted, in the words of a message: "a number from 0.0 to 1.0"
 */
record Range(double min, boolean minExcluded, double max, String expected) {

    static final Range WEIGHT = decimal(Defaults.MIN_WEIGHT, Defaults.MAX_WEIGHT);
    static final Range TEMPERATURE = decimal(Defaults.MIN_TEMPERATURE, Defaults.MAX_TEMPERATURE);
    static final Range MAX_TOKENS = new Range(Defaults.MIN_MAX_TOKENS, false, Integer.MAX_VALUE,
            "a whole number of at least " + Defaults.MIN_MAX_TOKENS);
    static final Range MAX_RETRIES = new Range(Defaults.MIN_RETRIES, false, Defaults.MAX_MAX_RETRIES,
            "a whole number from " + Defaults.MIN_RETRIES + " to " + Defaults.MAX_MAX_RETRIES);
    /** In seconds. The upper bound also keeps the loader's conversion to milliseconds exact. */
    static final Range TIMEOUT_SECONDS = new Range(0, true, Defaults.MAX_TIMEOUT.toSeconds(),
            "a number of seconds greater than 0 (at most " + Defaults.MAX_TIMEOUT.toSeconds() + ")");

    /** {@code P_RPM}: a whole number of requests per minute. */
    static final Range REQUESTS_PER_MINUTE = new Range(1, false, Defaults.MAX_REQUESTS_PER_MINUTE,
            "a whole number of requests per minute from 1 to " + Defaults.MAX_REQUESTS_PER_MINUTE);
    /** {@code P_TPM}: a whole number of tokens (input and output) per minute. */
    static final Range TOKENS_PER_MINUTE = new Range(1, false, Defaults.MAX_TOKENS_PER_MINUTE,
            "a whole number of tokens per minute from 1 to " + Defaults.MAX_TOKENS_PER_MINUTE);

    private static Range decimal(double min, double max) {
        return new Range(min, false, max, "a number from " + min + " to " + max);
    }

    /** Whether {@code value} is in the range; never for {@code NaN}. */
    boolean contains(double value) {
        return (minExcluded ? value > min : value >= min) && value <= max;
    }

    /**
     * Refuses a value out of the range.
     *
     * @param field the record component, e.g. {@code weight}
     * @param value the value as a number
     * @param shown the value as the message shows it
     * @throws IllegalArgumentException "{@code weight must be a number from 0.0 to 1.0, but was 1.5}"
     */
    void require(String field, double value, Object shown) {
        if (!contains(value)) {
            throw new IllegalArgumentException(field + " must be " + expected + ", but was " + shown);
        }
    }
}
