package dev.llmservice.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of one health check.
 *
 * @param provider  provider name
 * @param healthy   whether the vendor answered and accepted the key
 * @param latency   wall time of the check
 * @param reason    why it is unhealthy; {@code null} when healthy
 * @param message   a short human explanation (never contains the key); {@code null} when healthy
 * @param checkedAt when the check finished
 */
public record HealthCheckResult(
        String provider, boolean healthy, Duration latency, FailureKind reason, String message, Instant checkedAt) {

    public HealthCheckResult {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(checkedAt, "checkedAt");
        if (healthy && reason != null) {
            throw new IllegalArgumentException("a healthy result has no failure reason");
        }
        if (!healthy && reason == null) {
            throw new IllegalArgumentException("an unhealthy result needs a reason");
        }
    }

    public static HealthCheckResult healthy(String provider, Duration latency, Instant checkedAt) {
        return new HealthCheckResult(provider, true, latency, null, null, checkedAt);
    }

    public static HealthCheckResult unhealthy(
            String provider, Duration latency, FailureKind reason, String message, Instant checkedAt) {
        return new HealthCheckResult(provider, false, latency, reason, message, checkedAt);
    }
}
