package dev.llmservice.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmservice.cli.CliContext;
import dev.llmservice.cli.LlmProvidersCommand;
import dev.llmservice.config.Environment;
import dev.llmservice.json.Json;
import dev.llmservice.provider.ProviderType;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code llm-providers} the way a user would, in-process as the CLI's own tests do: a new command per
 * {@link #run} (a new "process"), a map for its environment, standard output and error captured. Its
 * environment holds no provider key unless a test puts one there.
 */
final class LlmProvidersCli {

    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<ProviderType> types;

    /**
     * @param stateFile the CLI's {@code LLM_STATE_FILE}
     * @param types     the provider types the CLI knows locally, with a provider of each (names for
     *                  {@code --clear-override})
     */
    LlmProvidersCli(Path stateFile, List<ProviderType> types) {
        this.types = List.copyOf(types);
        env.put("LLM_PROVIDERS", String.join(",", types.stream().map(ProviderType::name).toList()));
        env.put("LLM_STATE_FILE", stateFile.toString());
        // Never the .env of the directory the tests run in; /dev/null is no file (a missing one would be a warning).
        env.put("LLM_ENV_FILE", "/dev/null");
    }

    LlmProvidersCli set(String variable, String value) {
        env.put(variable, value);
        return this;
    }

    Result run(String... args) {
        CliContext context = CliContext.builder()
                .environment(Environment.of(Map.copyOf(env)))
                .types(types)
                .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
                .terminal(() -> false)
                .stdin(() -> new ByteArrayInputStream(new byte[0]))
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
