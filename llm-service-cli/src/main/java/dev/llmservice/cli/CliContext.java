package dev.llmservice.cli;

import dev.llmservice.cli.internal.LazyProviderType;
import dev.llmservice.config.DotEnv;
import dev.llmservice.config.Environment;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.health.HealthChecker;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.provider.ProviderTypes;
import dev.llmservice.provider.retry.Sleeper;
import dev.llmservice.ratelimit.RateLimiter;
import dev.llmservice.shared.SharedState;
import dev.llmservice.shared.SharedStates;
import dev.llmservice.state.OverrideStore;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Everything {@code llm-providers} takes from the outside world, so that tests can replace it: the process
 * environment (layered over {@code .env}), the override store, the provider types, the clock and whether
 * output goes to a terminal. Standard output and error are picocli's ({@code CommandLine.setOut/setErr}).
 *
 * <p>Tests: {@code CliContext.builder().environment(Map.of(...)::get).types(List.of(fake)).build()}.
 *
 * <p>With {@code LLM_STATE_URL} the overrides, circuit openings, rate limits and consensus cache are the replicas'
 * shared ones
 * ({@link #sharedState()}, opened at first use); {@link #close()} releases its connections at the end of the command.
 */
public final class CliContext implements AutoCloseable {

    private final Environment processEnvironment;
    private final OverrideStore overrides;
    private final List<ProviderType> types;
    private final Clock clock;
    private final BooleanSupplier terminal;
    private final Supplier<InputStream> stdin;
    private volatile List<ProviderType> discovered;
    private SharedState sharedState;

    private CliContext(Builder b) {
        this.processEnvironment = b.processEnvironment;
        this.overrides = b.overrides;
        this.types = b.types == null ? null : List.copyOf(b.types);
        this.clock = b.clock;
        this.terminal = b.terminal;
        this.stdin = b.stdin;
    }

    /** The real process: {@code System.getenv}, {@code ./.env}, the state file, the class path, a terminal if any. */
    public static CliContext system() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The process environment over the {@code .env} file it names; read afresh at every call. */
    public Environment environment() {
        return Environment.withDotEnv(processEnvironment);
    }

    /** The {@code .env} file {@link #environment()} reads, read now, with its warnings (commands print them once). */
    public DotEnv dotEnv() {
        return Environment.dotEnv(processEnvironment);
    }

    /** The {@code .env} file that {@link #environment()} reads (it may not exist). */
    public Path dotEnvFile() {
        return Environment.dotEnvPath(processEnvironment).toAbsolutePath();
    }

    /**
     * The injected store, or the shared one ({@code LLM_STATE_URL}), or the state file named by {@code LLM_STATE_FILE}
     * (default ~/.llm-service/state.json).
     */
    public OverrideStore overrides() {
        return overrides != null ? overrides : sharedState().overrides();
    }

    /**
     * What this command shares with the servers ({@code LLM_STATE_URL}), opened once; {@link SharedState#local}
     * without it.
     *
     * @throws dev.llmservice.shared.InvalidSharedStateSettingsException when {@code LLM_STATE_URL} or
     *                                                                   {@code LLM_INSTANCE_ID} is invalid (exit 2)
     * @throws dev.llmservice.shared.SharedStateException                when no module on the class path serves it
     */
    public synchronized SharedState sharedState() {
        if (sharedState == null) {
            sharedState = SharedStates.open(environment(), clock);
        }
        return sharedState;
    }

    /** Releases the shared state's connections, if it was opened. */
    @Override
    public synchronized void close() {
        if (sharedState != null) {
            sharedState.close();
            sharedState = null;
        }
    }

    /** The injected provider types, or those found on the class path (looked up once). */
    public List<ProviderType> types() {
        if (types != null) {
            return types;
        }
        List<ProviderType> found = discovered;
        if (found == null) {
            try {
                found = ProviderTypes.discover();
            } catch (ServiceConfigurationError e) {
                // An Error, so picocli would not handle it: a broken provider jar must still be one line.
                throw new IllegalStateException("cannot load the provider types: " + e.getMessage(), e);
            }
            discovered = found;
        }
        return found;
    }

    public Clock clock() {
        return clock;
    }

    /** Whether a person is watching (progress output is shown only then). */
    public boolean terminal() {
        return terminal.getAsBoolean();
    }

    /** Standard input ({@code consensus --market-data -}). */
    public InputStream stdin() {
        return stdin.get();
    }

    /**
     * A factory over this context.
     *
     * @param buildClients {@code false} defers building each provider's vendor client until it is first used:
     *                     status and enable/disable never use them, and building four LangChain4j clients
     *                     costs more start-up time than the whole of {@code --status} may take
     */
    public ProviderFactory factory(boolean buildClients) {
        List<ProviderType> all = types();
        return ProviderFactory.builder()
                .environment(this::environment)
                .overrides(overrides())
                .circuitSharing(sharedState().circuits())
                // With LLM_STATE_URL, the servers' buckets: a CLI consensus draws from the same limits.
                .rateLimiter(new RateLimiter(sharedState().rateLimits(), clock, Sleeper.SYSTEM))
                .types(buildClients ? all : all.stream().<ProviderType>map(LazyProviderType::of).toList())
                .healthChecker(new HealthChecker(clock))
                // The circuit breakers compare the command's deadlines with it: one clock for both.
                .clock(clock)
                .build();
    }

    /** Builder; every part has the production default. */
    public static final class Builder {
        private Environment processEnvironment = Environment.system();
        private OverrideStore overrides;
        private List<ProviderType> types;
        private Clock clock = Clock.systemUTC();
        private BooleanSupplier terminal = () -> System.console() != null;
        private Supplier<InputStream> stdin = () -> System.in;

        private Builder() {
        }

        /** The variables the process was started with; {@code .env} (or {@code LLM_ENV_FILE}) is layered under them. */
        public Builder environment(Environment env) {
            this.processEnvironment = Objects.requireNonNull(env, "env");
            return this;
        }

        /** Default: the state file named by the environment. */
        public Builder overrides(OverrideStore store) {
            this.overrides = store;
            return this;
        }

        /** Default: {@link ProviderTypes#discover()}. */
        public Builder types(List<ProviderType> providerTypes) {
            this.types = providerTypes;
            return this;
        }

        /** Timestamps of health checks, the durations the command measures itself and its deadlines. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** Default: {@code System.console() != null}. */
        public Builder terminal(BooleanSupplier isTerminal) {
            this.terminal = Objects.requireNonNull(isTerminal, "isTerminal");
            return this;
        }

        /** Default: {@code System.in}. */
        public Builder stdin(Supplier<InputStream> input) {
            this.stdin = Objects.requireNonNull(input, "input");
            return this;
        }

        public CliContext build() {
            return new CliContext(this);
        }
    }
}
