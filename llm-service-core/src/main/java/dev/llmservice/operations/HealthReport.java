package dev.llmservice.operations;

import java.util.List;

/**
 * {@code --health-check --json}: every enabled provider checked in parallel.
 *
 * @param ok         at least one provider was checked and every checked provider is healthy
 * @param durationMs wall time of all checks together, in milliseconds
 * @param checked    how many providers were checked (the enabled ones)
 * @param healthy    how many of them are healthy
 * @param unhealthy  how many of them are not
 * @param results    one per checked provider, in registry order
 * @param skipped    the providers not checked (disabled, not configured, misconfigured), in registry order
 */
public record HealthReport(boolean ok, long durationMs, int checked, int healthy, int unhealthy,
                           List<Result> results, List<Skipped> skipped) {

    /**
     * @param name      provider name
     * @param healthy   whether the vendor answered and accepted the key
     * @param latencyMs how long the check took
     * @param reason    {@code authentication}, {@code rate_limited}, {@code unavailable}, {@code timeout},
     *                  {@code bad_response}, ... or {@code null} when healthy
     * @param message   a short explanation, or {@code null} when healthy
     * @param checkedAt ISO-8601 UTC instant
     */
    public record Result(String name, boolean healthy, long latencyMs, String reason, String message,
                         String checkedAt) {
    }

    /**
     * @param name        provider name
     * @param state       {@code disabled}, {@code not_configured} or {@code misconfigured}
     * @param stateSource {@code default}, {@code environment}, {@code override} or {@code configuration}
     */
    public record Skipped(String name, String state, String stateSource) {
    }
}
