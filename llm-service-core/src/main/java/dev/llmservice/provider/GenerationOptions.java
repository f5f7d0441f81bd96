package dev.llmservice.provider;

import dev.llmservice.config.Defaults;
import dev.llmservice.config.ProviderConfig;

/**
 * Settings of one request that replace the provider's configured ones ({@code P_MODEL}, {@code P_TEMPERATURE},
 * {@code P_MAX_TOKENS}); {@code null} keeps the configured value. The configuration's ranges apply.
 *
 * @param model       another model of the provider's vendor, e.g. {@code gpt-4.1-mini}; not blank
 * @param temperature {@value Defaults#MIN_TEMPERATURE} to {@value Defaults#MAX_TEMPERATURE}
 * @param maxTokens   at least {@value Defaults#MIN_MAX_TOKENS}: the reply's token limit
 */
public record GenerationOptions(String model, Double temperature, Integer maxTokens) {

    /** Everything as configured. */
    public static final GenerationOptions CONFIGURED = new GenerationOptions(null, null, null);

    public GenerationOptions {
        if (model != null && model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        if (temperature != null
                && !(temperature >= Defaults.MIN_TEMPERATURE && temperature <= Defaults.MAX_TEMPERATURE)) {
            throw new IllegalArgumentException("temperature must be a number from " + Defaults.MIN_TEMPERATURE
                    + " to " + Defaults.MAX_TEMPERATURE + ", but was " + temperature);
        }
        if (maxTokens != null && maxTokens < Defaults.MIN_MAX_TOKENS) {
            throw new IllegalArgumentException("maxTokens must be at least " + Defaults.MIN_MAX_TOKENS
                    + ", but was " + maxTokens);
        }
    }

    /** Whether every setting is the configured one. */
    public boolean configured() {
        return model == null && temperature == null && maxTokens == null;
    }

    /** {@code config} with these settings in place of its own. */
    public ProviderConfig applyTo(ProviderConfig config) {
        if (configured()) {
            return config;
        }
        return config.withGeneration(model == null ? config.model() : model,
                temperature == null ? config.temperature() : temperature,
                maxTokens == null ? config.maxTokens() : maxTokens);
    }
}
