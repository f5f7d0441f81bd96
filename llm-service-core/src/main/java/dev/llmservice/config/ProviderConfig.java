package dev.llmservice.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The validated, immutable configuration of one provider, as read from {@code {PREFIX}_*} variables.
 *
 * <p>Built only from values that passed validation: {@link ProviderConfigLoader} never produces one from an
 * invalid value, and the constructor refuses a value out of range (the same ranges and words as the loader's) with
 * an {@link IllegalArgumentException}. {@link #toString()} masks the key.
 *
 * @param name        provider name, lower case ({@code anthropic}, {@code openai-mini})
 * @param type        the provider type's id ({@code openai}); a provider of the default list has its type's name
 * @param apiKey      the key; {@code null} only for a type that does not require one (a local model): no credentials
 *                    are then sent
 * @param enabled     {@code P_ENABLED}, default {@value Defaults#ENABLED}
 * @param model       {@code P_MODEL}, default the provider type's default model
 * @param weight      {@code P_WEIGHT}, 0.0 to 1.0, default 1.0
 * @param maxTokens   {@code P_MAX_TOKENS}, at least 1, default 1024
 * @param temperature {@code P_TEMPERATURE}, 0.0 to 2.0, default 0.7
 * @param timeout     {@code P_TIMEOUT} in seconds, greater than 0 and at most one day, default 30 s
 * @param maxRetries  {@code P_MAX_RETRIES}, 0 to 10, default 3
 * @param baseUrl     {@code P_BASE_URL} normalised to the vendor SDK's convention, or the type's default
 * @param rateLimits  {@code P_RPM} and {@code P_TPM}, default {@link RateLimits#NONE}
 */
public record ProviderConfig(
        String name,
        String type,
        ApiKey apiKey,
        boolean enabled,
        String model,
        double weight,
        int maxTokens,
        double temperature,
        Duration timeout,
        int maxRetries,
        URI baseUrl,
        RateLimits rateLimits) {

    public ProviderConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(baseUrl, "baseUrl");
        rateLimits = rateLimits == null ? RateLimits.NONE : rateLimits;
        // The loader checks the same ranges, with the same words (Range): a value set in code is held to them too.
        Range.WEIGHT.require("weight", weight, weight);
        Range.TEMPERATURE.require("temperature", temperature, temperature);
        Range.MAX_TOKENS.require("maxTokens", maxTokens, maxTokens);
        Range.TIMEOUT_SECONDS.require("timeout", timeout.getSeconds() + timeout.getNano() / 1e9, timeout);
        Range.MAX_RETRIES.require("maxRetries", maxRetries, maxRetries);
    }

    /** Without rate limits ({@link RateLimits#NONE}). */
    public ProviderConfig(String name, String type, ApiKey apiKey, boolean enabled, String model, double weight,
                          int maxTokens, double temperature, Duration timeout, int maxRetries, URI baseUrl) {
        this(name, type, apiKey, enabled, model, weight, maxTokens, temperature, timeout, maxRetries, baseUrl,
                RateLimits.NONE);
    }

    /** A provider named like its type (as in the default {@code LLM_PROVIDERS}), with a key. */
    public ProviderConfig(String name, ApiKey apiKey, boolean enabled, String model, double weight, int maxTokens,
                          double temperature, Duration timeout, int maxRetries, URI baseUrl) {
        this(name, name, Objects.requireNonNull(apiKey, "apiKey"), enabled, model, weight, maxTokens, temperature,
                timeout, maxRetries, baseUrl);
    }

    /** A copy with another base URL (tests point providers at local fake servers this way). */
    public ProviderConfig withBaseUrl(URI newBaseUrl) {
        return new ProviderConfig(name, type, apiKey, enabled, model, weight, maxTokens, temperature, timeout,
                maxRetries, newBaseUrl, rateLimits);
    }

    /** A copy with another enabled flag. */
    public ProviderConfig withEnabled(boolean newEnabled) {
        return new ProviderConfig(name, type, apiKey, newEnabled, model, weight, maxTokens, temperature, timeout,
                maxRetries, baseUrl, rateLimits);
    }

    /** A copy with other rate limits. */
    public ProviderConfig withRateLimits(RateLimits newRateLimits) {
        return new ProviderConfig(name, type, apiKey, enabled, model, weight, maxTokens, temperature, timeout,
                maxRetries, baseUrl, newRateLimits);
    }

    /** A copy with another model, temperature and reply token limit: one request's settings (the same ranges). */
    public ProviderConfig withGeneration(String newModel, double newTemperature, int newMaxTokens) {
        return new ProviderConfig(name, type, apiKey, enabled, newModel, weight, newMaxTokens, newTemperature, timeout,
                maxRetries, baseUrl);
    }

    /** The key as sent to the vendor, or {@code null} when this provider has none. */
    public String revealApiKey() {
        return apiKey == null ? null : apiKey.reveal();
    }

    /** The key masked ({@code sk-a…9f3c}), or {@code none}. */
    public String maskedApiKey() {
        return apiKey == null ? "none" : apiKey.masked();
    }

    @Override
    public String toString() {
        return "ProviderConfig[name=" + name + ", type=" + type + ", apiKey=" + maskedApiKey() + ", enabled=" + enabled
                + ", model=" + model + ", weight=" + weight + ", maxTokens=" + maxTokens
                + ", temperature=" + temperature + ", timeout=" + timeout + ", maxRetries=" + maxRetries
                + ", baseUrl=" + baseUrl + ", rateLimits=" + rateLimits.describe() + "]";
    }
}
