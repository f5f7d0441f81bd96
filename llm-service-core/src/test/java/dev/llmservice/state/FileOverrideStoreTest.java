package dev.llmservice.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

    // --- a file that cannot be read fails closed ----------------------------------------------------------------

    private static final String EXPECTED = "expected an object like {\"version\": 1, \"overrides\": {\"grok\": "
            + "{\"enabled\": false}}}";

    /** Each damaged content, and the problem it is reported as. */
    static Stream<Arguments> damagedFiles() {
        return Stream.of(
                Arguments.of("{", "not valid JSON (Unexpected end-of-input: expected close marker for Object "
                        + "at line 1, column 2)"),
                Arguments.of("", "empty; " + EXPECTED),
                Arguments.of("  \n", "empty; " + EXPECTED),
                Arguments.of("[1]", "not a JSON object but [1]; " + EXPECTED),
                Arguments.of("this is {not json", "not valid JSON (Unrecognized token 'this': was expecting "
                        + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false') at line 1, column 1)"),
                Arguments.of("{\"overrides\": {}} {", "not valid JSON (more text after the end of the "
                        + "JSON value at line 1, column 19)"),
                Arguments.of("{\"version\": 2, \"overrides\": {}}", "version was '2' but it must be 1 (the only "
                        + "format this version of llm-service reads)"),
                Arguments.of("{\"version\": 1, \"overrides\": [\"grok\"]}", "overrides was '[\"grok\"]' but it "
                        + "must be an object of provider names, e.g. {\"grok\": {\"enabled\": false}}"),
                Arguments.of("{\"overrides\": {\"gemini\": {\"enabled\": false}, \"grok\": {\"enabled\": \"no\"}}}",
                        "overrides.grok.enabled was '\"no\"' but it must be true or false"),
                Arguments.of("{\"overrides\": {\"openai\": true}}",
                        "overrides.openai was 'true' but it must be an object like {\"enabled\": false}"),
                Arguments.of("{\"overrides\": {\"openai\": {\"updated_at\": \"2026-11-26T06:40:00Z\"}}}",
                        "overrides.openai.enabled is missing but it must be true or false"));
    }

    @ParameterizedTest
    @MethodSource("damagedFiles")
    void aDamagedFileIsAProblemNamingTheFileNotAnEmptySetOfOverrides(String content, String problem)
            throws IOException {
        Files.writeString(stateFile(), content);
        OverrideStore store = OverrideStore.file(stateFile());

        assertThatThrownBy(store::load).isInstanceOfSatisfying(StateFileException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("state file " + stateFile() + ": " + problem);
            assertThat(e.reason()).isEqualTo(StateFileException.Reason.DAMAGED);
            assertThat(e.problem()).isEqualTo(problem);
            assertThat(e.backupLocation()).isEqualTo(stateFile() + ".bak");
        });
        assertThat(store.readFailure()).hasValueSatisfying(e -> assertThat(e.problem()).isEqualTo(problem));
    }

    @Test
    void theProblemLastsUntilTheFileCanBeReadAgain() throws IOException {
        OverrideStore store = OverrideStore.file(stateFile());
        assertThat(store.load()).isEmpty();
        assertThat(store.readFailure()).isEmpty();
        Files.writeString(stateFile(), "{");
        assertThatThrownBy(store::load).isInstanceOf(StateFileException.class);
        assertThat(store.readFailure()).isPresent();

        Files.writeString(stateFile(), "{\"overrides\": {\"grok\": {\"enabled\": false}}}");

        assertThat(store.load()).containsExactly(entry("grok", false));
        assertThat(store.readFailure()).isEmpty();
    }

    @Test
    void aHandWrittenFileWithoutVersionOrOverridesIsAccepted() throws IOException {
        Files.writeString(stateFile(), "{}");
        assertThat(OverrideStore.file(stateFile()).load()).isEmpty();

        Files.writeString(stateFile(),
                "{\"overrides\": {\"Grok\": {\"enabled\": false, \"note\": \"slow\"}}, \"by\": \"ops\"}");
        assertThat(OverrideStore.file(stateFile()).load()).containsExactly(entry("grok", false));
    }

    @Test
    void aWriteRefusesToReplaceADamagedFileAndLeavesItAsItWas() throws IOException {
        String damaged = "{\"version\": 1, \"overrides\": {\"grok\": {\"enabled\": false}, \"gemini\": ";
        Files.writeString(stateFile(), damaged);
        OverrideStore store = OverrideStore.file(stateFile());

        assertThatThrownBy(() -> store.set("openai", false)).isInstanceOfSatisfying(StateFileException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("state file " + stateFile() + ": not valid JSON (Unexpected "
                    + "end-of-input within/between Object entries at line 1, column 68); not overwritten, so that "
                    + "the overrides in it are not lost");
            assertThat(e.reason()).isEqualTo(StateFileException.Reason.DAMAGED);
        });

        assertThat(Files.readString(stateFile())).isEqualTo(damaged);
        assertThat(fileNames()).containsExactlyInAnyOrder("state.json", "state.json.lock");
    }

    @Test
    void aForcedWriteReplacesADamagedFileAndKeepsItInBak() throws IOException {
        String damaged = "{\"overrides\": {\"grok\": {\"enabled\": \"no\"}}}";
        Files.writeString(stateFile(), damaged);
        OverrideStore store = OverrideStore.file(stateFile());
        assertThatThrownBy(store::load).isInstanceOf(StateFileException.class);

        store.set("openai", false, true);

        assertThat(store.load()).containsExactly(entry("openai", false));
        assertThat(store.readFailure()).isEmpty();
        assertThat(Files.readString(dir.resolve("state.json.bak"))).isEqualTo(damaged);
        assertThat(fileNames()).containsExactlyInAnyOrder("state.json", "state.json.bak", "state.json.lock");
    }

    @Test
    void aForcedWriteToAReadableFileKeepsItsOverridesAndMakesNoCopy() {
        OverrideStore store = OverrideStore.file(stateFile());
        store.set("grok", false);

        store.set("openai", true, true);

        assertThat(store.load()).containsExactly(entry("grok", false), entry("openai", true));
        assertThat(dir.resolve("state.json.bak")).doesNotExist();
    }

    @Test
    void anOverrideSpelledInAnotherCaseByHandIsReplacedNotKeptBesideIt() throws IOException {
        Files.writeString(stateFile(), "{\"overrides\": {\"GROK\": {\"enabled\": false}}}");
        OverrideStore store = OverrideStore.file(stateFile());

        store.set("grok", null);

        assertThat(store.load()).isEmpty();
    }

    @Test
    void aDirectoryInPlaceOfTheFileIsAProblemAndAWriteLeavesNothingBehind() throws IOException {
        Files.createDirectory(stateFile());
        OverrideStore store = OverrideStore.file(stateFile());

        assertThatThrownBy(store::load).isInstanceOfSatisfying(StateFileException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("state file " + stateFile() + ": a directory, not a file");
            assertThat(e.reason()).isEqualTo(StateFileException.Reason.UNUSABLE);
        });
        for (boolean force : new boolean[] {false, true}) {
            assertThatThrownBy(() -> store.set("grok", false, force)).isInstanceOfSatisfying(StateFileException.class,
                    e -> assertThat(e.getMessage()).isEqualTo("state file " + stateFile()
                            + ": a directory, not a file; nothing was changed"));
        }

        assertThat(store.readFailure())
                .hasValueSatisfying(e -> assertThat(e.problem()).isEqualTo("a directory, not a file"));
        assertThat(fileNames()).containsExactly("state.json");
        assertThat(stateFile()).isEmptyDirectory();
    }

    @Test
    void aFileInPlaceOfItsDirectoryIsAClearError() throws IOException {
        Files.writeString(dir.resolve("sub"), "not a directory");
        Path inside = dir.resolve("sub/state.json");
        OverrideStore store = OverrideStore.file(inside);

        assertThatThrownBy(() -> store.set("grok", false)).isInstanceOfSatisfying(StateFileException.class,
                e -> assertThat(e.getMessage()).isEqualTo("state file " + inside + ": its directory "
                        + dir.resolve("sub") + " cannot be created (a file of that name is in the way); nothing was changed"));
        assertThat(fileNames()).containsExactly("sub");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aReadOnlyFileIsNeitherChangedNorReplaced() throws IOException {
        new FileOverrideStore(stateFile(), CLOCK).set("grok", false);
        String before = Files.readString(stateFile());
        Set<PosixFilePermission> readOnly = PosixFilePermissions.fromString("r--r--r--");
        Files.setPosixFilePermissions(stateFile(), readOnly);
        OverrideStore store = OverrideStore.file(stateFile());

        for (boolean force : new boolean[] {false, true}) {
            assertThatThrownBy(() -> store.set("openai", false, force)).isInstanceOfSatisfying(StateFileException.class,
                    e -> {
                        assertThat(e.getMessage()).isEqualTo("state file " + stateFile() + ": read-only (no write "
                                + "permission); not changed; make it writable (chmod u+w) to change overrides");
                        assertThat(e.reason()).isEqualTo(StateFileException.Reason.READ_ONLY);
                    });
        }

        assertThat(Files.readString(stateFile())).isEqualTo(before);
        assertThat(Files.getPosixFilePermissions(stateFile())).isEqualTo(readOnly);
        assertThat(store.load()).containsExactly(entry("grok", false));
        assertThat(store.readFailure()).isEmpty();
        assertThat(fileNames()).containsExactlyInAnyOrder("state.json", "state.json.lock");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aRewriteKeepsTheFilesPermissions() throws IOException {
        OverrideStore store = OverrideStore.file(stateFile());
        store.set("grok", false);
        Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(stateFile(), shared);

        store.set("openai", false);

        assertThat(Files.getPosixFilePermissions(stateFile())).isEqualTo(shared);
        assertThat(store.load()).containsExactly(entry("grok", false), entry("openai", false));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aNewFileIsReadableAndWritableByItsOwnerOnly() throws IOException {
        OverrideStore.file(stateFile()).set("grok", false);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile()))).isEqualTo("rw-------");
    }

    private List<String> fileNames() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
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
