package dev.llmservice.provider;

import dev.llmservice.config.ProviderConfig;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/** Finds the provider types on the class path through {@link ServiceLoader}. */
public final class ProviderTypes {

    /** The types this project bundles first, in this order; other types follow by name. */
    private static final List<String> BUILT_IN_ORDER = List.of("anthropic", "openai", "gemini", "grok",
            "openai-compatible", "deepseek", "mistral", "openrouter", "ollama");

    private ProviderTypes() {
    }

    /** Every {@link ProviderType} visible to this class's class loader, built-ins first. */
    public static List<ProviderType> discover() {
        return discover(ProviderTypes.class.getClassLoader());
    }

    /** Every {@link ProviderType} visible to {@code loader}, built-ins first, one per name. */
    public static List<ProviderType> discover(ClassLoader loader) {
        Map<String, ProviderType> byName = new LinkedHashMap<>();
        for (ProviderType type : ServiceLoader.load(ProviderType.class, loader)) {
            byName.putIfAbsent(type.name(), type);
        }
        List<ProviderType> types = new ArrayList<>(byName.values());
        types.sort(Comparator.comparingInt((ProviderType t) -> {
            int i = BUILT_IN_ORDER.indexOf(t.name());
            return i < 0 ? BUILT_IN_ORDER.size() : i;
        }).thenComparing(ProviderType::name));
        return List.copyOf(types);
    }

    /**
     * {@code type} in every respect (id, defaults, base-URL convention, key) except how providers are made:
     * {@code creator} makes them, and may use {@code type.create} itself. For wrappers that decorate or defer
     * providers (metrics, lazy clients) without restating the type.
     */
    public static ProviderType withCreator(ProviderType type, Function<ProviderConfig, LlmProvider> creator) {
        return new ProviderType() {
            @Override
            public String name() {
                return type.name();
            }

            @Override
            public String displayName() {
                return type.displayName();
            }

            @Override
            public String defaultModel() {
                return type.defaultModel();
            }

            @Override
            public URI defaultBaseUrl() {
                return type.defaultBaseUrl();
            }

            @Override
            public URI normalizeBaseUrl(URI given) {
                return type.normalizeBaseUrl(given);
            }

            @Override
            public String baseUrlConvention() {
                return type.baseUrlConvention();
            }

            @Override
            public boolean apiKeyRequired() {
                return type.apiKeyRequired();
            }

            @Override
            public LlmProvider create(ProviderConfig config) {
                return creator.apply(config);
            }

            @Override
            public String toString() {
                return type.toString();
            }
        };
    }
}
