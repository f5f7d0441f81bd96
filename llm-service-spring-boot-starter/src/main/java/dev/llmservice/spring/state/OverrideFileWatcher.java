package dev.llmservice.spring.state;

import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.state.OverrideStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Applies the override state file to the running registry, so {@code llm-providers --disable grok} on the
 * host takes effect in the server within two poll intervals.
 *
 * <p>Every interval a daemon thread reads the file (it is a few hundred bytes: comparing content is cheaper
 * and more reliable than trusting modification times) and, when it differs from what was last seen, sets
 * each changed provider's override through {@link ProviderRegistry#setOverride}. The first poll applies the
 * whole file. An override changed in memory only is left alone until the file changes for that provider.
 * A provider named in the file but not registered is ignored. Reading never throws; a damaged file reads as
 * empty (core's rule) and is logged there.
 */
public class OverrideFileWatcher implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(OverrideFileWatcher.class);

    private final OverrideStore store;
    private final ProviderRegistry registry;
    private final Duration interval;
    private volatile ScheduledExecutorService scheduler;
    /** Only the scheduler thread touches this after start. */
    private Map<String, Boolean> lastSeen;

    /** @param interval time between polls; zero or negative: never started */
    public OverrideFileWatcher(OverrideStore store, ProviderRegistry registry, Duration interval) {
        this.store = Objects.requireNonNull(store, "store");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /** Reads the file once and applies what changed since the last poll; returns how many providers changed. */
    public synchronized int poll() {
        Map<String, Boolean> current = store.load();
        if (current.equals(lastSeen)) {
            return 0;
        }
        Set<String> names = new HashSet<>(current.keySet());
        if (lastSeen != null) {
            names.addAll(lastSeen.keySet());
        }
        int changed = 0;
        for (String name : names) {
            Boolean wanted = current.get(name);
            if (lastSeen != null && Objects.equals(wanted, lastSeen.get(name))) {
                continue;
            }
            ProviderEntry entry = registry.find(name).orElse(null);
            if (entry == null || Objects.equals(entry.override(), wanted)) {
                continue;
            }
            registry.setOverride(name, wanted);
            changed++;
            LOG.info("{}: override {} from the state file {}", name,
                    wanted == null ? "cleared" : (wanted ? "enabled" : "disabled"), store.location());
        }
        lastSeen = current;
        return changed;
    }

    @Override
    public void start() {
        if (interval.isZero() || interval.isNegative() || scheduler != null) {
            return;
        }
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "llm-state-watcher");
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(this::safePoll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = s;
        LOG.debug("watching {} every {} ms", store.location(), interval.toMillis());
    }

    private void safePoll() {
        try {
            poll();
        } catch (RuntimeException e) {
            // One bad poll must not cancel the schedule.
            LOG.warn("state file {}: could not apply overrides: {}", store.location(), e.toString());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService s = scheduler;
        scheduler = null;
        if (s != null) {
            s.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
