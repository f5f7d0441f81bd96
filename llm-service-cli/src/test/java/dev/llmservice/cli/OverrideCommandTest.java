package dev.llmservice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.cli.testing.Cli;
import dev.llmservice.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OverrideCommandTest {

    @TempDir
    Path tmp;

    Cli cli;

    @BeforeEach
    void providers() {
        cli = new Cli(tmp, Cli.fakeBuiltIns())
                .set("ANTHROPIC_API_KEY", "sk-ant-override-kQvXzJwMhBnRyPcdef")
                .set("OPENAI_API_KEY", "sk-proj-override-kQvXzJwMhBnRyPcdef")
                .set("GROK_API_KEY", "xai-override-kQvXzJwMhBnRyPcdef");
    }

    @Test
    void disablePersistsInTheStateFileAndTheNextInvocationSeesIt() throws IOException {
        Cli.Result r = cli.run("--disable", "grok");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("grok: disabled (override); stored in " + cli.stateFile() + System.lineSeparator());
        JsonNode file = Json.mapper().readTree(Files.readString(cli.stateFile()));
        assertThat(file.at("/overrides/grok/enabled").asBoolean(true)).isFalse();

        JsonNode grok = cli.run("--status", "--json").json().at("/providers/3");
        assertThat(grok.get("state").asText()).isEqualTo("disabled");
        assertThat(grok.get("state_source").asText()).isEqualTo("override");
        assertThat(grok.get("available").asBoolean()).isFalse();
    }

    @Test
    void enableAfterDisableMakesTheProviderAvailableAgainInTheNextInvocation() {
        cli.run("--disable", "openai");

        Cli.Result r = cli.run("--enable", "openai");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("openai: enabled (override); stored in " + cli.stateFile() + System.lineSeparator());
        JsonNode openai = cli.run("--status", "--json").json().at("/providers/1");
        assertThat(openai.get("available").asBoolean()).isTrue();
        assertThat(openai.get("state_source").asText()).isEqualTo("override");
    }

    @Test
    void enableWinsOverTheEnvironmentAndSaysSo() {
        cli.set("GROK_ENABLED", "off");

        Cli.Result r = cli.run("--enable", "grok");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("grok: enabled (override); this wins over GROK_ENABLED=false; stored in "
                + cli.stateFile() + System.lineSeparator());
    }

    @Test
    void providerNamesAreCaseInsensitive() {
        assertThat(cli.run("--disable", "GROK").exitCode()).isZero();

        assertThat(cli.run("--status", "--json").json().at("/providers/3/state").asText()).isEqualTo("disabled");
    }

    @Test
    void enablingAProviderWithoutKeySaysSoClearlyAndExitsOne() {
        Cli.Result r = cli.run("--enable", "gemini");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("gemini: override (enabled) stored in " + cli.stateFile()
                + ", but gemini has no API key (GEMINI_API_KEY is not set), so it stays unavailable until the key is set"
                + System.lineSeparator());
    }

    @Test
    void enablingAMisconfiguredProviderNamesTheProblems() {
        cli.set("GROK_TEMPERATURE", "3");

        Cli.Result r = cli.run("--enable", "grok", "--json");

        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode json = r.json();
        assertThat(json.get("warning").asText()).isEqualTo("grok is misconfigured, so it stays unavailable until this "
                + "is fixed: GROK_TEMPERATURE was '3' but it must be a number from 0.0 to 2.0");
        assertThat(json.at("/provider/state").asText()).isEqualTo("misconfigured");
    }

    @Test
    void enableJsonHasTheDocumentedShape() {
        Cli.Result r = cli.run("--disable", "anthropic", "--json");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode json = r.json();
        assertThat(StatusCommandTest.fieldNames(json)).containsExactly("action", "provider", "state_file", "previous_override",
                "overrules_variable", "warning", "state_file_backup");
        assertThat(json.get("action").asText()).isEqualTo("disable");
        assertThat(json.get("state_file").asText()).isEqualTo(cli.stateFile().toString());
        assertThat(json.get("warning").isNull()).isTrue();
        assertThat(json.get("state_file_backup").isNull()).isTrue();
        assertThat(StatusCommandTest.fieldNames(json.get("provider"))).containsExactly("name", "type", "state", "state_source",
                "available", "model", "weight", "api_key", "base_url", "problems", "health", "circuit", "circuit_message",
                "price", "rate_limits");
        assertThat(json.at("/provider/state").asText()).isEqualTo("disabled");
        assertThat(json.at("/provider/state_source").asText()).isEqualTo("override");
    }

    @Test
    void clearOverrideHandsTheDecisionBackToTheEnvironment() {
        cli.set("OPENAI_ENABLED", "false");
        cli.run("--enable", "openai");

        Cli.Result r = cli.run("--clear-override", "openai");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("openai: override removed from " + cli.stateFile()
                + "; now disabled (environment)" + System.lineSeparator());
        assertThat(cli.run("--clear-override", "openai").out()).isEqualTo("openai: had no override in "
                + cli.stateFile() + "; disabled (environment)" + System.lineSeparator());
        assertThat(cli.run("--clear-override", "openai", "--json").json().get("action").asText())
                .isEqualTo("clear_override");
    }

    @Test
    void anUnwritableStateFileIsOneLineOnStderrAndExitOne() throws IOException {
        Path notADirectory = Files.writeString(tmp.resolve("plain-file"), "x");
        cli.set("LLM_STATE_FILE", notADirectory.resolve("state.json").toString());

        Cli.Result r = cli.run("--disable", "grok");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("llm-providers: error: state file " + notADirectory.resolve("state.json")
                + ": its directory " + notADirectory + " cannot be created (a file of that name is in the way); "
                + "nothing was changed" + System.lineSeparator());
    }

    @Test
    void withVerboseAnUnexpectedErrorAlsoShowsTheStackTrace() throws IOException {
        Path notADirectory = Files.writeString(tmp.resolve("plain-file"), "x");
        cli.set("LLM_STATE_FILE", notADirectory.resolve("state.json").toString());

        // --verbose raises the log level through system properties read when slf4j starts: start it first and
        // clean up, so that this test does not change the log level of every test after it.
        org.slf4j.LoggerFactory.getILoggerFactory();
        Cli.Result r;
        try {
            r = cli.run("--disable", "grok", "--verbose");
        } finally {
            System.clearProperty(OutputOptions.DEFAULT_LOG_LEVEL);
            System.clearProperty(OutputOptions.FACTORY_LOG_LEVEL);
        }

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("llm-providers: error: state file " + notADirectory.resolve("state.json"))
                .contains("\tat dev.llmservice.");
    }

    /**
     * A state file that cannot be read or written: reported in one line naming it, exit 1, never written over
     * unless {@code --force}, which keeps the damaged file in {@code FILE.bak}.
     */
    @Nested
    class StateFileProblems {

        static final String N = System.lineSeparator();
        /** grok disabled and gemini's entry cut off: a file an editor or a full disk left half written. */
        static final String DAMAGED = "{\"version\": 1, \"overrides\": {\"grok\": {\"enabled\": false}, \"gemini\": ";
        static final String DAMAGED_PROBLEM = "not valid JSON (Unexpected end-of-input within/between Object entries "
                + "at line 1, column 68)";

        private String notApplied(String problem) {
            return "llm-providers: state file " + cli.stateFile() + ": " + problem + "; its overrides are not applied: fix "
                    + "or remove it (--enable, --disable or --clear-override with --force replaces it)" + N;
        }

        @Test
        void statusOfADamagedFileShowsTheProvidersWithoutItsOverridesNamesTheFileAndExitsOne() throws IOException {
            assertThat(cli.run("--disable", "grok").exitCode()).isZero();
            Files.writeString(cli.stateFile(), "{");

            Cli.Result r = cli.run("--status");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).isEqualTo(notApplied("not valid JSON (Unexpected end-of-input: expected close marker "
                    + "for Object at line 1, column 2)"));
            assertThat(r.out()).startsWith("Providers: 4 registered, 3 available (overrides: " + cli.stateFile()
                    + ", not applied: see the error)" + N)
                    .contains("grok       enabled         default");
        }

        @Test
        void statusJsonOfAnEmptyOrNonObjectFileCarriesTheProblemAndStdoutStaysOneDocument() throws IOException {
            String expected = "expected an object like {\"version\": 1, \"overrides\": {\"grok\": {\"enabled\": false}}}";
            for (List<String> damaged : List.of(List.of("", "empty; " + expected),
                    List.of("[1]", "not a JSON object but [1]; " + expected))) {
                Files.writeString(cli.stateFile(), damaged.get(0));

                Cli.Result r = cli.run("--status", "--json");

                assertThat(r.exitCode()).isEqualTo(1);
                JsonNode json = r.json();
                assertThat(json.get("state_file").asText()).isEqualTo(cli.stateFile().toString());
                assertThat(json.get("state_file_problem").asText()).isEqualTo(damaged.get(1));
                assertThat(json.at("/registry/total_providers").asInt()).isEqualTo(4);
                assertThat(r.err()).isEqualTo(notApplied(damaged.get(1)));
            }
        }

        @Test
        void disableRefusesToWriteOverADamagedFileAndLeavesItAsItWas() throws IOException {
            Files.writeString(cli.stateFile(), DAMAGED);

            Cli.Result r = cli.run("--disable", "openai");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("llm-providers: state file " + cli.stateFile() + ": " + DAMAGED_PROBLEM
                    + "; not overwritten, so that the overrides in it are not lost; fix or remove it, or add --force to "
                    + "replace it (its content is then kept in " + cli.stateFile() + ".bak)" + N);
            assertThat(Files.readString(cli.stateFile())).isEqualTo(DAMAGED);
            assertThat(tmp.resolve("state.json.bak")).doesNotExist();
            assertThat(cli.run("--clear-override", "grok", "--json").exitCode()).isEqualTo(1);
            assertThat(Files.readString(cli.stateFile())).isEqualTo(DAMAGED);
        }

        @Test
        void forceReplacesTheDamagedFileAndKeepsItsContentInBak() throws IOException {
            Files.writeString(cli.stateFile(), DAMAGED);

            Cli.Result r = cli.run("--disable", "openai", "--force");

            assertThat(r.exitCode()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).isEqualTo("openai: disabled (override); stored in " + cli.stateFile() + N
                    + "The damaged state file was replaced; its content is kept in " + cli.stateFile() + ".bak" + N);
            assertThat(Files.readString(tmp.resolve("state.json.bak"))).isEqualTo(DAMAGED);
            Cli.Result status = cli.run("--status", "--json");
            assertThat(status.exitCode()).isZero();
            assertThat(status.err()).isEmpty();
            assertThat(status.json().at("/providers/1/state").asText()).isEqualTo("disabled");
            assertThat(status.json().get("state_file_problem").isNull()).isTrue();
        }

        @Test
        void forceJsonNamesTheCopyAndIsNullWhenNothingWasReplaced() throws IOException {
            Files.writeString(cli.stateFile(), "[]");

            JsonNode replaced = cli.run("--enable", "grok", "--force", "--json").json();
            JsonNode normal = cli.run("--enable", "grok", "--force", "--json").json();

            assertThat(replaced.get("state_file_backup").asText()).isEqualTo(cli.stateFile() + ".bak");
            assertThat(normal.get("state_file_backup").isNull()).isTrue();
            assertThat(Files.readString(tmp.resolve("state.json.bak"))).isEqualTo("[]");
        }

        @Test
        void forceGoesOnlyWithAnOverrideAction() {
            Cli.Result r = cli.run("--status", "--force");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("llm-providers: --force goes only with --enable, --disable or --clear-override "
                    + "(it lets them replace a damaged state file)" + N);
        }

        @Test
        @DisabledOnOs(OS.WINDOWS)
        void aReadOnlyStateFileIsNotChangedEvenWithForce() throws IOException {
            cli.run("--disable", "grok");
            String before = Files.readString(cli.stateFile());
            Files.setPosixFilePermissions(cli.stateFile(), PosixFilePermissions.fromString("r--r--r--"));

            for (String[] args : List.of(new String[] {"--disable", "openai"},
                    new String[] {"--disable", "openai", "--force"})) {
                Cli.Result r = cli.run(args);

                assertThat(r.exitCode()).isEqualTo(1);
                assertThat(r.out()).isEmpty();
                assertThat(r.err()).isEqualTo("llm-providers: state file " + cli.stateFile() + ": read-only (no write "
                        + "permission); not changed; make it writable (chmod u+w) to change overrides" + N);
            }
            assertThat(Files.readString(cli.stateFile())).isEqualTo(before);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.stateFile()))).isEqualTo("r--r--r--");
            assertThat(cli.run("--status").exitCode()).isZero();
        }

        @Test
        void aDirectoryAsStateFileIsReportedAndAWriteLeavesNothingBehind() throws IOException {
            Files.createDirectory(cli.stateFile());

            Cli.Result status = cli.run("--status", "--json");
            Cli.Result disable = cli.run("--disable", "grok", "--force");

            assertThat(status.exitCode()).isEqualTo(1);
            // No --force hint: it would not replace a directory.
            assertThat(status.err()).isEqualTo("llm-providers: state file " + cli.stateFile() + ": a directory, not a file; "
                    + "its overrides are not applied" + N);
            assertThat(disable.exitCode()).isEqualTo(1);
            assertThat(disable.err()).isEqualTo("llm-providers: error: state file " + cli.stateFile() + ": a directory, not "
                    + "a file; nothing was changed" + N);
            try (var files = Files.list(tmp)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.json");
            }
        }

        @Test
        void reinitAndHealthCheckReportTheDamagedFileAndExitOne() throws IOException {
            Files.writeString(cli.stateFile(), DAMAGED);

            Cli.Result reinit = cli.run("--reinit");
            Cli.Result reinitJson = cli.run("--reinit", "--json");
            Cli.Result health = cli.run("--health-check");

            assertThat(reinit.exitCode()).isEqualTo(1);
            assertThat(reinit.out()).contains("Overrides kept (" + cli.stateFile() + "): none: it cannot be read, see the "
                    + "error." + N);
            assertThat(reinit.err()).isEqualTo(notApplied(DAMAGED_PROBLEM));
            assertThat(reinitJson.exitCode()).isEqualTo(1);
            assertThat(reinitJson.json().get("state_file_problem").asText()).isEqualTo(DAMAGED_PROBLEM);
            assertThat(reinitJson.json().get("overrides")).isEmpty();
            assertThat(health.exitCode()).isEqualTo(1);
            assertThat(health.out()).contains("Checked 3 in");
            assertThat(health.err()).isEqualTo(notApplied(DAMAGED_PROBLEM));
        }
    }
}
