package dev.llmservice.config;

import java.net.URI;
import java.util.Locale;

/**
 * What the configuration needs to know of a kind of provider to read its variables: the names, the defaults and the
 * base-URL convention. {@link dev.llmservice.provider.ProviderType} extends it, so that {@link ProviderConfigLoader}
 * reads a type's variables without the configuration depending on the providers.
 *
 * <p>Implementations are cheap and do no I/O: every method is called on every command.
 */
public interface ProviderConfigSpec {

    /** Lower-case name used on the command line and in JSON, e.g. {@code anthropic}. */
    String name();

    /** Prefix of the provider's environment variables, e.g. {@code ANTHROPIC} for {@code ANTHROPIC_API_KEY}. */
    default String envPrefix() {
        return name().toUpperCase(Locale.ROOT);
    }

    /** The model used when {@code P_MODEL} is unset. */
    String defaultModel();

    /** The vendor's endpoint when {@code P_BASE_URL} is unset, already in the vendor's convention. */
    URI defaultBaseUrl();

    /**
     * Normalises a user-given base URL to this vendor's convention (for example adds or removes a version suffix,
     * drops a trailing slash). Called only with an absolute http(s) URL, and only by {@link ProviderConfigLoader}:
     * the one place a base URL is normalised.
     */
    URI normalizeBaseUrl(URI given);
}
