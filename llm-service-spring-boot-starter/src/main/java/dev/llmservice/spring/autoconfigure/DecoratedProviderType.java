package dev.llmservice.spring.autoconfigure;

import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.provider.ProviderTypes;

import java.util.List;

/** Provider types whose providers come out wrapped by decorators; everything else is the type's own. */
final class DecoratedProviderType {

    private DecoratedProviderType() {
    }

    static ProviderType wrap(ProviderType type, List<LlmProviderDecorator> decorators) {
        if (decorators.isEmpty()) {
            return type;
        }
        List<LlmProviderDecorator> ordered = List.copyOf(decorators);
        return ProviderTypes.withCreator(type, config -> {
            LlmProvider provider = type.create(config);
            // Innermost first, so the first decorator in @Order ends up outermost.
            for (int i = ordered.size() - 1; i >= 0; i--) {
                provider = ordered.get(i).decorate(provider);
            }
            return provider;
        });
    }
}
