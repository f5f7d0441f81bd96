package dev.llmservice.provider;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.config.ProviderConfigSpec;

import java.net.URI;

/**
 * The service-provider interface: one implementation per kind of provider (a wire protocol and its defaults), listed in
 * {@code META-INF/services/dev.llmservice.provider.ProviderType}. Adding a provider type is one class and
 * one services line; {@link ProviderTypes#discover()} finds it, and {@code {P}_TYPE} selects it by its id
 * ({@link #name()}).
 *
 * <p>A type is not a provider: the providers are the names in {@code LLM_PROVIDERS}
 * ({@link dev.llmservice.config.ProviderList}), each reading its own variables, and {@link #create} makes one for
 * each provider of this type, so that two models of one vendor ({@code openai} and {@code openai-mini}, both of type
 * {@code openai}) are two providers.
 *
 * <p>What the configuration reads (type id, default model and endpoint, base-URL convention, whether a key is
 * needed) is declared in {@link ProviderConfigSpec}; this interface adds what the providers need.
 *
 * <p>Implementations are stateless and thread-safe. {@link #create} does no network I/O.
 */
public interface ProviderType extends ProviderConfigSpec {

    /** Human name, e.g. {@code Anthropic}. */
    String displayName();

    /**
     * The model used when {@code P_MODEL} is unset (see {@link BuiltInModels} for the bundled types); {@code null}
     * when the type has none and {@code P_MODEL} is required.
     */
    @Override
    String defaultModel();

    /** By default a trailing slash is dropped. */
    @Override
    default URI normalizeBaseUrl(URI given) {
        return BaseUrls.stripTrailingSlash(given);
    }

    /** One line saying what {@code P_BASE_URL} should look like, for {@code --list} and the README. */
    default String baseUrlConvention() {
        return defaultBaseUrl() == null ? "an absolute http(s) URL (required)" : defaultBaseUrl().toString();
    }

    /**
     * A provider for a validated configuration, whose base URL is in this type's convention (as
     * {@link dev.llmservice.config.ProviderConfigLoader} gives it; used as is) and whose key is {@code null} only when
     * {@link #apiKeyRequired()} is {@code false}. Its name is the provider's ({@code config.name()}), not the type's.
     * No network I/O happens here.
     */
    LlmProvider create(ProviderConfig config);
}
