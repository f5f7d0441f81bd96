package dev.llmservice.status;

import dev.llmservice.config.ConfigProblem;
import dev.llmservice.registry.ProviderEntry;

import java.util.List;

/**
 * One provider in the status summary (JSON keys snake_case).
 *
 * @param name        provider name
 * @param state       {@code enabled}, {@code disabled}, {@code not_configured} or {@code misconfigured}
 * @param stateSource {@code default}, {@code environment}, {@code override} or {@code configuration}
 * @param available   whether callers may use it now
 * @param model       the model used
 * @param weight      consensus weight
 * @param apiKey      the key masked ({@code sk-a…9f3c}), or empty when unset
 * @param baseUrl     the endpoint
 * @param problems    every configuration problem, each naming variable, value and what was expected
 * @param health      the last health check, or {@code null}
 */
public record ProviderStatus(
        String name, String state, String stateSource, boolean available, String model, double weight,
        String apiKey, String baseUrl, List<String> problems, HealthStatus health) {

    public static ProviderStatus of(ProviderEntry e) {
        return new ProviderStatus(e.name(), e.state().code(), e.stateSource().code(), e.available(),
                e.config().model(), e.config().weight(), e.config().maskedApiKey(), e.config().baseUrl(),
                e.config().problems().stream().map(ConfigProblem::message).toList(), HealthStatus.of(e.lastHealth()));
    }
}
