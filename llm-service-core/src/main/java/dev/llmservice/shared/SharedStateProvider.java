package dev.llmservice.shared;

import java.time.Clock;

/**
 * A kind of shared state store, found with {@link java.util.ServiceLoader} by {@link SharedStates}: the
 * {@code llm-service-redis} module registers the Redis one. Core itself has no Redis client.
 */
public interface SharedStateProvider {

    /** Whether this provider serves {@code settings.url()}. */
    boolean supports(SharedStateSettings settings);

    /**
     * Opens the shared state. An unreachable store is not a failure: the state opens, reports itself down in
     * {@link SharedState#health()} and connects when the store is back.
     *
     * @param clock the time of openings, warnings and health (injected for tests)
     * @throws SharedStateException when it cannot be opened at all (never because the store is down)
     */
    SharedState open(SharedStateSettings settings, Clock clock);
}
