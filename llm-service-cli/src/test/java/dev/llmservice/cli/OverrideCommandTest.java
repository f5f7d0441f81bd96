package dev.llmservice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class OverrideCommandTest {

    @TempDir
    Path tmp;

    Cli cli;

    @BeforeEach
    void providers() {
        cli = new Cli(tmp, FakeProviderType.builtIns())
                .set("ANTHROPIC_API_KEY", "sk-ant-override-0123456789abcdef")
                .set("OPENAI_API_KEY", "sk-proj-override-0123456789abcdef")
                .set("GROK_API_KEY", "xai-override-0123456789abcdef");
    }

    @Test
    void disablePersistsInTheStateFileAndTheNextInvocationSeesIt() throws IOException {
        Cli.Result r = cli.run("--disable", "grok");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("grok: disabled (override); stored in " + cli.stateFile + System.lineSeparator());
        JsonNode file = Json.mapper().readTree(Files.readString(cli.stateFile));
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
        assertThat(r.out()).isEqualTo("openai: enabled (override); stored in " + cli.stateFile + System.lineSeparator());
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
                + cli.stateFile + System.lineSeparator());
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
        assertThat(r.out()).isEqualTo("gemini: override (enabled) stored in " + cli.stateFile
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
                "overrules_variable", "warning");
        assertThat(json.get("action").asText()).isEqualTo("disable");
        assertThat(json.get("state_file").asText()).isEqualTo(cli.stateFile.toString());
        assertThat(json.get("warning").isNull()).isTrue();
        assertThat(StatusCommandTest.fieldNames(json.get("provider"))).containsExactly("name", "state", "state_source",
                "available", "model", "weight", "api_key", "base_url", "problems", "health", "circuit", "circuit_message");
        assertThat(json.at("/provider/state").asText()).isEqualTo("disabled");
        assertThat(json.at("/provider/state_source").asText()).isEqualTo("override");
    }

    @Test
    void clearOverrideHandsTheDecisionBackToTheEnvironment() {
        cli.set("OPENAI_ENABLED", "false");
        cli.run("--enable", "openai");

        Cli.Result r = cli.run("--clear-override", "openai");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("openai: override removed from " + cli.stateFile
                + "; now disabled (environment)" + System.lineSeparator());
        assertThat(cli.run("--clear-override", "openai").out()).isEqualTo("openai: had no override in "
                + cli.stateFile + "; disabled (environment)" + System.lineSeparator());
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
        assertThat(r.err()).startsWith("llm-providers: error: cannot write the state file " + notADirectory)
                .doesNotContain("\tat ")
                .hasLineCount(1);
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
        assertThat(r.err()).startsWith("llm-providers: error: cannot write the state file ")
                .contains("\tat dev.llmservice.");
    }
}
