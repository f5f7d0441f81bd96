package dev.llmservice.status;

import dev.llmservice.provider.HealthCheckResult;

/**
 * The last health check of a provider, as shown in status output (JSON keys snake_case).
 *
 * @param healthy   whether it passed
 * @param latencyMs how long it took, in milliseconds
 * @param reason    {@code authentication}, {@code rate_limited}, {@code unavailable}, {@code timeout},
 *                  {@code bad_response}, {@code circuit_open} (not checked: the circuit breaker is open) or
 *                  {@code other}; {@code null} when healthy
 * @param message   a short explanation; {@code null} when healthy
 * @param checkedAt ISO-8601 UTC instant
 */
public record HealthStatus(boolean healthy, long latencyMs, String reason, String message, String checkedAt) {

    public static HealthStatus of(HealthCheckResult r) {
        return r == null ? null : new HealthStatus(r.healthy(), r.latency().toMillis(),
                r.reason() == null ? null : r.reason().code(), r.message(), r.checkedAt().toString());
    }
}
