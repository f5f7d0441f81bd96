package dev.llmservice.factory;

import dev.llmservice.config.ConfigProblem;
import dev.llmservice.config.ConfigStatus;
import dev.llmservice.config.Environment;
import dev.llmservice.config.LoadedConfig;
import dev.llmservice.config.ProviderConfigLoader;
import dev.llmservice.config.ProviderList;
import dev.llmservice.config.ProviderName;
import dev.llmservice.health.HealthChecker;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.provider.ProviderTypes;
import dev.llmservice.ratelimit.RateLimiter;
import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.registry.UnknownProviderException;
import dev.llmservice.resilience.CircuitBreaker;
import dev.llmservice.resilience.CircuitBreakerConfig;
import dev.llmservice.resilience.CircuitBreakingProvider;
import dev.llmservice.resilience.CircuitSharing;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.state.StateFileException;
import dev.llmservice.status.StatusSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns environment variables into registered providers: the design's {@code ProviderFactory}.
 *
 * <p>The providers are the names in {@code LLM_PROVIDERS} ({@link ProviderList}, default the four built-ins), one
 * each, whatever their types: {@code openai} and {@code openai-mini} may both be of type {@code openai}. Each reads its
 * variables under its own prefix, and its type ({@code {P}_TYPE}, default its name when that is a type) is looked up
 * among the installed {@link ProviderType}s. A problem with the list leaves out only the entries concerned, an unknown
 * or missing type makes only that provider misconfigured; {@link #providerList()} keeps what the list said.
 *
 * <p>Operations: load one provider's configuration, create every provider from the environment, initialise a
 * registry, a status summary, health checks of all providers in parallel, and runtime enable/disable that
 * persist in the {@link OverrideStore}. A missing key is a warning and an invalid value marks only that
 * provider misconfigured; nothing here throws for bad configuration.
 *
 * <p>The environment is re-read ({@code .env} included) by every {@link #createProvidersFromEnv()}, so
 * {@link #reinitialize} picks up edits.
 *
 * <p>Concurrency rule: {@link #initializeRegistry(ProviderRegistry)} (so {@link #reinitialize}) and the override
 * operations ({@link #enable}, {@link #disable}, {@link #clearOverride}) run one at a time, under one lock of this
 * factory. Without it a re-initialisation that read the state file just before a {@code disable} would swap in,
 * just after it, a set in which that provider is enabled again. Under the lock only local work happens (the
 * environment, {@code .env} and the state file are read or written, providers are constructed), except with a shared
 * override store ({@code LLM_STATE_URL}): its read or write is then one Redis command, bounded by a second.
 * Readers of the registry never wait for it.
 *
 * <p>Every provider created is put behind its own circuit breaker ({@link CircuitBreakingProvider}, configured by
 * {@link Builder#circuitBreaker}), so a re-initialisation starts with closed circuits (unless they are shared with
 * other replicas, {@link Builder#circuitSharing}: then an opening another replica published still holds). A provider
 * with {@code P_RPM} or {@code P_TPM} is kept within them by the factory's {@link RateLimiter}
 * ({@link Builder#rateLimiter}), whose buckets outlive re-initialisations.
 */
public final class ProviderFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderFactory.class);

    private final Supplier<Environment> environment;
    private final OverrideStore overrides;
    private final List<ProviderType> types;
    private final HealthChecker healthChecker;
    private final CircuitBreakerConfig circuitBreaker;
    private final RateLimiter rateLimiter;
    private final CircuitSharing circuitSharing;
    private final Clock clock;
    /** {@code LLM_PROVIDERS} as last read by {@link #createProvidersFromEnv()}; {@code null} before. */
    private volatile ProviderList providerList;
    /** Serialises re-initialisation and override changes; see the class comment. */
    private final ReentrantLock mutations = new ReentrantLock();

    private ProviderFactory(Builder b) {
        this.environment = b.environment;
        this.overrides = b.overrides != null ? b.overrides : OverrideStore.fromEnvironment(b.environment.get());
        this.types = b.types != null ? List.copyOf(b.types) : ProviderTypes.discover();
        this.healthChecker = b.healthChecker != null ? b.healthChecker : new HealthChecker();
        this.circuitBreaker = b.circuitBreaker;
        this.circuitSharing = b.circuitSharing;
        this.clock = b.clock;
        this.rateLimiter = b.rateLimiter != null ? b.rateLimiter : RateLimiter.inProcess(b.clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The process environment over {@code .env} (re-read at every use), overrides in {@code LLM_STATE_FILE}
     * or {@code ~/.llm-service/state.json}, and every provider type on the class path.
     */
    public static ProviderFactory fromEnvironment() {
        return builder().environment(Environment::load).build();
    }

    /** The design's {@code initialize_providers()}: fills and returns the global registry. */
    public static ProviderRegistry initializeProviders() {
        return fromEnvironment().initializeRegistry(ProviderRegistry.global());
    }

    /** The installed provider types (what {@code {P}_TYPE} may name), bundled ones first. */
    public List<ProviderType> types() {
        return types;
    }

    /** The installed type whose id is {@code id} (any case, blanks ignored). */
    public Optional<ProviderType> type(String id) {
        String key = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        return types.stream().filter(t -> t.name().equals(key)).findFirst();
    }

    public OverrideStore overrides() {
        return overrides;
    }

    /**
     * {@code LLM_PROVIDERS} as the providers were last created from it: the names, the problems of the list and the
     * variables no provider reads. Read now when no provider has been created yet.
     */
    public ProviderList providerList() {
        ProviderList list = providerList;
        return list != null ? list : ProviderList.read(environment.get());
    }

    /** The environment the providers are read from, read now ({@code .env} included). */
    public Environment environment() {
        return environment.get();
    }

    /**
     * Reads the variables of the provider called {@code name} (any case) in {@code LLM_PROVIDERS}.
     *
     * @throws UnknownProviderException when no provider has that name
     */
    public LoadedConfig loadProviderConfig(String name) {
        Environment env = environment.get();
        ProviderList list = ProviderList.read(env);
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        ProviderName provider = list.find(key).orElseThrow(() -> new UnknownProviderException(name,
                list.names().stream().map(ProviderName::name).toList()));
        return load(provider, env).config();
    }

    /**
     * One entry per provider in {@code LLM_PROVIDERS}, with persisted overrides applied. Logs one line per provider:
     * its state, model and masked key; a warning for a missing key; every problem of a misconfigured one, and of the
     * list. When the state file cannot be read, the store's {@link OverrideStore#lastKnown() last known} overrides
     * are applied (none for a file) and {@code overrides().readFailure()} says why.
     */
    public List<ProviderEntry> createProvidersFromEnv() {
        return createProviders(persistedOr(overrides.lastKnown()));
    }

    private List<ProviderEntry> createProviders(Map<String, Boolean> persisted) {
        Environment env = environment.get();
        ProviderList list = ProviderList.read(env);
        List<ProviderEntry> entries = new ArrayList<>(list.names().size());
        for (ProviderName name : list.names()) {
            Typed typed = load(name, env);
            LoadedConfig loaded = typed.config();
            LlmProvider provider = null;
            if (loaded.status() == ConfigStatus.CONFIGURED) {
                try {
                    // The limit inside the breaker: a call its open circuit refuses takes no room, and a call
                    // the limit refuses is no failure of the vendor's.
                    LlmProvider created = typed.type().create(loaded.config().orElseThrow());
                    provider = new CircuitBreakingProvider(rateLimiter.limit(created),
                            CircuitBreaker.of(created.name(), circuitBreaker, clock, circuitSharing), clock);
                } catch (RuntimeException e) {
                    loaded = misconfigured(typed.type(), loaded, e);
                }
            }
            ProviderEntry entry = new ProviderEntry(typed.type(), loaded, provider, persisted.get(name.name()), null);
            log(entry);
            entries.add(entry);
        }
        providerList = list;
        list.problems().forEach(p -> LOG.warn("{}", p.message()));
        list.notes().forEach(LOG::info);
        return entries;
    }

    /** A provider's type (from {@code {P}_TYPE} or its name) and its variables; the type is {@code null} if unknown. */
    private Typed load(ProviderName name, Environment env) {
        List<ConfigProblem> typeProblems = new ArrayList<>(1);
        String id = ProviderConfigLoader.typeOf(name, env, types.stream().map(ProviderType::name).toList(),
                typeProblems);
        ProviderType type = id == null ? null : type(id).orElseThrow();
        return new Typed(type, type == null ? ProviderConfigLoader.loadUntyped(name, typeProblems, env)
                : ProviderConfigLoader.load(name, type, env));
    }

    private record Typed(ProviderType type, LoadedConfig config) {
    }

    /**
     * Replaces {@code registry}'s contents with freshly created providers, atomically, and returns it. When the
     * state file cannot be read, the overrides the registry has now are kept: a running server goes on with the
     * last good ones, an empty registry gets the store's {@link OverrideStore#lastKnown() last known} ones (none for
     * a file), and {@code overrides().readFailure()} says why.
     */
    public ProviderRegistry initializeRegistry(ProviderRegistry registry) {
        mutations.lock();
        try {
            // A registry with nothing in it yet (a process starting) has no overrides of its own to keep: the store's
            // last known ones apply (a shared store's local mirror), so that nothing disabled fails open.
            registry.replaceAll(createProviders(persistedOr(registry.snapshot().isEmpty() ? overrides.lastKnown()
                    : overridesIn(registry))));
            return registry;
        } finally {
            mutations.unlock();
        }
    }

    /** The state file's overrides, or {@code fallback} when it cannot be read (the store remembers the problem). */
    private Map<String, Boolean> persistedOr(Map<String, Boolean> fallback) {
        try {
            return overrides.load();
        } catch (StateFileException e) {
            return fallback;
        }
    }

    private static Map<String, Boolean> overridesIn(ProviderRegistry registry) {
        Map<String, Boolean> current = new HashMap<>();
        for (ProviderEntry e : registry.snapshot()) {
            if (e.override() != null) {
                current.put(e.name(), e.override());
            }
        }
        return current;
    }

    /** A new registry filled from the environment. */
    public ProviderRegistry initializeRegistry() {
        return initializeRegistry(ProviderRegistry.create());
    }

    /**
     * Re-reads the environment and {@code .env} and swaps in a complete new set of providers. Persisted
     * overrides are kept and re-applied: an operator's {@code --disable} survives a re-initialisation.
     */
    public ProviderRegistry reinitialize(ProviderRegistry registry) {
        return initializeRegistry(registry);
    }

    /**
     * Enables {@code name} in the state file, then now.
     *
     * @throws StateFileException when the state file cannot be read or written: nothing changed
     */
    public ProviderEntry enable(ProviderRegistry registry, String name) {
        return setOverride(registry, name, Boolean.TRUE, false);
    }

    /** Disables {@code name} in the state file, then now; throws as {@link #enable}. */
    public ProviderEntry disable(ProviderRegistry registry, String name) {
        return setOverride(registry, name, Boolean.FALSE, false);
    }

    /** Removes the override of {@code name}, returning it to what the environment says; throws as {@link #enable}. */
    public ProviderEntry clearOverride(ProviderRegistry registry, String name) {
        return setOverride(registry, name, null, false);
    }

    /**
     * Sets ({@code true}/{@code false}) or clears ({@code null}) the override of {@code name} in the state file, then
     * now: {@link #enable}, {@link #disable} and {@link #clearOverride} with the choice to replace a damaged state
     * file (see {@link OverrideStore#set(String, Boolean, boolean)}).
     *
     * @throws StateFileException when the state file cannot be read (and is not to be replaced) or written:
     *                            nothing changed, in the file or in the registry
     */
    public ProviderEntry setOverride(ProviderRegistry registry, String name, Boolean enabled, boolean replaceDamaged) {
        mutations.lock();
        try {
            ProviderEntry entry = registry.get(name);
            overrides.set(entry.name(), enabled, replaceDamaged);
            return registry.setOverride(entry.name(), enabled);
        } finally {
            mutations.unlock();
        }
    }

    /** The design's status summary of {@code registry}. */
    public static StatusSummary statusSummary(ProviderRegistry registry) {
        return StatusSummary.of(registry);
    }

    /** Health checks of every enabled provider, in parallel; results are recorded in the registry. */
    public Map<String, HealthCheckResult> healthCheckAll(ProviderRegistry registry) {
        return healthCheckAll(registry, r -> { });
    }

    /** As {@link #healthCheckAll(ProviderRegistry)}, telling {@code onResult} of each check as it finishes. */
    public Map<String, HealthCheckResult> healthCheckAll(
            ProviderRegistry registry, Consumer<HealthCheckResult> onResult) {
        return healthChecker.checkAll(registry, onResult);
    }

    /**
     * As {@link #healthCheckAll(ProviderRegistry, Consumer)}, all over within {@code limit}: a check still running
     * then is reported as a timeout (see {@link HealthChecker#checkAll(ProviderRegistry, Consumer, Duration)}).
     */
    public Map<String, HealthCheckResult> healthCheckAll(
            ProviderRegistry registry, Consumer<HealthCheckResult> onResult, Duration limit) {
        return healthChecker.checkAll(registry, onResult, Objects.requireNonNull(limit, "limit"));
    }

    /** A health check of one configured provider, enabled or not. */
    public HealthCheckResult healthCheck(ProviderRegistry registry, String name) {
        return healthChecker.checkOne(registry, name);
    }

    private static LoadedConfig misconfigured(ProviderType type, LoadedConfig loaded, RuntimeException e) {
        // The client library refused values that passed our validation; keep the message, never the key.
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String key = loaded.config().map(c -> c.revealApiKey()).orElse(null);
        if (key != null) {
            detail = detail.replace(key, loaded.maskedApiKey());
        }
        // The client does not say which value it refused, so the problem names the whole group.
        ConfigProblem problem = new ConfigProblem(loaded.variable("_*"), "model " + loaded.model()
                + ", base URL " + loaded.baseUrl(), "values the " + type.displayName() + " client accepts (" + detail + ")");
        return loaded.misconfigured(List.of(problem));
    }

    private static void log(ProviderEntry entry) {
        LoadedConfig c = entry.config();
        switch (entry.state()) {
            case NOT_CONFIGURED -> LOG.warn("{}: not configured: {} is not set", entry.name(),
                    c.variable(ProviderConfigLoader.API_KEY));
            case MISCONFIGURED -> LOG.warn("{}: misconfigured, unavailable: {}", entry.name(),
                    String.join("; ", c.problems().stream().map(ConfigProblem::message).toList()));
            default -> LOG.info("{}: {} ({}), type {}, model {}, key {}", entry.name(), entry.state().code(),
                    entry.stateSource().code(), c.type(), c.model(), c.maskedApiKey());
        }
        if (c.status() == ConfigStatus.NOT_CONFIGURED && !c.problems().isEmpty()) {
            LOG.warn("{}: also invalid: {}", entry.name(),
                    String.join("; ", c.problems().stream().map(ConfigProblem::message).toList()));
        }
    }

    /** Builder; every part has a production default. */
    public static final class Builder {
        private Supplier<Environment> environment = Environment::load;
        private OverrideStore overrides;
        private List<ProviderType> types;
        private HealthChecker healthChecker;
        private CircuitBreakerConfig circuitBreaker = CircuitBreakerConfig.DEFAULT;
        private CircuitSharing circuitSharing = CircuitSharing.LOCAL;
        private Clock clock = Clock.systemUTC();
        private RateLimiter rateLimiter;

        private Builder() {
        }

        /** When each provider's circuit breaker opens and for how long; default {@link CircuitBreakerConfig#DEFAULT}. */
        public Builder circuitBreaker(CircuitBreakerConfig config) {
            this.circuitBreaker = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Keeps providers within their {@code P_RPM} / {@code P_TPM}; default {@link RateLimiter#inProcess} on this
         * builder's clock (limits of this process alone). Pass one on a shared {@code RateLimitBuckets} to share the
         * limits between processes.
         */
        public Builder rateLimiter(RateLimiter limiter) {
            this.rateLimiter = Objects.requireNonNull(limiter, "limiter");
            return this;
        }

        /**
         * How the circuit breakers share their openings with other replicas; default {@link CircuitSharing#LOCAL}
         * (each decides alone). {@code SharedState.circuits()} gives the one {@code LLM_STATE_URL} asks for.
         */
        public Builder circuitSharing(CircuitSharing sharing) {
            this.circuitSharing = Objects.requireNonNull(sharing, "sharing");
            return this;
        }

        /** Times the circuit breakers' cool-downs and checks call deadlines; default the system clock (UTC). */
        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        /** A fixed environment (tests: {@code Environment.of(Map.of(...))}). */
        public Builder environment(Environment env) {
            Objects.requireNonNull(env, "env");
            this.environment = () -> env;
            return this;
        }

        /** An environment read afresh at each use. */
        public Builder environment(Supplier<Environment> source) {
            this.environment = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Default: {@code OverrideStore.fromEnvironment(env)}. */
        public Builder overrides(OverrideStore store) {
            this.overrides = store;
            return this;
        }

        /** Default: {@link ProviderTypes#discover()}. */
        public Builder types(List<ProviderType> providerTypes) {
            this.types = providerTypes;
            return this;
        }

        public Builder healthChecker(HealthChecker checker) {
            this.healthChecker = checker;
            return this;
        }

        public ProviderFactory build() {
            return new ProviderFactory(this);
        }
    }
}
