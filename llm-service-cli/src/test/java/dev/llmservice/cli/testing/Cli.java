package dev.llmservice.cli.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmservice.cli.CliContext;
import dev.llmservice.cli.LlmProvidersCommand;
import dev.llmservice.config.Environment;
import dev.llmservice.json.Json;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.provider.TokenUsage;
import dev.llmservice.testing.FakeProviderType;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one harness that runs {@code llm-providers} in-process the way a user would, for the CLI's tests and for the
 * server's (which point it at a running server with {@code --url}): a map for its environment (no provider key unless
 * a test puts one there, never the {@code .env} of the directory the tests run in), a state file in a given
 * directory, the provider types the test chooses, standard output and error captured. Every {@link #run} is a new
 * command instance (a new "process").
 *
 * <p>{@link #fakeBuiltIns()} are the provider types the CLI's golden outputs are written against.
 */
public final class Cli {

    /** When the fakes' health checks are dated, and what the command's clock says unless a test changes it. */
    public static final Instant CHECKED_AT = Instant.parse("2026-11-26T07:00:00Z");
    /** What the fakes answer unless scripted otherwise (14 tokens in, 18 out, 420 ms). */
    public static final String REPLY = "Yes, I am here and ready to help you with whatever you need today, just ask.";

    private final Map<String, String> env = new LinkedHashMap<>();
    private final Path stateFile;
    private final Path journal;
    private final List<ProviderType> types;
    private boolean terminal;
    private Clock clock = Clock.fixed(CHECKED_AT, ZoneOffset.UTC);
    private String stdin = "";

    /**
     * @param directory where the state file ({@code state.json}, the command's {@code LLM_STATE_FILE}) is
     * @param types     the provider types the command knows
     */
    public Cli(Path directory, List<? extends ProviderType> types) {
        this.types = List.copyOf(types);
        this.stateFile = directory.resolve("state.json");
        env.put("LLM_STATE_FILE", stateFile.toString());
        // Never the .env of the directory the tests run in; /dev/null is no file (a missing one would be a warning).
        env.put("LLM_ENV_FILE", "/dev/null");
        // Every consensus is recorded: in a journal of this test's own, never the user's ~/.llm-service/journal.db.
        this.journal = directory.resolve("journal.db");
        env.put("LLM_JOURNAL_URL", "jdbc:sqlite:" + journal);
    }

    /** The SQLite journal this command records into ({@code LLM_JOURNAL_URL}). */
    public Path journal() {
        return journal;
    }

    /**
     * The four built-in names as fakes with the look the CLI's golden outputs expect: display name {@code Openai},
     * model {@code openai-model-1}, base URL {@code https://api.openai.example/v1}; replying {@link #REPLY}; checks
     * taking 300 ms (80 ms when unhealthy), dated {@link #CHECKED_AT}.
     */
    public static List<FakeProviderType> fakeBuiltIns() {
        return List.of(fakeType("anthropic"), fakeType("openai"), fakeType("gemini"), fakeType("grok"));
    }

    /** One fake of {@link #fakeBuiltIns()}'s look. */
    public static FakeProviderType fakeType(String name) {
        return FakeProviderType.named(name)
                .displayName(name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1))
                .defaultModel(name + "-model-1")
                .defaultBaseUrl("https://api." + name + ".example/v1")
                .baseUrlConvention("includes /v1; added if missing")
                .usualAnswer(REPLY, new TokenUsage(14, 18), Duration.ofMillis(420))
                .checksTaking(Duration.ofMillis(300), Duration.ofMillis(80))
                .clock(Clock.fixed(CHECKED_AT, ZoneOffset.UTC));
    }

    /** Sets an environment variable of the command. */
    public Cli set(String variable, String value) {
        env.put(variable, value);
        return this;
    }

    /** The command's state file. */
    public Path stateFile() {
        return stateFile;
    }

    /** Whether standard error is a terminal (progress is shown there); default no. */
    public Cli terminal(boolean terminal) {
        this.terminal = terminal;
        return this;
    }

    /** What the command tells the time by (deadlines, durations); default fixed at {@link #CHECKED_AT}. */
    public Cli clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** What the command reads as standard input; default nothing. */
    public Cli stdin(String stdin) {
        this.stdin = stdin;
        return this;
    }

    /** Runs {@code llm-providers args} as a new process would. */
    public Result run(String... args) {
        boolean onTerminal = terminal;
        byte[] input = stdin.getBytes(StandardCharsets.UTF_8);
        CliContext context = CliContext.builder()
                .environment(Environment.of(Map.copyOf(env)))
                .types(types)
                .clock(clock)
                .terminal(() -> onTerminal)
                .stdin(() -> new ByteArrayInputStream(input))
                .build();
        CommandLine commandLine = LlmProvidersCommand.commandLine(new LlmProvidersCommand(context));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** What a run left: its exit code and everything it wrote. */
    public record Result(int exitCode, String out, String err) {

        private static final ObjectMapper STRICT =
                Json.mapper().copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

        /** Standard output parsed as one JSON document (fails if anything else is there). */
        public JsonNode json() {
            try {
                return STRICT.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("standard output is not one JSON document:\n" + out, e);
            }
        }

        /** Standard output, then standard error. */
        public String all() {
            return out + err;
        }
    }
}
