package dev.llmservice.state;

import dev.llmservice.config.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class OverrideStoreTest {

    @Test
    void defaultPathHonoursLlmStateFile(@TempDir Path dir) {
        Path file = dir.resolve("custom-state.json");

        assertThat(OverrideStore.defaultPath(Environment.of(Map.of("LLM_STATE_FILE", " " + file + " ")))).isEqualTo(file);
        assertThat(OverrideStore.fromEnvironment(Environment.of(Map.of("LLM_STATE_FILE", file.toString()))).location())
                .isEqualTo(file.toString());
    }

    @Test
    void defaultPathIsUnderTheUsersHomeWhenUnsetOrBlank() {
        Path home = Path.of(System.getProperty("user.home"), ".llm-service", "state.json");

        assertThat(OverrideStore.defaultPath(Environment.of(Map.of()))).isEqualTo(home);
        assertThat(OverrideStore.defaultPath(Environment.of(Map.of("LLM_STATE_FILE", "  ")))).isEqualTo(home);
    }

    @Test
    void inMemoryStoreSetsClearsAndLowerCases() {
        OverrideStore store = OverrideStore.inMemory();

        store.set("Grok", false);
        store.set("openai", true);
        store.set("openai", null);

        assertThat(store.load()).containsExactly(entry("grok", false));
        assertThat(store.location()).isEqualTo("memory");
    }

    @Test
    void inMemoryLoadIsASnapshot() {
        OverrideStore store = OverrideStore.inMemory();
        Map<String, Boolean> before = store.load();

        store.set("grok", false);

        assertThat(before).isEmpty();
    }
}
