package dev.llmservice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.cli.testing.Cli;
import dev.llmservice.testing.FakeProviderType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReinitCommandTest {

    @TempDir
    Path tmp;

    List<FakeProviderType> types;
    Cli cli;
    Path dotEnv;

    @BeforeEach
    void providersFromADotEnvFile() throws IOException {
        types = Cli.fakeBuiltIns();
        dotEnv = tmp.resolve("service.env");
        Files.writeString(dotEnv, "ANTHROPIC_API_KEY=sk-ant-reinit-kQvXzJwMhBnRyPcdef\nGROK_API_KEY=xai-reinit-kQvXzJwMhB\n");
        cli = new Cli(tmp, types).set("LLM_ENV_FILE", dotEnv.toString());
    }

    @Test
    void reinitKeepsPersistedOverrides() {
        cli.run("--disable", "grok");

        Cli.Result r = cli.run("--reinit");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Re-read the environment and " + dotEnv + ".")
                .contains("Overrides kept (" + cli.stateFile() + "): grok disabled.")
                .contains("Providers: 4 registered, 1 available")
                .contains("grok       grok       disabled        override");
    }

    @Test
    void reinitJsonIsTheStatusDocumentPlusWhereItWasReadFrom() {
        cli.run("--disable", "grok");

        Cli.Result r = cli.run("--reinit", "--json");

        assertThat(r.exitCode()).isZero();
        JsonNode json = r.json();
        assertThat(StatusCommandTest.fieldNames(json)).containsExactly("registry", "providers", "problems", "notes",
                "env_file", "env_file_found", "state_file", "overrides", "state_file_problem");
        assertThat(json.at("/registry/total_providers").asInt()).isEqualTo(4);
        assertThat(json.at("/registry/available_providers").asInt()).isEqualTo(1);
        assertThat(json.get("env_file").asText()).isEqualTo(dotEnv.toString());
        assertThat(json.get("env_file_found").asBoolean()).isTrue();
        assertThat(json.get("state_file").asText()).isEqualTo(cli.stateFile().toString());
        assertThat(json.at("/overrides/grok").asBoolean(true)).isFalse();
        assertThat(json.get("state_file_problem").isNull()).isTrue();
        assertThat(json.at("/providers/3/state_source").asText()).isEqualTo("override");
    }

    @Test
    void reinitPicksUpAnEditedDotEnvFileAndTheRealEnvironmentStillWins() throws IOException {
        Files.writeString(dotEnv, "OPENAI_API_KEY=sk-proj-reinit-kQvXzJwMhB\nOPENAI_WEIGHT=0.4\n");
        cli.set("OPENAI_WEIGHT", "0.9");

        JsonNode json = cli.run("--reinit", "--json").json();

        assertThat(json.at("/providers/0/state").asText()).isEqualTo("not_configured");
        assertThat(json.at("/providers/1/state").asText()).isEqualTo("enabled");
        assertThat(json.at("/providers/1/weight").asDouble()).isEqualTo(0.9);
    }

    @Test
    void reinitBuildsTheVendorClientsToCheckThatTheyAcceptTheConfiguration() {
        cli.run("--reinit");

        assertThat(types).extracting(t -> t.created().size()).containsExactly(1, 0, 0, 1);
    }

    @Test
    void reinitSaysWhenTheDotEnvFileIsMissing() throws IOException {
        Files.delete(dotEnv);

        Cli.Result r = cli.run("--reinit");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Re-read the environment and " + dotEnv + " (not found).")
                .contains("Overrides kept (" + cli.stateFile() + "): none.");
    }
}
