package dev.llmservice.operations;

import dev.llmservice.config.ConfigProblem;
import dev.llmservice.config.Defaults;
import dev.llmservice.config.ProviderConfigLoader;
import dev.llmservice.config.SecretMasker;
import dev.llmservice.cost.CostCalculator;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.RetryListener;
import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.registry.ProviderState;
import dev.llmservice.registry.UnknownProviderException;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.state.StateFileException;
import dev.llmservice.status.HealthStatus;
import dev.llmservice.status.ProviderCatalog;
import dev.llmservice.status.ProviderStatus;
import dev.llmservice.status.StatusSummary;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The operations on this process's providers: a {@link ProviderFactory} and the {@link ProviderRegistry} it fills.
 * The CLI makes one per command over a fresh registry; the server one for its lifetime over the shared registry.
 *
 * <p>Thread-safe as the registry and factory are: each method reads one registry snapshot, and enable, disable and
 * clear-override are serialised by the factory. Only {@link #test} and the health checks do network I/O, each
 * bounded (the test by its timeout, a health check by the provider's timeout plus a grace).
 */
public final class LocalOperations implements ProviderOperations {

    /** The prompt of {@link #test}: short, so the answer costs a handful of tokens. */
    public static final String TEST_PROMPT = "Reply with one short sentence: are you there?";
    /** How many words of the reply {@link #test} shows, and at most how many characters. */
    static final int REPLY_WORDS = 12;
    static final int REPLY_CHARS = 100;

    /**
     * How long past its deadline {@link #test} still waits for the provider: a built-in provider stops at the
     * deadline itself and says why (more telling than "no answer"); only one that ignores deadlines is cut off.
     */
    static final Duration STOP_GRACE = Duration.ofMillis(250);

    private static final String ELLIPSIS = "\u2026";
    private static final Logger LOG = LoggerFactory.getLogger(LocalOperations.class);

    private final ProviderFactory factory;
    private final ProviderRegistry registry;
    private final Clock clock;
    private final Supplier<Path> envFile;
    private final Supplier<StatusSummary.Spend> spend;

    /** Without today's spend: the status shows it unknown. */
    public LocalOperations(ProviderFactory factory, ProviderRegistry registry, Clock clock, Supplier<Path> envFile) {
        this(factory, registry, clock, envFile, () -> StatusSummary.Spend.UNKNOWN);
    }

    /**
     * @param factory  builds and changes the providers
     * @param registry the providers operated on; {@link #reinit()} refills it
     * @param clock    measures the latency of {@link #test}
     * @param envFile  the {@code .env} file the factory's environment reads, shown by {@link #reinit()}
     * @param spend    today's spend and the budget, for {@link #status()} (e.g. {@link LocalConsensus#spend()}); read
     *                 only when the status is asked for
     */
    public LocalOperations(ProviderFactory factory, ProviderRegistry registry, Clock clock, Supplier<Path> envFile,
                           Supplier<StatusSummary.Spend> spend) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.envFile = Objects.requireNonNull(envFile, "envFile");
        this.spend = Objects.requireNonNull(spend, "spend");
    }

    public ProviderRegistry registry() {
        return registry;
    }

    /** Where overrides are kept (the state file's path, or the store's description). */
    public String overridesLocation() {
        return factory.overrides().location();
    }

    /**
     * The status, with the state file and what was wrong with it at its last read, each model's price and today's
     * spend against the budget.
     */
    @Override
    public StatusSummary status() {
        StatusSummary summary = StatusSummary.of(registry, factory.providerList(), factory.overrides(), costs());
        SecretMasker masker = masker();
        return new StatusSummary(summary.registry(), summary.providers().stream().map(p -> scrub(p, masker)).toList(),
                summary.problems().stream().map(masker::redact).toList(), summary.notes(), summary.stateFile(),
                summary.stateFileProblem(), spend.get());
    }

    /** The prices the environment sets over the bundled table (an invalid one is a provider problem already). */
    private CostCalculator costs() {
        return CostCalculator.fromEnvironment(factory.environment(), factory.providerList().names().stream().map(n -> n.name()).toList(),
                new ArrayList<>());
    }

    /** Where the overrides are kept; {@link OverrideStore#readFailure()} tells whether it could be read. */
    public OverrideStore overrides() {
        return factory.overrides();
    }

    @Override
    public ProviderCatalog catalog() {
        return ProviderCatalog.of(factory.types());
    }

    @Override
    public ProviderStatus provider(String name) {
        return scrub(ProviderStatus.of(registry.get(canonical(name)), costs()), masker());
    }

    @Override
    public OverrideReport enable(String name, boolean force) {
        return override("enable", name, Boolean.TRUE, force);
    }

    @Override
    public OverrideReport disable(String name, boolean force) {
        return override("disable", name, Boolean.FALSE, force);
    }

    @Override
    public OverrideReport clearOverride(String name, boolean force) {
        return override("clear_override", name, null, force);
    }

    /** Writes without replacing a damaged state file; replaces it only when forced, and says so in the log. */
    private OverrideReport override(String action, String rawName, Boolean enabled, boolean force) {
        String name = canonical(rawName);
        Boolean before = registry.get(name).override();
        ProviderEntry entry;
        String backup = null;
        try {
            entry = factory.setOverride(registry, name, enabled, false);
        } catch (StateFileException e) {
            if (!force || e.reason() != StateFileException.Reason.DAMAGED) {
                throw e;
            }
            entry = factory.setOverride(registry, name, enabled, true);
            backup = e.backupLocation();
            LOG.warn("state file {}: {}; replaced as an operator asked (force), its old content kept in {}",
                    e.location(), e.problem(), backup);
        }
        String warning = Boolean.TRUE.equals(enabled) && !entry.available() ? unavailableBecause(entry) : null;
        String overrules = enabled != null && entry.config().enabledFromEnv() && entry.config().enabled() != enabled
                ? entry.config().variable(ProviderConfigLoader.ENABLED) + "=" + entry.config().enabled()
                : null;
        LOG.info("{}: {} (override in {}); now {} ({})", entry.name(), action.replace('_', ' '),
                factory.overrides().location(), entry.state().code(), entry.stateSource().code());
        return new OverrideReport(action, scrub(ProviderStatus.of(entry, costs()), masker()), factory.overrides().location(), before,
                overrules, warning, backup);
    }

    private static String unavailableBecause(ProviderEntry entry) {
        String name = entry.name();
        return switch (entry.state()) {
            case NOT_CONFIGURED -> name + " has no API key (" + keyVariable(entry)
                    + " is not set), so it stays unavailable until the key is set";
            case MISCONFIGURED -> name + " is misconfigured, so it stays unavailable until this is fixed: "
                    + problems(entry);
            default -> name + " is " + entry.state().code().replace('_', ' ');
        };
    }

    @Override
    public TestReport test(String rawName, Duration timeout, RetryListener onRetry) {
        ProviderEntry entry = registry.get(canonical(rawName));
        String name = entry.name();
        String state = entry.state().code();
        String source = entry.stateSource().code();
        String model = entry.config().model();
        if (entry.providerInstance().isEmpty()) {
            String why = entry.state() == ProviderState.NOT_CONFIGURED
                    ? keyVariable(entry) + " is not set"
                    : problems(entry);
            return new TestReport(name, state, source, false, model, 0, null, null, null,
                    new TestReport.Failure(state, null, why));
        }
        Duration limit = timeout != null ? timeout : entry.provider().config().timeout();
        // The deadline is on the clock the providers were built with (the factory's), so that tests on virtual time
        // never meet a real-time cut-off.
        Instant start = clock.instant();
        Instant deadline = start.plus(limit);
        try {
            GenerationResult r = BoundedWait.call(() -> entry.provider().generate(GenerationRequest.of(TEST_PROMPT),
                    deadline, onRetry), clock, deadline.plus(STOP_GRACE));
            return new TestReport(name, state, source, true, r.model() == null ? model : r.model(),
                    r.latency().toMillis(),
                    new TestReport.Usage(r.usage().inputTokens(), r.usage().outputTokens(), r.usage().totalTokens()),
                    r.finishReason(), masker().redact(firstWords(r.text())), null);
        } catch (TimeoutException e) {
            String from = timeout != null ? "the timeout asked for"
                    : entry.config().variable(ProviderConfigLoader.TIMEOUT);
            return new TestReport(name, state, source, false, model, elapsedMillis(start), null, null, null,
                    new TestReport.Failure(FailureKind.TIMEOUT.code(), null, "no answer within the deadline of "
                            + seconds(limit) + " (" + from + "); stopped waiting"));
        } catch (ProviderException e) {
            return new TestReport(name, state, source, false, model, elapsedMillis(start), null, null, null,
                    new TestReport.Failure(e.kind().code(), e.httpStatus() == 0 ? null : e.httpStatus(),
                            masker().redact(e.getMessage())));
        } catch (RuntimeException e) {
            // The SPI promises classified failures; anything else is a provider bug, reported (masked), not thrown.
            return new TestReport(name, state, source, false, model, elapsedMillis(start), null, null, null,
                    new TestReport.Failure("other", null, masker().redact(e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()))));
        }
    }

    /**
     * @throws ProviderNotConfiguredException when it has no key or invalid values: there is nothing to check
     */
    @Override
    public HealthStatus healthCheck(String rawName) {
        ProviderEntry entry = registry.get(canonical(rawName));
        if (entry.providerInstance().isEmpty()) {
            String why = entry.state() == ProviderState.NOT_CONFIGURED
                    ? "it is not configured (" + keyVariable(entry) + " is not set)"
                    : "it is misconfigured: " + problems(entry);
            throw new ProviderNotConfiguredException(entry.name(), entry.name() + " cannot be checked: " + why);
        }
        return scrub(HealthStatus.of(factory.healthCheck(registry, entry.name())));
    }

    @Override
    public HealthReport healthCheckAll(Duration timeout, Consumer<HealthCheckResult> onResult) {
        List<ProviderEntry> entries = registry.snapshot();
        List<HealthReport.Skipped> skipped = entries.stream().filter(e -> !e.available())
                .map(e -> new HealthReport.Skipped(e.name(), e.state().code(), e.stateSource().code())).toList();
        Duration limit = timeout != null ? timeout : entries.stream().filter(ProviderEntry::available)
                .map(e -> e.provider().config().timeout()).max(Duration::compareTo).orElse(Defaults.TIMEOUT);
        Instant start = clock.instant();
        Map<String, HealthCheckResult> results = factory.healthCheckAll(registry, onResult, limit);
        long duration = elapsedMillis(start);
        SecretMasker masker = masker();
        List<HealthReport.Result> rows = results.values().stream()
                .map(r -> new HealthReport.Result(r.provider(), r.healthy(), r.latency().toMillis(),
                        r.reason() == null ? null : r.reason().code(), masker.redact(r.message()),
                        r.checkedAt().toString()))
                .toList();
        int healthy = (int) rows.stream().filter(HealthReport.Result::healthy).count();
        int unhealthy = rows.size() - healthy;
        return new HealthReport(!rows.isEmpty() && unhealthy == 0, duration, rows.size(), healthy, unhealthy, rows,
                skipped);
    }

    @Override
    public ReinitReport reinit() {
        factory.reinitialize(registry);
        StatusSummary summary = status();
        // The overrides applied: the state file's when it could be read, else those already in effect.
        Map<String, Boolean> overrides = new java.util.LinkedHashMap<>();
        registry.snapshot().stream().filter(e -> e.override() != null).forEach(e -> overrides.put(e.name(), e.override()));
        LOG.info("registry re-initialised: {} providers, {} available",
                summary.registry().totalProviders(), summary.registry().availableProviders());
        Path file = envFile.get().toAbsolutePath();
        return new ReinitReport(summary.registry(), summary.providers(), summary.problems(), summary.notes(),
                file.toString(), Files.isRegularFile(file), summary.stateFile(), overrides, summary.stateFileProblem());
    }

    /**
     * Every configured API key of the registry's providers: the masker for whatever these operations show. The
     * providers never put a key in a message; this is the second line of defence.
     */
    public SecretMasker masker() {
        List<String> keys = new ArrayList<>();
        for (ProviderEntry entry : registry.snapshot()) {
            entry.config().config().ifPresent(c -> keys.add(c.revealApiKey()));
        }
        return SecretMasker.of(keys);
    }

    /** {@code p} with the messages of its last health check and circuit masked (a vendor may echo a key). */
    private static ProviderStatus scrub(ProviderStatus p, SecretMasker masker) {
        HealthStatus h = p.health();
        return new ProviderStatus(p.name(), p.type(), p.state(), p.stateSource(), p.available(), p.model(), p.weight(),
                p.apiKey(), p.baseUrl(), p.problems().stream().map(masker::redact).toList(),
                h == null ? null : new HealthStatus(h.healthy(), h.latencyMs(), h.reason(), masker.redact(h.message()),
                        h.checkedAt()),
                p.circuit(), masker.redact(p.circuitMessage()), p.price(), p.rateLimits());
    }

    private HealthStatus scrub(HealthStatus h) {
        return h == null ? null
                : new HealthStatus(h.healthy(), h.latencyMs(), h.reason(), masker().redact(h.message()), h.checkedAt());
    }

    /**
     * The name of the provider {@code name} stands for, in any case: one of {@code LLM_PROVIDERS}, as the registry
     * holds them; else {@link UnknownProviderException} naming them.
     */
    private String canonical(String name) {
        return registry.get(name == null ? "" : name.strip()).name();
    }

    private long elapsedMillis(Instant start) {
        return Math.max(0, Duration.between(start, clock.instant()).toMillis());
    }

    /** {@code 2 s}, {@code 0.5 s}. */
    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    private static String keyVariable(ProviderEntry entry) {
        return entry.config().variable(ProviderConfigLoader.API_KEY);
    }

    private static String problems(ProviderEntry entry) {
        return entry.config().problems().stream().map(ConfigProblem::message).collect(Collectors.joining("; "));
    }

    /** The first words of a reply, on one line, with {@code …} when cut. */
    static String firstWords(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String[] words = text.strip().split("\\s+");
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (String word : words) {
            if (used == REPLY_WORDS) {
                break;
            }
            String next = used == 0 ? word : " " + word;
            if (out.length() + next.length() > REPLY_CHARS) {
                if (used == 0) {
                    out.append(word, 0, REPLY_CHARS);
                }
                break;
            }
            out.append(next);
            used++;
        }
        return used < words.length ? out + ELLIPSIS : out.toString();
    }
}
