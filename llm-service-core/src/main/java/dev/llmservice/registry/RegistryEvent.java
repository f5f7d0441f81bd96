package dev.llmservice.registry;

/**
 * A change to the registry, delivered after it took effect.
 *
 * @param type     what happened
 * @param name     the provider's name
 * @param previous the entry before; {@code null} for ADDED
 * @param current  the entry after; {@code null} for REMOVED
 */
public record RegistryEvent(Type type, String name, ProviderEntry previous, ProviderEntry current) {

    public enum Type { ADDED, REMOVED, REPLACED }
}
