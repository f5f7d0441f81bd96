package dev.llmservice.state;

import dev.llmservice.config.Environment;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where runtime {@code --enable}/{@code --disable} decisions are kept, so that the next CLI invocation and a
 * running server see them. Implementations are thread-safe; a damaged store reads as empty with a warning.
 */
public interface OverrideStore {

    /** Variable naming the state file. */
    String STATE_FILE_VARIABLE = "LLM_STATE_FILE";

    /** Provider name (lower case) to enabled flag. Never throws. */
    Map<String, Boolean> load();

    /**
     * Persists an override; {@code null} removes it.
     *
     * @throws java.io.UncheckedIOException when the store cannot be written
     */
    void set(String name, Boolean enabled);

    /** Where the overrides live, for messages (a path, or {@code memory}). */
    String location();

    static OverrideStore inMemory() {
        return new InMemoryOverrideStore();
    }

    static OverrideStore file(Path path) {
        return new FileOverrideStore(path);
    }

    /** {@code LLM_STATE_FILE}, or {@code ~/.llm-service/state.json}. */
    static OverrideStore fromEnvironment(Environment env) {
        return file(defaultPath(env));
    }

    static Path defaultPath(Environment env) {
        String configured = env.get(STATE_FILE_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip());
        }
        return Path.of(System.getProperty("user.home"), ".llm-service", "state.json");
    }
}
