package dev.llmservice.spring.actuate;

import dev.llmservice.shared.SharedState;
import dev.llmservice.shared.SharedStateHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The shared state's health contributor ({@value #NAME}): DOWN while the Redis of {@code LLM_STATE_URL} cannot be
 * reached (the reason says since when and why), UP otherwise, and always UP without {@code LLM_STATE_URL}. It asks
 * nothing of the network: the shared state knows from its last command (re-read every second).
 *
 * <p>The server puts it in the readiness group ({@code /actuator/health/readiness}), not in liveness: a replica that
 * lost Redis still answers (with local circuits and the last overrides) and must not be restarted, but a load balancer
 * should prefer the others. Details: {@code location} (the URL, password masked, or {@code local}), {@code replica},
 * {@code reason}.
 */
public class SharedStateHealthIndicator implements HealthIndicator {

    /** The contributor's name. */
    public static final String NAME = "sharedState";

    private final SharedState state;

    public SharedStateHealthIndicator(SharedState state) {
        this.state = state;
    }

    @Override
    public Health health() {
        SharedStateHealth h = state.health();
        Health.Builder health = (h.up() ? Health.up() : Health.down())
                .withDetail("location", h.location())
                .withDetail("replica", h.replicaId());
        if (h.reason() != null) {
            health.withDetail("reason", h.reason());
        }
        return health.build();
    }
}
