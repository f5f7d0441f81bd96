package dev.llmservice.spring.operations;

import dev.llmservice.config.ConfigProblem;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.registry.ProviderState;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.state.StateFileException;
import dev.llmservice.status.HealthStatus;
import dev.llmservice.status.ProviderCatalog;
import dev.llmservice.status.ProviderStatus;
import dev.llmservice.status.StatusSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The management operations behind both the REST API and the Actuator endpoint, so the two cannot drift:
 * status, enable, disable, clear-override, test, health check, re-initialise. Enable, disable and
 * clear-override persist in the override state file, exactly like the CLI's.
 *
 * <p>Thread-safe; every method reads one registry snapshot. Only {@link #test} and {@link #healthCheckAll}
 * do network I/O, each bounded by the providers' own timeouts.
 */
public class ProviderOperations {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderOperations.class);

    /** The prompt of {@link #test}: as cheap as a real generation gets. */
    public static final String TEST_PROMPT = "Reply with the single word OK.";
    /** How many words of the reply {@link #test} returns. */
    public static final int TEST_REPLY_WORDS = 12;

    private final ProviderFactory factory;
    private final ProviderRegistry registry;

    public ProviderOperations(ProviderFactory factory, ProviderRegistry registry) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public ProviderRegistry registry() {
        return registry;
    }

    /** Where the overrides are kept; {@link OverrideStore#readFailure()} tells whether it could be read. */
    public OverrideStore overrides() {
        return factory.overrides();
    }

    /**
     * The design's status summary, the same document as {@code llm-providers --status --json}, with the state
     * file and what was wrong with it at its last read (the watcher reads it every poll interval).
     */
    public StatusSummary status() {
        return StatusSummary.of(registry, factory.overrides());
    }

    /**
     * The provider types this server has and every variable they read: the document {@code llm-providers --list
     * --json} prints. No provider state; the same for every caller.
     */
    public ProviderCatalog catalog() {
        return ProviderCatalog.of(factory.types());
    }

    /** @throws dev.llmservice.registry.UnknownProviderException when no provider has that name */
    public ProviderStatus provider(String name) {
        return ProviderStatus.of(registry.get(name));
    }

    /**
     * Enables {@code name} in the state file, then now.
     *
     * @param force replace the state file if it is damaged (its content kept in {@code FILE.bak}) rather than
     *              refuse: the server then goes by the new file, which holds only this override
     * @throws dev.llmservice.registry.UnknownProviderException when no provider has that name
     * @throws ProviderNotConfiguredException when it has no key or invalid values: an override would change nothing
     * @throws StateFileException when the state file cannot be read (and is not to be replaced), is read-only or
     *                            cannot be written: nothing changed
     */
    public ProviderStatus enable(String name, boolean force) {
        requireConfigured(registry.get(name), "enabled");
        ProviderStatus status = setOverride(name, Boolean.TRUE, force);
        LOG.info("{}: enabled by an operator (override persisted in {})", status.name(), factory.overrides().location());
        return status;
    }

    /** Disables {@code name} in the state file, then now; same parameters and exceptions as {@link #enable}. */
    public ProviderStatus disable(String name, boolean force) {
        requireConfigured(registry.get(name), "disabled");
        ProviderStatus status = setOverride(name, Boolean.FALSE, force);
        LOG.info("{}: disabled by an operator (override persisted in {})", status.name(), factory.overrides().location());
        return status;
    }

    /**
     * Removes {@code name}'s override from the state file and now, so that {@code {PROVIDER}_ENABLED} (or the
     * default) decides again, as the CLI's {@code --clear-override}. Allowed whatever the configuration: an
     * override stored for a provider without a key can be removed too. Clearing where there is none changes
     * nothing and is no error.
     *
     * @param force as for {@link #enable}
     * @throws dev.llmservice.registry.UnknownProviderException when no provider has that name
     * @throws StateFileException as for {@link #enable}
     */
    public ProviderStatus clearOverride(String name, boolean force) {
        ProviderStatus status = setOverride(name, null, force);
        LOG.info("{}: override cleared by an operator (removed from {}); now {} ({})", status.name(),
                factory.overrides().location(), status.state(), status.stateSource());
        return status;
    }

    /** Writes without replacing a damaged state file; replaces it only when forced, and says so in the log. */
    private ProviderStatus setOverride(String name, Boolean enabled, boolean force) {
        try {
            return ProviderStatus.of(factory.setOverride(registry, name, enabled, false));
        } catch (StateFileException e) {
            if (!force || e.reason() != StateFileException.Reason.DAMAGED) {
                throw e;
            }
            ProviderStatus status = ProviderStatus.of(factory.setOverride(registry, name, enabled, true));
            LOG.warn("state file {}: {}; replaced as an operator asked (force), its old content kept in {}",
                    e.location(), e.problem(), e.backupLocation());
            return status;
        }
    }

    /**
     * A real, minimal generation with {@link #TEST_PROMPT}, enabled or not: it costs a few tokens. A vendor
     * failure is a result with {@code success = false}, not an exception.
     *
     * @throws dev.llmservice.registry.UnknownProviderException when no provider has that name
     * @throws ProviderNotConfiguredException when it has no instance to call
     */
    public ProviderTestResult test(String name) {
        ProviderEntry entry = registry.get(name);
        requireConfigured(entry, "tested");
        LlmProvider provider = entry.provider();
        long start = System.nanoTime();
        try {
            GenerationResult r = provider.generate(GenerationRequest.of(TEST_PROMPT));
            return new ProviderTestResult(entry.name(), r.model(), true, r.latency().toMillis(),
                    r.usage().inputTokens(), r.usage().outputTokens(), r.finishReason(),
                    scrub(firstWords(r.text())), null, null);
        } catch (ProviderException e) {
            return failed(entry, start, e.kind().code(), e.getMessage());
        } catch (RuntimeException e) {
            // The SPI promises classified failures; anything else is reported by type, never by message,
            // since an unclassified message has not been checked for secrets.
            return failed(entry, start, "other", "unexpected " + e.getClass().getSimpleName());
        }
    }

    /**
     * A health check of one configured provider, enabled or not, recorded in the registry.
     *
     * @throws dev.llmservice.registry.UnknownProviderException when no provider has that name
     * @throws ProviderNotConfiguredException when it has no instance to check
     */
    public HealthStatus healthCheck(String name) {
        ProviderEntry entry = registry.get(name);
        requireConfigured(entry, "checked");
        return scrub(HealthStatus.of(factory.healthCheck(registry, entry.name())));
    }

    /** Health checks of every enabled provider, in parallel; results are recorded in the registry. */
    public HealthCheckReport healthCheckAll() {
        Map<String, HealthCheckResult> results = factory.healthCheckAll(registry);
        Map<String, HealthStatus> shown = new LinkedHashMap<>();
        results.forEach((name, r) -> shown.put(name, scrub(HealthStatus.of(r))));
        int healthy = (int) results.values().stream().filter(HealthCheckResult::healthy).count();
        return new HealthCheckReport(results.size(), healthy, shown);
    }

    /**
     * Re-reads the environment and {@code .env} and swaps in a complete new set of providers; persisted
     * overrides are kept and re-applied, as in the CLI's {@code --reinit}.
     */
    public StatusSummary reinitialize() {
        factory.reinitialize(registry);
        StatusSummary summary = status();
        LOG.info("registry re-initialised: {} providers, {} available",
                summary.registry().totalProviders(), summary.registry().availableProviders());
        return summary;
    }

    /**
     * {@code text} with every configured API key replaced by its masked form. Provider messages promise never
     * to contain a key; this is the second line of defence for everything the service shows.
     */
    public String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (ProviderEntry entry : registry.snapshot()) {
            if (entry.config().config().isPresent()) {
                String key = entry.config().config().get().apiKey().reveal();
                if (result.contains(key)) {
                    result = result.replace(key, entry.config().maskedApiKey());
                }
            }
        }
        return result;
    }

    private HealthStatus scrub(HealthStatus h) {
        return h == null ? null : new HealthStatus(h.healthy(), h.latencyMs(), h.reason(), scrub(h.message()), h.checkedAt());
    }

    private ProviderTestResult failed(ProviderEntry entry, long startNanos, String kind, String message) {
        long ms = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        return new ProviderTestResult(entry.name(), entry.config().model(), false, ms, 0, 0, null, null,
                kind, scrub(message));
    }

    private static void requireConfigured(ProviderEntry entry, String verb) {
        if (entry.state() == ProviderState.NOT_CONFIGURED) {
            throw new ProviderNotConfiguredException(entry.name(), entry.name() + " cannot be " + verb
                    + ": it is not configured (" + entry.type().envPrefix() + "_API_KEY is not set)");
        }
        if (entry.state() == ProviderState.MISCONFIGURED) {
            throw new ProviderNotConfiguredException(entry.name(), entry.name() + " cannot be " + verb
                    + ": it is misconfigured: " + entry.config().problems().stream()
                    .map(ConfigProblem::message).collect(Collectors.joining("; ")));
        }
    }

    private static String firstWords(String text) {
        String[] words = text.strip().split("\\s+");
        if (words.length <= TEST_REPLY_WORDS) {
            return text.strip();
        }
        return String.join(" ", Arrays.copyOf(words, TEST_REPLY_WORDS)) + " \u2026";
    }
}
