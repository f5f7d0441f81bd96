package dev.llmservice.testing;

import dev.llmservice.config.Environment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Provider variables a test can change before a re-initialisation; {@link #reset()} brings back the first ones. */
public final class MutableEnvironment implements Environment {

    private final Map<String, String> initial;
    private final Map<String, String> values = new ConcurrentHashMap<>();

    public MutableEnvironment(Map<String, String> initial) {
        this.initial = Map.copyOf(initial);
        values.putAll(initial);
    }

    @Override
    public String get(String name) {
        return values.get(name);
    }

    public void set(String name, String value) {
        values.put(name, value);
    }

    public void reset() {
        values.clear();
        values.putAll(initial);
    }
}
