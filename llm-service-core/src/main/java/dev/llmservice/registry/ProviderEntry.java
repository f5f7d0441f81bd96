package dev.llmservice.registry;

import dev.llmservice.config.ConfigStatus;
import dev.llmservice.config.LoadedConfig;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.resilience.CircuitBreaker;
import dev.llmservice.resilience.CircuitBreakingProvider;
import dev.llmservice.resilience.CircuitState;

import java.util.Objects;
import java.util.Optional;

/**
 * One provider as the registry holds it: immutable; changes produce a new entry. Its name is the one listed in
 * {@code LLM_PROVIDERS} ({@code config.name()}); several providers may share a type.
 * The state is derived, never stored: configuration problems win over an override, an override wins over
 * {@code P_ENABLED}.
 *
 * <p>The one live part is the provider's circuit breaker (when its instance is a {@link CircuitBreakingProvider}, as
 * every provider the factory makes is): {@link #available()} reads its state now, one atomic read with no lock and no
 * I/O. A caller that needs several answers about the same instant reads {@link #circuit()} once and uses
 * {@link #availableWith(CircuitState)}, as the status summary does.
 *
 * @param type       the provider type; {@code null} when {@code {P}_TYPE} names no installed type (the configuration
 *                   is then misconfigured, saying so)
 * @param config     what was read from the environment
 * @param provider   the provider instance; {@code null} when not configured or misconfigured
 * @param override   a runtime enable ({@code true}) or disable ({@code false}); {@code null} when none
 * @param lastHealth the last health check, or {@code null}
 */
public record ProviderEntry(
        ProviderType type, LoadedConfig config, LlmProvider provider, Boolean override, HealthCheckResult lastHealth) {

    public ProviderEntry {
        Objects.requireNonNull(config, "config");
        if (type == null && config.status() != ConfigStatus.MISCONFIGURED) {
            throw new IllegalArgumentException("a provider without a type is misconfigured");
        }
        if ((provider != null) != (config.status() == ConfigStatus.CONFIGURED)) {
            throw new IllegalArgumentException("a provider instance exists exactly when the configuration is valid");
        }
    }

    public String name() {
        return config.name();
    }

    /** The provider type's id ({@code openai}), or {@code null} when its type is not known. */
    public String typeName() {
        return config.type();
    }

    public ProviderState state() {
        return switch (config.status()) {
            case NOT_CONFIGURED -> ProviderState.NOT_CONFIGURED;
            case MISCONFIGURED -> ProviderState.MISCONFIGURED;
            case CONFIGURED -> {
                boolean on = override != null ? override : config.enabled();
                yield on ? ProviderState.ENABLED : ProviderState.DISABLED;
            }
        };
    }

    public StateSource stateSource() {
        if (config.status() != ConfigStatus.CONFIGURED) {
            return StateSource.CONFIGURATION;
        }
        if (override != null) {
            return StateSource.OVERRIDE;
        }
        return config.enabledFromEnv() ? StateSource.ENVIRONMENT : StateSource.DEFAULT;
    }

    /** Whether callers may use this provider now: enabled, and its circuit (if it has a breaker) not open. */
    public boolean available() {
        return availableWith(circuit().map(CircuitBreaker.Snapshot::state).orElse(null));
    }

    /**
     * Whether callers may use this provider when its circuit is {@code circuit} ({@code null} for no breaker): enabled
     * and not open. A half-open circuit is available: its next call is the probe.
     */
    public boolean availableWith(CircuitState circuit) {
        return state() == ProviderState.ENABLED && circuit != CircuitState.OPEN;
    }

    /** The provider's circuit breaker, when its instance has one. */
    public Optional<CircuitBreaker> circuitBreaker() {
        return provider instanceof CircuitBreakingProvider guarded
                ? Optional.of(guarded.circuitBreaker()) : Optional.empty();
    }

    /** The provider's circuit breaker state now, when it has one. */
    public Optional<CircuitBreaker.Snapshot> circuit() {
        return circuitBreaker().map(CircuitBreaker::snapshot);
    }

    public Optional<LlmProvider> providerInstance() {
        return Optional.ofNullable(provider);
    }

    public ProviderEntry withOverride(Boolean newOverride) {
        return new ProviderEntry(type, config, provider, newOverride, lastHealth);
    }

    public ProviderEntry withHealth(HealthCheckResult health) {
        return new ProviderEntry(type, config, provider, override, health);
    }

    @Override
    public String toString() {
        return "ProviderEntry[" + name() + ", type=" + typeName() + ", state=" + state().code() + ", source=" + stateSource().code()
                + ", model=" + config.model() + ", apiKey=" + config.maskedApiKey() + "]";
    }
}
