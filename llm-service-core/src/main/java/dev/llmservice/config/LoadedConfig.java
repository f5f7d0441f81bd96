package dev.llmservice.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What was read for one provider: the validated {@link ProviderConfig} when every value was valid, otherwise
 * the problems. The descriptive fields (type, model, weight, base URL, masked key) are filled even when the
 * configuration is not usable, so that status output can show what was given.
 *
 * @param name             provider name, e.g. {@code openai-mini}
 * @param type             the provider type's id, e.g. {@code openai}; {@code null} when {@code {P}_TYPE} names no
 *                         installed type, or is needed and not set (then misconfigured)
 * @param envPrefix        the prefix of the provider's variables, e.g. {@code OPENAI_MINI}
 * @param status           configured, not configured (no key) or misconfigured (a value invalid)
 * @param config           the validated configuration; present only when {@code status} is CONFIGURED
 * @param problems         every invalid value found, in variable order; empty when configured
 * @param enabled          {@code P_ENABLED} as read (the default when unset or invalid)
 * @param enabledFromEnv   whether {@code P_ENABLED} was set (validly) in the environment
 * @param model            the model that is or would be used; {@code null} when none is set and the type has none
 * @param weight           the weight that is or would be used (the default when the given one is invalid)
 * @param baseUrl          the base URL as normalised, or as given when invalid; {@code null} when none is set and
 *                         the type has none
 * @param maskedApiKey     the key masked, or empty when absent
 */
public record LoadedConfig(
        String name,
        String type,
        String envPrefix,
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
        Objects.requireNonNull(envPrefix, "envPrefix");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(config, "config");
        problems = List.copyOf(problems);
        if (config.isPresent() != (status == ConfigStatus.CONFIGURED)) {
            throw new IllegalArgumentException("a config is present exactly when the status is CONFIGURED");
        }
    }

    /** {@code {prefix}{suffix}}: {@code variable("_API_KEY")} is {@code OPENAI_MINI_API_KEY}. */
    public String variable(String suffix) {
        return envPrefix + suffix;
    }

    /** This configuration, not usable: misconfigured with {@code newProblems} (what is read is still shown). */
    public LoadedConfig misconfigured(List<ConfigProblem> newProblems) {
        return new LoadedConfig(name, type, envPrefix, ConfigStatus.MISCONFIGURED, Optional.empty(), newProblems,
                enabled, enabledFromEnv, model, weight, baseUrl, maskedApiKey);
    }
}
