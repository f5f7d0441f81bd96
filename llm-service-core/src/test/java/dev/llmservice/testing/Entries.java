package dev.llmservice.testing;

import dev.llmservice.config.ConfigProblem;
import dev.llmservice.config.ConfigStatus;
import dev.llmservice.config.Environment;
import dev.llmservice.config.LoadedConfig;
import dev.llmservice.config.ProviderConfigLoader;
import dev.llmservice.config.ProviderName;
import dev.llmservice.registry.ProviderEntry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Registry entries built the way the factory builds them, from a small environment. */
public final class Entries {

    private Entries() {
    }

    /** A configured, enabled entry of {@code type} with key {@code key} and any extra variables. */
    public static ProviderEntry configured(FakeProviderType type, String... extraKeyValues) {
        Map<String, String> env = new HashMap<>();
        env.put(ProviderName.prefixOf(type.name()) + "_API_KEY", "sk-test-" + type.name() + "-kQvXzJwMhBnRyPcdef");
        for (int i = 0; i < extraKeyValues.length; i += 2) {
            env.put(extraKeyValues[i], extraKeyValues[i + 1]);
        }
        LoadedConfig loaded = ProviderConfigLoader.load(type, Environment.of(env));
        if (loaded.status() != ConfigStatus.CONFIGURED) {
            throw new IllegalArgumentException("not configured: " + loaded.problems());
        }
        return new ProviderEntry(type, loaded, type.create(loaded.config().orElseThrow()), null, null);
    }

    /** An entry of {@code type} without a key. */
    public static ProviderEntry notConfigured(FakeProviderType type) {
        return new ProviderEntry(type, ProviderConfigLoader.load(type, Environment.of(Map.of())), null, null, null);
    }

    /** An entry of {@code type} with a key and an invalid weight. */
    public static ProviderEntry misconfigured(FakeProviderType type) {
        String prefix = ProviderName.prefixOf(type.name());
        LoadedConfig loaded = new LoadedConfig(type.name(), type.name(), prefix, ConfigStatus.MISCONFIGURED,
                Optional.empty(), List.of(new ConfigProblem(prefix + "_WEIGHT", "2", "a number from 0.0 to 1.0")),
                true, false, type.defaultModel(), 1.0, type.defaultBaseUrl().toString(), "…cdef");
        return new ProviderEntry(type, loaded, null, null, null);
    }
}
