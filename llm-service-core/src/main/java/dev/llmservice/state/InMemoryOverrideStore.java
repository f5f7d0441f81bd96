package dev.llmservice.state;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Overrides kept only for the life of the process; for tests and embedding applications. Never damaged. */
final class InMemoryOverrideStore implements OverrideStore {

    private final Map<String, Boolean> overrides = new ConcurrentHashMap<>();

    @Override
    public Map<String, Boolean> load() {
        return Map.copyOf(overrides);
    }

    @Override
    public void set(String name, Boolean enabled, boolean replaceDamaged) {
        String key = name.toLowerCase(Locale.ROOT);
        if (enabled == null) {
            overrides.remove(key);
        } else {
            overrides.put(key, enabled);
        }
    }

    @Override
    public String location() {
        return "memory";
    }
}
