package dev.llmservice.spring.state;

import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.state.StateFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Applies the override state file (or the shared store, {@code LLM_STATE_URL}) to the running registry, so
 * {@code llm-providers --disable grok} on the host takes effect in the server within two poll intervals; a store that
 * announces changes ({@link OverrideStore#subscribe}, Redis) is read as soon as it does, the poll then being the
 * safety net.
 *
 * <p>Every interval a daemon thread reads the file (it is a few hundred bytes: comparing content is cheaper
 * and more reliable than trusting modification times) and, when it differs from what was last seen, sets
 * each changed provider's override through {@link ProviderRegistry#setOverride}. The first poll applies the
 * whole file. An override changed in memory only is left alone until the file changes for that provider.
 * A provider named in the file but not registered is ignored.
 *
 * <p>A file that cannot be read (damaged, a directory in its place) changes nothing: the overrides in effect, the
 * last good ones, stay until it can be read again, and then only what differs from those is applied. The store
 * remembers the problem for status and health ({@link OverrideStore#readFailure()}); an {@link ObservableOverrideStore}
 * logs it once, not at every poll.
 *
 * <p>This process's own writes to the file (the REST API's enable, disable, clear-override) must reach
 * {@link #recordWrite}: {@link #watching} arranges it when the store is an {@link ObservableOverrideStore}, as the
 * auto-configured factory's is. Without it, a write by the server that another process undoes before the next
 * poll (the server disables beta, the CLI on the host clears the override a moment later) would leave the file
 * exactly as the watcher last read it, and the server would keep its stale override for good.
 */
public class OverrideFileWatcher implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(OverrideFileWatcher.class);

    private final OverrideStore store;
    private final ProviderRegistry registry;
    private final Duration interval;
    private volatile ScheduledExecutorService scheduler;
    private volatile AutoCloseable subscription;
    /**
     * The file's content as last read, updated by this process's own writes; {@code null} before the first poll.
     * Guarded by {@code this}: {@link #poll} (the scheduler thread, or a caller) and {@link #recordWrite} (a
     * writing request thread) both hold the monitor.
     */
    private Map<String, Boolean> lastSeen;

    /** @param interval time between polls; zero or negative: never started */
    public OverrideFileWatcher(OverrideStore store, ProviderRegistry registry, Duration interval) {
        this.store = Objects.requireNonNull(store, "store");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /**
     * A watcher of {@code store} that, when the store is an {@link ObservableOverrideStore}, also hears of every
     * write this process makes through it (see {@link #recordWrite}).
     *
     * @param interval time between polls; zero or negative: never started
     */
    public static OverrideFileWatcher watching(OverrideStore store, ProviderRegistry registry, Duration interval) {
        OverrideFileWatcher watcher = new OverrideFileWatcher(store, registry, interval);
        if (store instanceof ObservableOverrideStore observable) {
            observable.addWriteListener(watcher::recordWrite);
        }
        return watcher;
    }

    /**
     * This process wrote {@code enabled} ({@code null}: removed) for {@code name} to the file and applied it
     * itself: from now on the watcher compares the file with that, so another process changing it back before
     * the next poll is a change the next poll applies. Before the first poll it does nothing (that poll applies
     * the whole file anyway).
     */
    public synchronized void recordWrite(String name, Boolean enabled) {
        if (lastSeen == null) {
            return;
        }
        String key = name.toLowerCase(Locale.ROOT);
        if (enabled == null) {
            lastSeen.remove(key);
        } else {
            lastSeen.put(key, enabled);
        }
    }

    /**
     * Reads the file once and applies what changed since the last good read; returns how many providers changed
     * (none when the file cannot be read).
     */
    public synchronized int poll() {
        Map<String, Boolean> current;
        try {
            current = store.load();
        } catch (StateFileException e) {
            // Fail closed: nothing is known about the file now, so the registry and lastSeen stay as they are.
            return 0;
        }
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
            LOG.info("{}: override {} from {}", name,
                    wanted == null ? "cleared" : (wanted ? "enabled" : "disabled"), store.location());
        }
        lastSeen = new HashMap<>(current);
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
        // Announced changes are read at once, on the watcher's own thread (so one poll at a time).
        subscription = store.subscribe(() -> {
            ScheduledExecutorService running = scheduler;
            if (running != null) {
                try {
                    running.execute(this::safePoll);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // Stopping.
                }
            }
        });
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
        AutoCloseable sub = subscription;
        subscription = null;
        if (sub != null) {
            try {
                sub.close();
            } catch (Exception e) {
                LOG.debug("state file {}: unsubscribing: {}", store.location(), e.toString());
            }
        }
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
