package dev.llmservice.spring.autoconfigure;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderType;

import java.net.URI;
import java.util.List;

/** A provider type whose providers come out wrapped by decorators; everything else is the delegate's. */
final class DecoratedProviderType implements ProviderType {

    private final ProviderType delegate;
    private final List<LlmProviderDecorator> decorators;

    private DecoratedProviderType(ProviderType delegate, List<LlmProviderDecorator> decorators) {
        this.delegate = delegate;
        this.decorators = List.copyOf(decorators);
    }

    static ProviderType wrap(ProviderType type, List<LlmProviderDecorator> decorators) {
        return decorators.isEmpty() ? type : new DecoratedProviderType(type, decorators);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String envPrefix() {
        return delegate.envPrefix();
    }

    @Override
    public String displayName() {
        return delegate.displayName();
    }

    @Override
    public String defaultModel() {
        return delegate.defaultModel();
    }

    @Override
    public URI defaultBaseUrl() {
        return delegate.defaultBaseUrl();
    }

    @Override
    public URI normalizeBaseUrl(URI given) {
        return delegate.normalizeBaseUrl(given);
    }

    @Override
    public String baseUrlConvention() {
        return delegate.baseUrlConvention();
    }

    @Override
    public LlmProvider create(ProviderConfig config) {
        LlmProvider provider = delegate.create(config);
        // Innermost first, so the first decorator in @Order ends up outermost.
        for (int i = decorators.size() - 1; i >= 0; i--) {
            provider = decorators.get(i).decorate(provider);
        }
        return provider;
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
