package dev.llmservice.shared;

import dev.llmservice.resilience.CircuitSharing;
import dev.llmservice.state.OverrideStore;

import java.util.Objects;

/** Nothing shared: {@link SharedState#local}. */
final class LocalSharedState implements SharedState {

    private final OverrideStore overrides;
    private final String replicaId;

    LocalSharedState(OverrideStore overrides, String replicaId) {
        this.overrides = Objects.requireNonNull(overrides, "overrides");
        this.replicaId = Objects.requireNonNull(replicaId, "replicaId");
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public OverrideStore overrides() {
        return overrides;
    }

    @Override
    public CircuitSharing circuits() {
        return CircuitSharing.LOCAL;
    }

    @Override
    public String replicaId() {
        return replicaId;
    }

    @Override
    public SharedStateHealth health() {
        return new SharedStateHealth(true, "local", replicaId, null);
    }

    @Override
    public void close() {
    }
}
