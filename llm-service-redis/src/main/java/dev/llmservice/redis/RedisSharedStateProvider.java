package dev.llmservice.redis;

import dev.llmservice.shared.SharedState;
import dev.llmservice.shared.SharedStateProvider;
import dev.llmservice.shared.SharedStateSettings;

import java.time.Clock;

/** Registered for {@link java.util.ServiceLoader}: serves every {@code redis://} and {@code rediss://} URL. */
public final class RedisSharedStateProvider implements SharedStateProvider {

    @Override
    public boolean supports(SharedStateSettings settings) {
        return settings.url() != null;
    }

    @Override
    public SharedState open(SharedStateSettings settings, Clock clock) {
        return new RedisSharedState(settings, clock);
    }
}
