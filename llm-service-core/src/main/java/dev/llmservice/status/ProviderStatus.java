package dev.llmservice.status;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.config.ProviderConfigLoader;
import dev.llmservice.config.RateLimits;
import dev.llmservice.cost.CostCalculator;
import dev.llmservice.cost.ModelPrice;
import dev.llmservice.cost.VoteCost;
import dev.llmservice.registry.ProviderState;
import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.resilience.CircuitBreaker;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One provider in the status summary (JSON keys snake_case).
 *
 * @param name        provider name, as listed in {@code LLM_PROVIDERS}
 * @param type        its provider type ({@code openai}, {@code ollama}, ...); {@code null} when {@code {P}_TYPE} names
 *                    no installed type (then misconfigured)
 * @param state       {@code enabled}, {@code disabled}, {@code not_configured} or {@code misconfigured}
 * @param stateSource {@code default}, {@code environment}, {@code override} or {@code configuration}
 * @param available   whether callers may use it now: enabled and its circuit not open
 * @param model       the model used; {@code null} when none is set and the type has none (then misconfigured)
 * @param weight      consensus weight
 * @param apiKey      the key masked ({@code sk-a…9f3c}), or empty when unset
 * @param baseUrl     the endpoint
 * @param problems    every configuration problem, each naming variable, value and what was expected
 * @param health      the last health check, or {@code null}
 * @param circuit     the circuit breaker: {@code closed}, {@code open} (calls fail fast) or {@code half_open} (the
 *                    next call is a probe); {@code null} when the provider has no instance (not configured or
 *                    misconfigured)
 * @param circuitMessage one line on the breaker, e.g. {@code open after 5 consecutive failures (last: unavailable);
 *                    calls fail fast until 2025-06-01T12:00:30Z}; {@code null} when closed with no failure counted
 * @param price       what its model costs, or why that is unknown; {@code null} when the status was made without
 *                    prices ({@link #of(ProviderEntry)} alone)
 * @param rateLimits  {@code P_RPM} and {@code P_TPM} ({@code requests_per_minute}, {@code tokens_per_minute}, each
 *                    {@code null} when not set); {@code null} when the provider has no configuration (not configured or
 *                    misconfigured)
 */
public record ProviderStatus(
        String name, String type, String state, String stateSource, boolean available, String model, double weight,
        String apiKey, String baseUrl, List<String> problems, HealthStatus health, String circuit,
        String circuitMessage, Price price, RateLimits rateLimits) {

    /**
     * The price of the provider's model, USD per million tokens: {@code P_INPUT_PRICE} / {@code P_OUTPUT_PRICE} over
     * the bundled table. A model without one has both {@code null} and a note, e.g. {@code no price for model foo-1:
     * set FOO_INPUT_PRICE and FOO_OUTPUT_PRICE}: its calls cost {@code null}, never a guess.
     */
    public record Price(BigDecimal inputUsdPerMillion, BigDecimal outputUsdPerMillion, String note) {

        static Price of(String provider, String envPrefix, String model, CostCalculator costs) {
            return costs.price(provider, model)
                    .map(p -> new Price(p.inputPerMillion(), p.outputPerMillion(), null))
                    .orElseGet(() -> new Price(null, null, VoteCost.noPriceFor(model).note() + ": set " + envPrefix
                            + ProviderConfigLoader.INPUT_PRICE + " and " + envPrefix + ProviderConfigLoader.OUTPUT_PRICE
                            + " (USD per million tokens)"));
        }
    }

    /** The status of {@code e}; its circuit breaker is read once, so every field describes the same instant. */
    public static ProviderStatus of(ProviderEntry e) {
        CircuitBreaker.Snapshot circuit = e.circuit().orElse(null);
        return new ProviderStatus(e.name(), e.typeName(), e.state().code(), e.stateSource().code(),
                e.availableWith(circuit == null ? null : circuit.state()),
                e.config().model(), e.config().weight(), e.config().maskedApiKey(), e.config().baseUrl(),
                problems(e), HealthStatus.of(e.lastHealth()),
                circuit == null ? null : circuit.state().code(), circuit == null ? null : circuit.describe(), null,
                e.config().config().map(ProviderConfig::rateLimits).orElse(null));
    }

    /** The status of {@code e} with the price of its model from {@code costs}. */
    public static ProviderStatus of(ProviderEntry e, CostCalculator costs) {
        // A provider without a model (misconfigured) has no price to show: its problem says why.
        return e.config().model() == null ? of(e)
                : of(e).withPrice(Price.of(e.name(), e.config().envPrefix(), e.config().model(), costs));
    }

    public ProviderStatus withPrice(Price newPrice) {
        return new ProviderStatus(name, type, state, stateSource, available, model, weight, apiKey, baseUrl, problems,
                health, circuit, circuitMessage, newPrice, rateLimits);
    }

    /**
     * Every configuration problem; a provider without a key says so first, so that a JSON client sees why it is
     * not configured as the table does.
     */
    private static List<String> problems(ProviderEntry e) {
        List<String> problems = new ArrayList<>();
        if (e.state() == ProviderState.NOT_CONFIGURED) {
            problems.add(e.config().variable(ProviderConfigLoader.API_KEY) + " is not set");
        }
        e.config().problems().forEach(p -> problems.add(p.message()));
        return List.copyOf(problems);
    }
}
