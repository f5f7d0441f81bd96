package dev.llmservice.registry;

import dev.llmservice.config.ConfigStatus;
import dev.llmservice.config.LoadedConfig;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderType;

import java.util.Objects;
import java.util.Optional;

/**
 * One provider as the registry holds it: immutable; changes produce a new entry.
 * The state is derived, never stored: configuration problems win over an override, an override wins over
 * {@code P_ENABLED}.
 *
 * @param type       the provider type
 * @param config     what was read from the environment
 * @param provider   the provider instance; {@code null} when not configured or misconfigured
 * @param override   a runtime enable ({@code true}) or disable ({@code false}); {@code null} when none
 * @param lastHealth the last health check, or {@code null}
 */
public record ProviderEntry(
        ProviderType type, LoadedConfig config, LlmProvider provider, Boolean override, HealthCheckResult lastHealth) {

    public ProviderEntry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(config, "config");
        if ((provider != null) != (config.status() == ConfigStatus.CONFIGURED)) {
            throw new IllegalArgumentException("a provider instance exists exactly when the configuration is valid");
        }
    }

    public String name() {
        return type.name();
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

    /** Whether callers may use this provider now. */
    public boolean available() {
        return state() == ProviderState.ENABLED;
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
        return "ProviderEntry[" + name() + ", state=" + state().code() + ", source=" + stateSource().code()
                + ", model=" + config.model() + ", apiKey=" + config.maskedApiKey() + "]";
    }
}
