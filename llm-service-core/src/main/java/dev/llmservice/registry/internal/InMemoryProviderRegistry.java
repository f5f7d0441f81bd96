package dev.llmservice.registry.internal;

import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.registry.RegistryEvent;
import dev.llmservice.registry.UnknownProviderException;
import dev.llmservice.resilience.CircuitBreaker;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The default registry.
 *
 * <p>Concurrency rule: the whole name-to-entry map is one immutable snapshot in an {@link AtomicReference};
 * every change computes a new map and swaps it in with compare-and-set (the update functions are pure and
 * may be retried). No lock is held, and listeners run after the swap.
 */
public final class InMemoryProviderRegistry implements ProviderRegistry {

    public static final InMemoryProviderRegistry GLOBAL = new InMemoryProviderRegistry();

    private final AtomicReference<Map<String, ProviderEntry>> entries = new AtomicReference<>(Map.of());
    private final List<Consumer<RegistryEvent>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public List<ProviderEntry> snapshot() {
        return List.copyOf(entries.get().values());
    }

    @Override
    public Optional<ProviderEntry> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(entries.get().get(key(name)));
    }

    @Override
    public ProviderEntry enable(String name) {
        return setOverride(name, Boolean.TRUE);
    }

    @Override
    public ProviderEntry disable(String name) {
        return setOverride(name, Boolean.FALSE);
    }

    @Override
    public ProviderEntry setOverride(String name, Boolean enabled) {
        ProviderEntry after = update(name, entry -> entry.withOverride(enabled), true);
        // After the swap, outside the (pure, retryable) update: an operator's enable or disable starts afresh.
        after.circuitBreaker().ifPresent(CircuitBreaker::reset);
        return after;
    }

    @Override
    public void recordHealth(HealthCheckResult result) {
        Objects.requireNonNull(result, "result");
        // Checked inside the compare-and-set loop, not before it: a replaceAll in between may remove the entry.
        update(result.provider(), entry -> entry.withHealth(result), false);
    }

    @Override
    public void replaceAll(Collection<ProviderEntry> newEntries) {
        Map<String, ProviderEntry> next = new LinkedHashMap<>();
        for (ProviderEntry entry : newEntries) {
            if (next.putIfAbsent(key(entry.name()), entry) != null) {
                throw new IllegalArgumentException("two providers are named '" + entry.name() + "'");
            }
        }
        Map<String, ProviderEntry> previous = entries.getAndSet(java.util.Collections.unmodifiableMap(next));
        for (Map.Entry<String, ProviderEntry> old : previous.entrySet()) {
            ProviderEntry now = next.get(old.getKey());
            publish(now == null
                    ? new RegistryEvent(RegistryEvent.Type.REMOVED, old.getKey(), old.getValue(), null)
                    : new RegistryEvent(RegistryEvent.Type.REPLACED, old.getKey(), old.getValue(), now));
        }
        for (Map.Entry<String, ProviderEntry> added : next.entrySet()) {
            if (!previous.containsKey(added.getKey())) {
                publish(new RegistryEvent(RegistryEvent.Type.ADDED, added.getKey(), null, added.getValue()));
            }
        }
    }

    @Override
    public void addListener(Consumer<RegistryEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Applies {@code change} to the entry named {@code name}; when there is none, throws or returns {@code null}. */
    private ProviderEntry update(String name, UnaryOperator<ProviderEntry> change, boolean mustExist) {
        String key = key(Objects.requireNonNull(name, "name"));
        while (true) {
            Map<String, ProviderEntry> current = entries.get();
            ProviderEntry before = current.get(key);
            if (before == null) {
                if (!mustExist) {
                    return null;
                }
                throw new UnknownProviderException(name, current.keySet());
            }
            ProviderEntry after = change.apply(before);
            Map<String, ProviderEntry> next = new LinkedHashMap<>(current);
            next.put(key, after);
            if (entries.compareAndSet(current, java.util.Collections.unmodifiableMap(next))) {
                publish(new RegistryEvent(RegistryEvent.Type.REPLACED, key, before, after));
                return after;
            }
        }
    }

    private void publish(RegistryEvent event) {
        for (Consumer<RegistryEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // A faulty listener must not undo or block a change that already took effect.
                org.slf4j.LoggerFactory.getLogger(InMemoryProviderRegistry.class)
                        .warn("registry listener failed on {} {}: {}", event.type(), event.name(), e.toString());
            }
        }
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
