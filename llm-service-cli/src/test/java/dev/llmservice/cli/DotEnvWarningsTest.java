package dev.llmservice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.cli.testing.Cli;
import dev.llmservice.config.ApiKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code .env} file with lines the CLI cannot use: every command still runs on the rest of the file, and says once,
 * on standard error, which line of which file was skipped and why (never a value).
 */
class DotEnvWarningsTest {

    static final String ANTHROPIC_KEY = "sk-ant-api-dotenv-warnings-abcdefXYZ";
    static final String OPENAI_KEY = "sk-proj-unclosed-quote-secretvalue";

    @TempDir
    Path tmp;

    Path dotEnv;
    Cli cli;

    /**
     * A comment an editor saved in Latin-1 ({@code café} as {@code caf\xe9}), a quote left open, and a {@code #}
     * inside an unquoted value: before, the first made every command fail and the other two lost values silently.
     */
    @BeforeEach
    void aDotEnvWithALatin1CommentAndAnUnclosedQuote() throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes("# caf".getBytes(StandardCharsets.US_ASCII));
        content.write(0xE9);
        content.writeBytes(("\nANTHROPIC_API_KEY=" + ANTHROPIC_KEY + "\n"
                + "OPENAI_API_KEY=\"" + OPENAI_KEY + "\n"
                + "ANTHROPIC_MODEL=claude-#one\n").getBytes(StandardCharsets.US_ASCII));
        dotEnv = Files.write(tmp.resolve("service.env"), content.toByteArray());
        cli = new Cli(tmp, Cli.fakeBuiltIns()).set("LLM_ENV_FILE", dotEnv.toString());
    }

    private String warningLines(String command) {
        return command + ": warning: " + dotEnv + ":1: not UTF-8 (byte 6 of the line is invalid); the line is skipped "
                + "(save the file as UTF-8)" + System.lineSeparator()
                + command + ": warning: " + dotEnv + ":3: OPENAI_API_KEY: the quote (\") opened here is not closed "
                + "before line 4, which sets a variable of its own; the line is skipped" + System.lineSeparator();
    }

    @Test
    void statusRunsOnTheRestOfTheFileAndNamesEachSkippedLineOnce() {
        Cli.Result r = cli.run("--status");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEqualTo(warningLines("llm-providers"));
        assertThat(r.out()).contains("anthropic  enabled", ApiKey.mask(ANTHROPIC_KEY))
                .contains("openai: OPENAI_API_KEY is not set")
                .contains("claude-#one");
        assertThat(r.all()).doesNotContain(ANTHROPIC_KEY, OPENAI_KEY, "secretvalue");
    }

    @Test
    void everyCommandThatReadsTheEnvironmentWarnsOnceAndStillWorks() {
        for (List<String> args : List.of(List.of("--status", "--json"), List.of("--disable", "grok"),
                List.of("--clear-override", "grok"), List.of("--reinit"), List.of("--reinit", "--json"))) {
            Cli.Result r = cli.run(args.toArray(String[]::new));

            assertThat(r.exitCode()).as("%s", args).isZero();
            assertThat(r.err()).as("%s", args).isEqualTo(warningLines("llm-providers"));
            if (args.contains("--json")) {
                assertThat(r.json().isObject()).as("%s: standard output is only the JSON document", args).isTrue();
            }
        }
    }

    @Test
    void statusJsonStillShowsTheProvidersOfTheReadableLines() {
        JsonNode json = cli.run("--status", "--json").json();

        assertThat(json.at("/providers/0/state").asText()).isEqualTo("enabled");
        assertThat(json.at("/providers/1/state").asText()).isEqualTo("not_configured");
        assertThat(json.at("/providers/0/model").asText()).isEqualTo("claude-#one");
    }

    @Test
    void theConsensusSubcommandWarnsUnderItsOwnName() {
        Cli.Result r = cli.run("consensus", "--market-data", tmp.resolve("nope.json").toString());

        assertThat(r.exitCode()).isEqualTo(LlmProvidersCommand.USAGE);
        assertThat(r.err()).startsWith(warningLines("llm-providers consensus"))
                .contains("cannot read the market data");
    }

    @Test
    void listReadsNoEnvironmentSoItDoesNotWarn() {
        Cli.Result r = cli.run("--list");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void llmEnvFileNamingAMissingFileIsAWarningNamingTheVariableAndThePath() {
        Path missing = tmp.resolve("typo.env");

        Cli.Result r = cli.set("LLM_ENV_FILE", missing.toString()).run("--status");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEqualTo("llm-providers: warning: LLM_ENV_FILE names " + missing + ", which does not "
                + "exist; no .env file is read" + System.lineSeparator());
    }
}
