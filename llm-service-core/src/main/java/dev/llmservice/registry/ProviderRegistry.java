package dev.llmservice.registry;

import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.registry.internal.InMemoryProviderRegistry;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Holds the providers by name. Thread-safe: readers see one consistent {@link #snapshot()}; every change
 * replaces the whole snapshot atomically. No method does network I/O.
 */
public interface ProviderRegistry {

    /** The process-wide registry, created empty on first use. */
    static ProviderRegistry global() {
        return InMemoryProviderRegistry.GLOBAL;
    }

    /** A new, empty registry. */
    static ProviderRegistry create() {
        return new InMemoryProviderRegistry();
    }

    /** Every entry at one instant, in registration order. */
    List<ProviderEntry> snapshot();

    /** The entry named {@code name} (case-insensitive). */
    Optional<ProviderEntry> find(String name);

    /** The entry named {@code name}, or {@link UnknownProviderException}. */
    default ProviderEntry get(String name) {
        return find(name).orElseThrow(() -> new UnknownProviderException(name, names()));
    }

    /** The instance of a provider, when it has one (configured), whether enabled or not. */
    default Optional<LlmProvider> provider(String name) {
        return find(name).flatMap(ProviderEntry::providerInstance);
    }

    /** All names, in registration order. */
    default List<String> names() {
        return snapshot().stream().map(ProviderEntry::name).toList();
    }

    /** The providers callers may use now: enabled, circuit not open. */
    default List<LlmProvider> available() {
        return snapshot().stream().filter(ProviderEntry::available).map(ProviderEntry::provider).toList();
    }

    /**
     * The providers that are switched on, whatever their circuit: what a consensus request asks, so that a
     * provider with an open circuit shows as a {@code skipped} vote ({@code circuit_open}) rather than vanishing.
     */
    default List<LlmProvider> enabled() {
        return snapshot().stream().filter(e -> e.state() == ProviderState.ENABLED).map(ProviderEntry::provider).toList();
    }

    /** Sets a runtime override: enabled. Configuration problems still win. */
    ProviderEntry enable(String name);

    /** Sets a runtime override: disabled. */
    ProviderEntry disable(String name);

    /**
     * Sets ({@code true}/{@code false}) or clears ({@code null}) the runtime override, and resets the provider's
     * circuit breaker: enabling a provider whose circuit is open closes it.
     */
    ProviderEntry setOverride(String name, Boolean enabled);

    /** Records the result of a health check on the provider it names; ignored for unknown names. */
    void recordHealth(HealthCheckResult result);

    /** Replaces every entry at once; readers see either the old or the new set, never a mix. */
    void replaceAll(Collection<ProviderEntry> entries);

    /** Listens to changes; the listener runs on the changing thread after the change, outside any lock. */
    void addListener(Consumer<RegistryEvent> listener);
}
