package dev.llmservice.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmservice.config.Environment;
import dev.llmservice.json.Json;
import dev.llmservice.provider.ProviderType;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code llm-providers} the way a user would, but against a map environment, a state file in a temporary
 * directory and fake provider types; every {@link #run} is a new command instance (a new "process").
 */
final class Cli {

    static final Clock CLOCK = Clock.fixed(FakeProviderType.CHECKED_AT, ZoneOffset.UTC);

    final Map<String, String> env = new LinkedHashMap<>();
    final Path stateFile;
    final Path journal;
    private final List<? extends ProviderType> types;
    boolean terminal;
    /** What the command tells the time by (deadlines, durations, health timestamps). */
    Clock clock = CLOCK;
    /** What the command reads as standard input. */
    String stdin = "";

    Cli(Path tempDir, List<? extends ProviderType> types) {
        this.types = types;
        this.stateFile = tempDir.resolve("state.json");
        env.put("LLM_STATE_FILE", stateFile.toString());
        // Every consensus is recorded: in a journal of this test's own, never the user's ~/.llm-service/journal.db.
        this.journal = tempDir.resolve("journal.db");
        env.put("LLM_JOURNAL_URL", "jdbc:sqlite:" + journal);
        // Never the .env of the directory the tests run in; /dev/null is no file (a missing one would be a warning).
        env.put("LLM_ENV_FILE", "/dev/null");
    }

    Cli set(String variable, String value) {
        env.put(variable, value);
        return this;
    }

    Result run(String... args) {
        CliContext context = CliContext.builder()
                .environment(Environment.of(env))
                .types(List.copyOf(types))
                .clock(clock)
                .terminal(() -> terminal)
                .stdin(() -> new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .build();
        CommandLine commandLine = LlmProvidersCommand.commandLine(new LlmProvidersCommand(context));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int exitCode, String out, String err) {

        private static final ObjectMapper STRICT =
                Json.mapper().copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

        /** Standard output parsed as one JSON document (fails if anything else is there). */
        JsonNode json() {
            try {
                return STRICT.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("standard output is not one JSON document:\n" + out, e);
            }
        }

        String all() {
            return out + err;
        }
    }
}
