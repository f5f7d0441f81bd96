package dev.llmservice.provider;

import dev.llmservice.config.ProviderConfig;

import java.net.URI;
import java.util.Locale;

/**
 * The service-provider interface: one implementation per kind of provider, listed in
 * {@code META-INF/services/dev.llmservice.provider.ProviderType}. Adding a provider type is one class and
 * one services line; {@link ProviderTypes#discover()} finds it.
 *
 * <p>Implementations are stateless and thread-safe. {@link #create} does no network I/O.
 */
public interface ProviderType {

    /** Lower-case name used on the command line and in JSON, e.g. {@code anthropic}. */
    String name();

    /** Prefix of the provider's environment variables, e.g. {@code ANTHROPIC} for {@code ANTHROPIC_API_KEY}. */
    default String envPrefix() {
        return name().toUpperCase(Locale.ROOT);
    }

    /** Human name, e.g. {@code Anthropic}. */
    String displayName();

    /** The model used when {@code P_MODEL} is unset (see {@link BuiltInModels} for the built-ins). */
    String defaultModel();

    /** The vendor's endpoint when {@code P_BASE_URL} is unset, in the vendor SDK's convention. */
    URI defaultBaseUrl();

    /**
     * Normalises a user-given base URL to this vendor's convention (for example adds or removes a version
     * suffix, drops a trailing slash). Called only with an absolute http(s) URL, and only by
     * {@link dev.llmservice.config.ProviderConfigLoader}: the one place a base URL is normalised.
     */
    default URI normalizeBaseUrl(URI given) {
        return BaseUrls.stripTrailingSlash(given);
    }

    /** One line saying what {@code P_BASE_URL} should look like, for {@code --list} and the README. */
    default String baseUrlConvention() {
        return defaultBaseUrl().toString();
    }

    /**
     * A provider for a validated configuration, whose base URL is in this type's convention (as
     * {@link dev.llmservice.config.ProviderConfigLoader} gives it; used as is). No network I/O happens here.
     */
    LlmProvider create(ProviderConfig config);
}
