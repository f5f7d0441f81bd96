package dev.llmservice.config;

import java.net.URI;

/**
 * What the configuration needs to know of a provider type to read a provider's variables: its id, its defaults, its
 * base-URL convention and whether it needs a key. {@link dev.llmservice.provider.ProviderType} extends it, so that
 * {@link ProviderConfigLoader} reads a provider's variables without the configuration depending on the providers.
 * The variables' names are the provider's ({@link ProviderName#envPrefix()}), never the type's: two providers of one
 * type read two sets of variables.
 *
 * <p>Implementations are cheap and do no I/O: every method is called on every command.
 */
public interface ProviderConfigSpec {

    /**
     * The type id, lower case, e.g. {@code anthropic} or {@code openai-compatible}: what {@code {P}_TYPE} names, and
     * the type of a provider named like it when {@code {P}_TYPE} is unset.
     */
    String name();

    /** The model used when {@code P_MODEL} is unset; {@code null} when the type has none, so that it is required. */
    String defaultModel();

    /**
     * The vendor's endpoint when {@code P_BASE_URL} is unset, already in the vendor's convention; {@code null} when
     * the type has none (any server that speaks the protocol), so that it is required.
     */
    URI defaultBaseUrl();

    /**
     * Normalises a user-given base URL to this vendor's convention (for example adds or removes a version suffix,
     * drops a trailing slash). Called only with an absolute http(s) URL, and only by {@link ProviderConfigLoader}:
     * the one place a base URL is normalised.
     */
    URI normalizeBaseUrl(URI given);

    /**
     * Whether a provider of this type needs {@code P_API_KEY}: without one it is then <em>not configured</em>.
     * {@code false} for servers that may run without one (a local model): without a key no credentials are sent.
     * Default {@code true}.
     */
    default boolean apiKeyRequired() {
        return true;
    }
}
