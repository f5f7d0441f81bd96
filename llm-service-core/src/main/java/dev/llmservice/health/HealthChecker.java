package dev.llmservice.health;

import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.registry.ProviderState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs providers' health checks in parallel, so checking four providers takes about as long as the slowest
 * one, and records each result in the registry.
 *
 * <p>Each check is bounded by its provider's timeout plus a grace ({@link #GRACE} unless given): a provider that ignores its own
 * timeout is reported as {@link FailureKind#TIMEOUT}, never waited for forever. A caller with a deadline of its own
 * (the CLI's {@code --health-check --timeout}) passes an overall limit that cuts every check shorter.
 */
public final class HealthChecker {

    private static final Logger LOG = LoggerFactory.getLogger(HealthChecker.class);

    /** Extra time beyond a provider's own timeout before the checker gives up on it. */
    public static final Duration GRACE = Duration.ofSeconds(2);

    private final Clock clock;
    private final Duration grace;

    public HealthChecker() {
        this(Clock.systemUTC());
    }

    public HealthChecker(Clock clock) {
        this(clock, GRACE);
    }

    /**
     * @param clock stamps the results
     * @param grace extra time beyond a provider's own timeout before it is reported as timed out; not negative
     */
    public HealthChecker(Clock clock, Duration grace) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.grace = Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, but was " + grace);
        }
    }

    /**
     * Checks every provider that has an instance and is enabled; disabled and unconfigured ones are skipped. An
     * enabled provider whose circuit is open is included: it reports {@code circuit_open} without calling the vendor.
     *
     * @param onResult called exactly once per provider checked (for progress output): on the checking thread as
     *                 each check finishes, or on the calling thread for one that timed out; if it throws, the
     *                 failure is logged and the results are unchanged
     * @return provider name to result, in registry order
     */
    public Map<String, HealthCheckResult> checkAll(ProviderRegistry registry, Consumer<HealthCheckResult> onResult) {
        return checkAll(registry, onResult, null);
    }

    /**
     * As {@link #checkAll(ProviderRegistry, Consumer)}, but over within {@code limit}: a check still running then is
     * reported as {@link FailureKind#TIMEOUT} ({@code no answer within 2000 ms}), however long its provider's own
     * timeout.
     *
     * @param limit how long all the checks together may take, counted from this call; {@code null} for no limit but
     *              each provider's own
     */
    public Map<String, HealthCheckResult> checkAll(
            ProviderRegistry registry, Consumer<HealthCheckResult> onResult, Duration limit) {
        if (limit != null && (limit.isNegative() || limit.isZero())) {
            throw new IllegalArgumentException("limit must be greater than 0, but was " + limit);
        }
        List<LlmProvider> targets = new ArrayList<>();
        for (ProviderEntry entry : registry.snapshot()) {
            if (entry.state() == ProviderState.ENABLED && entry.provider() != null) {
                targets.add(entry.provider());
            }
        }
        return check(registry, targets, onResult, limit);
    }

    /** Checks one provider (enabled or not, as long as it is configured) and records the result. */
    public HealthCheckResult checkOne(ProviderRegistry registry, String name) {
        ProviderEntry entry = registry.get(name);
        LlmProvider provider = entry.providerInstance().orElseThrow(() -> new IllegalStateException(
                name + " cannot be checked: it is " + entry.state().code().replace('_', ' ')));
        return check(registry, List.of(provider), r -> { }, null).get(entry.name());
    }

    private Map<String, HealthCheckResult> check(ProviderRegistry registry, List<LlmProvider> targets,
                                                 Consumer<HealthCheckResult> onResult, Duration overall) {
        Map<String, HealthCheckResult> results = new LinkedHashMap<>();
        if (targets.isEmpty()) {
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(targets.size(), r -> {
            Thread t = new Thread(r, "llm-health-check");
            t.setDaemon(true);
            return t;
        });
        try {
            // Every limit counts from here: waiting for the results one after another must not add them up.
            long started = System.nanoTime();
            List<Pending> pending = new ArrayList<>();
            for (LlmProvider provider : targets) {
                CompletableFuture<HealthCheckResult> check = CompletableFuture.supplyAsync(() -> safeCheck(provider), pool);
                // The callback runs before the result is handed on, so every call has happened when this method
                // returns; it is told nothing of a check that was cancelled (await tells it of the timeout).
                CompletableFuture<HealthCheckResult> told = check.whenComplete((r, e) -> {
                    if (r != null) {
                        tell(onResult, r);
                    }
                });
                pending.add(new Pending(provider, check, told));
            }
            for (Pending p : pending) {
                HealthCheckResult result = await(p, started, overall, onResult);
                registry.recordHealth(result);
                results.put(p.provider().name(), result);
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private HealthCheckResult safeCheck(LlmProvider provider) {
        long start = System.nanoTime();
        try {
            HealthCheckResult result = provider.healthCheck();
            if (result == null) {
                return HealthCheckResult.unhealthy(provider.name(), Duration.ofNanos(System.nanoTime() - start),
                        FailureKind.BAD_RESPONSE, "health check returned no result", clock.instant());
            }
            return result;
        } catch (RuntimeException e) {
            // The SPI says healthCheck never throws; a provider that does is reported, not propagated.
            return HealthCheckResult.unhealthy(provider.name(), Duration.ofNanos(System.nanoTime() - start),
                    FailureKind.OTHER, "health check failed: " + e.getClass().getSimpleName(), clock.instant());
        }
    }

    private HealthCheckResult await(Pending p, long started, Duration overall, Consumer<HealthCheckResult> onResult) {
        LlmProvider provider = p.provider();
        Duration own = provider.config().timeout().plus(grace);
        Duration limit = overall != null && overall.compareTo(own) < 0 ? overall : own;
        long remaining = Math.max(0, limit.toNanos() - (System.nanoTime() - started));
        try {
            return p.told().get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return abandon(p, onResult, HealthCheckResult.unhealthy(provider.name(), limit, FailureKind.TIMEOUT,
                    "no answer within " + limit.toMillis() + " ms", clock.instant()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return abandon(p, onResult, HealthCheckResult.unhealthy(provider.name(), Duration.ZERO, FailureKind.OTHER,
                    "interrupted", clock.instant()));
        } catch (ExecutionException e) {
            return HealthCheckResult.unhealthy(provider.name(), Duration.ZERO, FailureKind.OTHER,
                    "health check failed: " + e.getCause().getClass().getSimpleName(), clock.instant());
        }
    }

    /**
     * Gives up on a check and reports {@code instead}, unless the check finished in the meantime: then its own
     * result stands (and the callback has been or is being told of it), so the callback hears exactly once.
     */
    private static HealthCheckResult abandon(Pending p, Consumer<HealthCheckResult> onResult, HealthCheckResult instead) {
        if (p.check().cancel(true)) {
            tell(onResult, instead);
            return instead;
        }
        try {
            return p.told().join();
        } catch (RuntimeException e) {
            return instead;
        }
    }

    /** Progress output that fails must not change any result. */
    private static void tell(Consumer<HealthCheckResult> onResult, HealthCheckResult result) {
        try {
            onResult.accept(result);
        } catch (RuntimeException e) {
            LOG.warn("health-check callback failed on {}: {}", result.provider(), e.toString());
        }
    }

    private record Pending(
            LlmProvider provider, CompletableFuture<HealthCheckResult> check, CompletableFuture<HealthCheckResult> told) {
    }
}
