package dev.llmservice.ratelimit;

import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.ProviderException;

import java.time.Duration;

/**
 * A call not made because it would have gone over the provider's own rate limit ({@code P_RPM} / {@code P_TPM}) and
 * room would not have been made before the caller's deadline: nothing was sent. Its kind is
 * {@link FailureKind#RATE_LIMITED_LOCALLY}, it is not retryable within the same deadline, and {@link #retryAfter()}
 * says when there would have been room, when that is known. Consensus counts it as a skipped vote with reason
 * {@code rate_limited_locally}; a circuit breaker neither counts it nor resets on it.
 */
public final class RateLimitedLocallyException extends ProviderException {

    public RateLimitedLocallyException(String provider, String message, Duration retryAfter) {
        super(provider, FailureKind.RATE_LIMITED_LOCALLY, 0, message, null, false, retryAfter);
    }
}
