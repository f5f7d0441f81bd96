package dev.llmservice.provider.internal;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderType;

import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the built-in provider types share: fixed name, display name, default model and endpoint, and providers made
 * as a {@link ChatModelProvider} over the vendor's {@link VendorDialect}. A vendor type adds only its base-URL
 * convention ({@link #normalizeBaseUrl}, {@link #baseUrlConvention}).
 *
 * <p>Cheap to instantiate: {@link java.util.ServiceLoader} creates every type on every CLI command, so the dialect
 * (and with it LangChain4j) is touched only by {@link #create}.
 */
public abstract class ChatModelProviderType implements ProviderType {

    private final String name;
    private final String displayName;
    private final String defaultModel;
    private final URI defaultBaseUrl;
    private final Supplier<VendorDialect> dialect;

    protected ChatModelProviderType(
            String name, String displayName, String defaultModel, URI defaultBaseUrl, Supplier<VendorDialect> dialect) {
        this.name = Objects.requireNonNull(name, "name");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.defaultModel = Objects.requireNonNull(defaultModel, "defaultModel");
        this.defaultBaseUrl = Objects.requireNonNull(defaultBaseUrl, "defaultBaseUrl");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String displayName() {
        return displayName;
    }

    @Override
    public final String defaultModel() {
        return defaultModel;
    }

    @Override
    public final URI defaultBaseUrl() {
        return defaultBaseUrl;
    }

    @Override
    public final LlmProvider create(ProviderConfig config) {
        return create(config, ProviderRuntime.system());
    }

    /**
     * As {@link #create(ProviderConfig)}, with a chosen sleeper, clocks and jitter (tests). The base URL is used as
     * given: {@link dev.llmservice.config.ProviderConfigLoader} has already put it in this type's convention.
     */
    public final LlmProvider create(ProviderConfig config, ProviderRuntime runtime) {
        return new ChatModelProvider(config, dialect.get(), runtime);
    }
}
