package dev.llmservice.shared;

import dev.llmservice.consensus.ConsensusCache;
import dev.llmservice.ratelimit.RateLimitBuckets;
import dev.llmservice.resilience.CircuitSharing;
import dev.llmservice.state.OverrideStore;

import java.time.Clock;
import java.util.Objects;

/** Nothing shared: {@link SharedState#local}. */
final class LocalSharedState implements SharedState {

    private final OverrideStore overrides;
    private final String replicaId;
    private final RateLimitBuckets rateLimits;
    private final ConsensusCache consensusCache;

    LocalSharedState(OverrideStore overrides, String replicaId, Clock clock) {
        this.overrides = Objects.requireNonNull(overrides, "overrides");
        this.replicaId = Objects.requireNonNull(replicaId, "replicaId");
        this.rateLimits = RateLimitBuckets.inProcess(clock);
        this.consensusCache = ConsensusCache.inProcess(clock);
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
    public RateLimitBuckets rateLimits() {
        return rateLimits;
    }

    @Override
    public ConsensusCache consensusCache() {
        return consensusCache;
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
