package dev.llmservice.shared;

import dev.llmservice.consensus.ConsensusCache;
import dev.llmservice.ratelimit.RateLimitBuckets;
import dev.llmservice.resilience.CircuitSharing;
import dev.llmservice.state.OverrideStore;

import java.time.Clock;

/**
 * What the replicas of a service share, opened once per process by {@link SharedStates#open} and closed at its end:
 * the overrides ({@code --enable}/{@code --disable}), the circuit breakers' openings, the vendor rate limits' buckets
 * and the consensus cache (one spend per candle). Without {@code LLM_STATE_URL} nothing is shared ({@link #local}):
 * the overrides are the state file's, the circuits, limits and cache this process's. With it, an implementation found
 * through {@link SharedStateProvider} (the {@code llm-service-redis} module) keeps them in Redis.
 *
 * <p>What a shared implementation promises: nothing here makes a caller wait on the network for long; while the
 * shared store cannot be reached, the overrides stay as last known and the circuits decide locally, the rate limits are kept by each process on its own and the consensus cache is
 * this process's, and once it is back the replicas converge within seconds. {@link #health()} says which it is now.
 *
 * <p>Each shared concern is a core interface with a local default and a shared implementation.
 */
public interface SharedState extends AutoCloseable {

    /**
     * Nothing shared: the overrides in {@code fileStore}, every circuit decided in this process, the rate limits'
     * buckets in its memory ({@link RateLimitBuckets#inProcess}) and its own consensus cache
     * ({@link ConsensusCache#inProcess}).
     *
     * @param replicaId this process's id, for status
     * @param clock     the time of the buckets and of the cache's expiries
     */
    static SharedState local(OverrideStore fileStore, String replicaId, Clock clock) {
        return new LocalSharedState(fileStore, replicaId, clock);
    }

    /** Whether the state is shared with other replicas ({@code LLM_STATE_URL} is set). */
    boolean shared();

    /** Where the overrides live: the state file, or the shared store. */
    OverrideStore overrides();

    /** How the circuit breakers share their openings; {@link CircuitSharing#LOCAL} when nothing is shared. */
    CircuitSharing circuits();

    /**
     * Where the vendor rate limits ({@code P_RPM}, {@code P_TPM}) are counted, for every {@code RateLimiter} of this
     * process: shared by the replicas, or this process's ({@link RateLimitBuckets#inProcess}). A shared store that
     * cannot be reached is never a call let through without a limit: the process keeps the limits on its own meanwhile.
     */
    RateLimitBuckets rateLimits();

    /**
     * Where identical consensus requests meet (one spend per candle): across the replicas, or in this process
     * ({@link ConsensusCache#inProcess}). A shared store that cannot be reached makes it this process's meanwhile.
     */
    ConsensusCache consensusCache();

    /** This replica's id ({@code LLM_INSTANCE_ID}, else {@code host:pid}). */
    String replicaId();

    /** Whether the shared store can be reached now; asks nothing of the network. */
    SharedStateHealth health();

    /** Releases connections; the overrides and circuits must not be used after. Never throws. */
    @Override
    void close();
}
