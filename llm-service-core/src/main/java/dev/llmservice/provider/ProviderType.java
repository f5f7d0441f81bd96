package dev.llmservice.provider;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.config.ProviderConfigSpec;

import java.net.URI;

/**
 * The service-provider interface: one implementation per kind of provider, listed in
 * {@code META-INF/services/dev.llmservice.provider.ProviderType}. Adding a provider type is one class and
 * one services line; {@link ProviderTypes#discover()} finds it.
 *
 * <p>What the configuration reads (name, variable prefix, default model and endpoint, base-URL convention) is
 * declared in {@link ProviderConfigSpec}; this interface adds what the providers need.
 *
 * <p>Implementations are stateless and thread-safe. {@link #create} does no network I/O.
 */
public interface ProviderType extends ProviderConfigSpec {

    /** Human name, e.g. {@code Anthropic}. */
    String displayName();

    /** The model used when {@code P_MODEL} is unset (see {@link BuiltInModels} for the built-ins). */
    @Override
    String defaultModel();

    /** By default a trailing slash is dropped. */
    @Override
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
