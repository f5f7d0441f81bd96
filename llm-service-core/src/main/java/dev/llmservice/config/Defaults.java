package dev.llmservice.config;

import java.time.Duration;

/** Every default of a provider's configuration, in one place, with units. */
public final class Defaults {

    /** {@code P_ENABLED} when unset. */
    public static final boolean ENABLED = true;
    /** {@code P_WEIGHT} when unset; consensus voting weight, 0.0 to 1.0. */
    public static final double WEIGHT = 1.0;
    /** {@code P_MAX_TOKENS} when unset; tokens per reply. */
    public static final int MAX_TOKENS = 1024;
    /** {@code P_TEMPERATURE} when unset; 0.0 to 2.0. */
    public static final double TEMPERATURE = 0.7;
    /** {@code P_TIMEOUT} when unset; per request. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** {@code P_MAX_RETRIES} when unset; retries after the first attempt. */
    public static final int MAX_RETRIES = 3;

    public static final double MIN_WEIGHT = 0.0;
    public static final double MAX_WEIGHT = 1.0;
    public static final double MIN_TEMPERATURE = 0.0;
    public static final double MAX_TEMPERATURE = 2.0;
    public static final int MIN_MAX_TOKENS = 1;
    public static final int MIN_RETRIES = 0;
    public static final int MAX_MAX_RETRIES = 10;
    /** The longest accepted {@code P_TIMEOUT}: far beyond any useful request timeout. */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(1);
    /** The greatest accepted {@code P_RPM} (requests per minute): above any vendor's published limit. */
    public static final int MAX_REQUESTS_PER_MINUTE = 10_000_000;
    /** The greatest accepted {@code P_TPM} (tokens per minute): above any vendor's published limit. */
    public static final int MAX_TOKENS_PER_MINUTE = 1_000_000_000;

    private Defaults() {
    }
}
