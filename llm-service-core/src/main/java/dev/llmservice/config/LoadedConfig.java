package dev.llmservice.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What was read for one provider: the validated {@link ProviderConfig} when every value was valid, otherwise
 * the problems. The descriptive fields (model, weight, base URL, masked key) are filled even when the
 * configuration is not usable, so that status output can show what was given.
 *
 * @param name             provider name
 * @param status           configured, not configured (no key) or misconfigured (a value invalid)
 * @param config           the validated configuration; present only when {@code status} is CONFIGURED
 * @param problems         every invalid value found, in variable order; empty when configured
 * @param enabled          {@code P_ENABLED} as read (the default when unset or invalid)
 * @param enabledFromEnv   whether {@code P_ENABLED} was set (validly) in the environment
 * @param model            the model that is or would be used
 * @param weight           the weight that is or would be used (the default when the given one is invalid)
 * @param baseUrl          the base URL as normalised, or as given when invalid
 * @param maskedApiKey     the key masked, or empty when absent
 */
public record LoadedConfig(
        String name,
        ConfigStatus status,
        Optional<ProviderConfig> config,
        List<ConfigProblem> problems,
        boolean enabled,
        boolean enabledFromEnv,
        String model,
        double weight,
        String baseUrl,
        String maskedApiKey) {

    public LoadedConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(config, "config");
        problems = List.copyOf(problems);
        if (config.isPresent() != (status == ConfigStatus.CONFIGURED)) {
            throw new IllegalArgumentException("a config is present exactly when the status is CONFIGURED");
        }
    }
}
