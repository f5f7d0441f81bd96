package dev.llmservice.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class FileOverrideStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T06:40:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path stateFile() {
        return dir.resolve("state.json");
    }

    @Test
    void emptyWhenTheFileDoesNotExist() {
        assertThat(OverrideStore.file(stateFile()).load()).isEmpty();
        assertThat(stateFile()).doesNotExist();
    }

    @Test
    void setThenLoadRoundTrips() {
        OverrideStore store = OverrideStore.file(stateFile());

        store.set("grok", false);
        store.set("anthropic", true);

        assertThat(store.load()).containsExactly(entry("grok", false), entry("anthropic", true));
    }

    @Test
    void overridesSurviveIntoANewStoreOnTheSameFile() {
        OverrideStore.file(stateFile()).set("openai", false);

        assertThat(OverrideStore.file(stateFile()).load()).containsExactly(entry("openai", false));
    }

    @Test
    void laterSetReplacesTheEarlierOne() {
        OverrideStore store = OverrideStore.file(stateFile());

        store.set("grok", false);
        store.set("grok", true);

        assertThat(store.load()).containsExactly(entry("grok", true));
    }

    @Test
    void setNullClearsOnlyThatProvider() {
        OverrideStore store = OverrideStore.file(stateFile());
        store.set("grok", false);
        store.set("gemini", false);

        store.set("grok", null);

        assertThat(store.load()).containsExactly(entry("gemini", false));
    }

    @Test
    void clearingAnAbsentOverrideIsHarmless() {
        OverrideStore store = OverrideStore.file(stateFile());

        store.set("grok", null);

        assertThat(store.load()).isEmpty();
    }

    @Test
    void namesAreStoredInLowerCase() {
        OverrideStore store = OverrideStore.file(stateFile());

        store.set("Grok", false);
        store.set("GROK", true);

        assertThat(store.load()).containsExactly(entry("grok", true));
    }

    @Test
    void fileHasTheDocumentedShape() throws IOException {
        new FileOverrideStore(stateFile(), CLOCK).set("grok", false);

        JsonNode root = Json.mapper().readTree(stateFile().toFile());

        assertThat(root.path("version").asInt()).isEqualTo(1);
        assertThat(root.path("overrides").path("grok").path("enabled").isBoolean()).isTrue();
        assertThat(root.path("overrides").path("grok").path("enabled").booleanValue()).isFalse();
        assertThat(root.path("overrides").path("grok").path("updated_at").asText()).isEqualTo("2026-11-26T06:40:00Z");
    }

    @Test
    void fileIsCreatedInADirectoryThatDoesNotExistYet() {
        Path deep = dir.resolve("a/b/c/state.json");
        OverrideStore store = OverrideStore.file(deep);

        store.set("gemini", true);

        assertThat(deep).isRegularFile();
        assertThat(OverrideStore.file(deep).load()).containsExactly(entry("gemini", true));
    }

    @Test
    void noTemporaryFilesAreLeftBehind() throws IOException {
        OverrideStore store = OverrideStore.file(stateFile());
        store.set("grok", false);
        store.set("openai", true);

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("state.json", "state.json.lock");
        }
    }

    @Test
    void nonJsonFileReadsAsEmptyInsteadOfFailing() throws IOException {
        Files.writeString(stateFile(), "this is {not json");

        assertThat(OverrideStore.file(stateFile()).load()).isEmpty();
    }

    @Test
    void jsonThatIsNotAnObjectReadsAsEmpty() throws IOException {
        Files.writeString(stateFile(), "[1, 2, 3]");

        assertThat(OverrideStore.file(stateFile()).load()).isEmpty();
    }

    @Test
    void overrideWithoutABooleanIsIgnoredAndTheOthersKept() throws IOException {
        Files.writeString(stateFile(), """
                {"version": 1, "overrides": {"grok": {"enabled": "no"}, "openai": true, "gemini": {"enabled": false}}}
                """);

        assertThat(OverrideStore.file(stateFile()).load()).containsExactly(entry("gemini", false));
    }

    @Test
    void damagedFileIsRepairedByTheNextWrite() throws IOException {
        Files.writeString(stateFile(), "\u0000\u0001garbage");
        OverrideStore store = OverrideStore.file(stateFile());

        store.set("anthropic", false);

        assertThat(store.load()).containsExactly(entry("anthropic", false));
        assertThat(Json.mapper().readTree(stateFile().toFile()).path("version").asInt()).isEqualTo(1);
    }

    @Test
    void concurrentWritersFromSeveralThreadsLoseNoUpdate() throws Exception {
        int threads = 4;
        int perThread = 15;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                // two store instances on one file, as a CLI and a server in one JVM would have
                OverrideStore store = OverrideStore.file(stateFile());
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        store.set("p" + thread + "-" + i, i % 2 == 0);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, Boolean> expected = new HashMap<>();
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                expected.put("p" + t + "-" + i, i % 2 == 0);
            }
        }
        assertThat(OverrideStore.file(stateFile()).load()).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void locationIsTheAbsolutePath() {
        assertThat(OverrideStore.file(stateFile()).location()).isEqualTo(stateFile().toAbsolutePath().toString());
    }
}
