package dev.llmservice.provider.internal;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderType;

import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the bundled provider types share: fixed id, display name, default model and endpoint (either may be absent:
 * then the provider must set it), whether a key is needed, the base-URL convention ({@link BaseUrlConvention}), and
 * providers made as a {@link ChatModelProvider} over the vendor's {@link VendorDialect}. A vendor type is its values.
 *
 * <p>Cheap to instantiate: {@link java.util.ServiceLoader} creates every type on every CLI command, so the dialect
 * (and with it LangChain4j) is touched only by {@link #create}.
 */
public abstract class ChatModelProviderType implements ProviderType {

    private final String name;
    private final String displayName;
    private final String defaultModel;
    private final URI defaultBaseUrl;
    private final boolean apiKeyRequired;
    private final BaseUrlConvention convention;
    private final Supplier<VendorDialect> dialect;

    /** A type whose providers need a key, and have a default model and endpoint. */
    protected ChatModelProviderType(String name, String displayName, String defaultModel, URI defaultBaseUrl,
                                    BaseUrlConvention convention, Supplier<VendorDialect> dialect) {
        this(name, displayName, Objects.requireNonNull(defaultModel, "defaultModel"),
                Objects.requireNonNull(defaultBaseUrl, "defaultBaseUrl"), true, convention, dialect);
    }

    /**
     * @param defaultModel   {@code null}: every provider must set {@code P_MODEL}
     * @param defaultBaseUrl {@code null}: every provider must set {@code P_BASE_URL}
     * @param apiKeyRequired {@code false}: a provider without {@code P_API_KEY} sends no credentials
     * @param convention     how {@code P_BASE_URL} is normalised and described
     */
    protected ChatModelProviderType(String name, String displayName, String defaultModel, URI defaultBaseUrl,
                                    boolean apiKeyRequired, BaseUrlConvention convention,
                                    Supplier<VendorDialect> dialect) {
        this.name = Objects.requireNonNull(name, "name");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.defaultModel = defaultModel;
        this.defaultBaseUrl = defaultBaseUrl;
        this.apiKeyRequired = apiKeyRequired;
        this.convention = Objects.requireNonNull(convention, "convention");
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
    public final boolean apiKeyRequired() {
        return apiKeyRequired;
    }

    @Override
    public final URI normalizeBaseUrl(URI given) {
        return convention.normalize(given);
    }

    @Override
    public final String baseUrlConvention() {
        return convention.describe(defaultBaseUrl);
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
