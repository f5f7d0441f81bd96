package dev.llmservice.provider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Finds the provider types on the class path through {@link ServiceLoader}. */
public final class ProviderTypes {

    /** Built-ins first, in this order; other types follow by name. */
    private static final List<String> BUILT_IN_ORDER = List.of("anthropic", "openai", "gemini", "grok");

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
}
