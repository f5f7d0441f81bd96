package dev.llmservice.provider;

import java.util.Locale;

/** Why a call to a provider failed, in words a caller can act on. */
public enum FailureKind {
    /** The key was rejected (401/403, Gemini's 400 {@code API_KEY_INVALID}, xAI's 400 "Incorrect API key"). */
    AUTHENTICATION,
    /** Too many requests or tokens, or quota exhausted (429). */
    RATE_LIMITED,
    /** The vendor is down or overloaded (5xx, Anthropic's 529), or the connection failed. */
    UNAVAILABLE,
    /** No answer within the timeout. */
    TIMEOUT,
    /** The answer could not be understood (not JSON, wrong shape, empty). */
    BAD_RESPONSE,
    /** The vendor declined to answer (refusal, safety block). */
    REFUSED,
    /** The request itself was rejected (400 other than authentication, unknown model). */
    INVALID_REQUEST,
    /** Anything else. */
    OTHER,
    /**
     * Not called: the provider's circuit breaker is open after repeated failures (or half-open with its one probe call
     * in flight). No request was sent; see {@link dev.llmservice.resilience.CircuitOpenException}.
     */
    CIRCUIT_OPEN,
    /**
     * Not called: the call would have gone over the provider's own rate limit ({@code P_RPM} / {@code P_TPM}) and
     * waiting for room would have ended after the caller's deadline. No request was sent; see
     * {@code dev.llmservice.ratelimit.RateLimiter}.
     */
    RATE_LIMITED_LOCALLY;

    /**
     * Whether trying again later may succeed: {@link #RATE_LIMITED}, {@link #UNAVAILABLE} and {@link #TIMEOUT}.
     * A single failure can still be marked otherwise (OpenAI's 429 {@code insufficient_quota} is rate limiting that
     * no retry will fix); see {@link ProviderException#retryable()}.
     */
    public boolean isTransient() {
        return this == RATE_LIMITED || this == UNAVAILABLE || this == TIMEOUT;
    }

    /** {@code rate_limited}: the form used in JSON. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code rate limited}: the form used in human output. */
    public String label() {
        return code().replace('_', ' ');
    }
}
