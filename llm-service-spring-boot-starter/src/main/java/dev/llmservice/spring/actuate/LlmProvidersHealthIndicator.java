package dev.llmservice.spring.actuate;

import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.operations.LocalOperations;
import dev.llmservice.state.OverrideStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code llmProviders} health contributor: whether enough providers are usable for a consensus.
 *
 * <p>A provider is <em>usable</em> when it is available (configured and enabled) and its last health check,
 * if it had one, passed. With {@code n} usable providers and {@code llm.health.min-available = m}
 * (default 2, the quorum's minimum number of votes):
 * <table>
 *   <caption>Status</caption>
 *   <tr><th>usable</th><th>status</th></tr>
 *   <tr><td>{@code n >= m}</td><td>UP</td></tr>
 *   <tr><td>{@code 1 <= n < m}</td><td>OUT_OF_SERVICE: answers come, but a consensus cannot reach quorum</td></tr>
 *   <tr><td>{@code n = 0}</td><td>DOWN</td></tr>
 * </table>
 *
 * <p>No network I/O by default: the details show the last known check of each provider (from
 * {@code POST /api/v1/providers/health-check}, the CLI's checks are not shared). With
 * {@code llm.health.check-on-read=true}, each read first checks every enabled provider in parallel, bounded
 * by their timeouts; leave it off when a load balancer polls health often, since checks go to the vendors.
 *
 * <p>Details (keys snake_case): {@code required}, {@code usable_providers}, {@code available_providers},
 * {@code total_providers}, and per provider {@code state}, {@code available}, {@code model},
 * {@code last_check} (ISO-8601 or null), {@code healthy}, {@code latency_ms}, {@code reason}; {@code state_file}
 * (where overrides are kept) and, while it cannot be read, {@code state_file_problem} (what is wrong with it: its
 * overrides are not applied, the server goes on with those it had). No key, masked or not.
 */
public class LlmProvidersHealthIndicator implements HealthIndicator {

    private final ProviderRegistry registry;
    private final LocalOperations operations;
    private final int minAvailable;
    private final boolean checkOnRead;

    public LlmProvidersHealthIndicator(LocalOperations operations, int minAvailable, boolean checkOnRead) {
        this.registry = operations.registry();
        this.operations = operations;
        this.minAvailable = minAvailable;
        this.checkOnRead = checkOnRead;
    }

    @Override
    public Health health() {
        if (checkOnRead) {
            operations.healthCheckAll(null, r -> { });
        }
        List<ProviderEntry> snapshot = registry.snapshot();
        int available = 0;
        int usable = 0;
        Map<String, Object> providers = new LinkedHashMap<>();
        for (ProviderEntry e : snapshot) {
            HealthCheckResult last = e.lastHealth();
            if (e.available()) {
                available++;
                if (last == null || last.healthy()) {
                    usable++;
                }
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("type", e.typeName());
            detail.put("state", e.state().code());
            detail.put("available", e.available());
            detail.put("model", e.config().model());
            detail.put("last_check", last == null ? null : last.checkedAt().toString());
            detail.put("healthy", last == null ? null : last.healthy());
            detail.put("latency_ms", last == null ? null : last.latency().toMillis());
            detail.put("reason", last == null || last.reason() == null ? null : last.reason().code());
            providers.put(e.name(), detail);
        }
        Status status = usable >= minAvailable ? Status.UP : usable > 0 ? Status.OUT_OF_SERVICE : Status.DOWN;
        OverrideStore overrides = operations.overrides();
        Health.Builder health = Health.status(status)
                .withDetail("required", minAvailable)
                .withDetail("usable_providers", usable)
                .withDetail("available_providers", available)
                .withDetail("total_providers", snapshot.size())
                .withDetail("providers", providers)
                .withDetail("state_file", overrides.location());
        // Not a change of status: the providers in use are usable, with the overrides last read.
        overrides.readFailure().ifPresent(e -> health.withDetail("state_file_problem", e.problem()));
        return health.build();
    }
}
