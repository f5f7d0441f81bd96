package dev.llmservice.shared;

import dev.llmservice.resilience.CircuitSharing;
import dev.llmservice.state.OverrideStore;

/**
 * What the replicas of a service share, opened once per process by {@link SharedStates#open} and closed at its end:
 * the overrides ({@code --enable}/{@code --disable}) and the circuit breakers' openings. Without
 * {@code LLM_STATE_URL} nothing is shared ({@link #local}): the overrides are the state file's, the circuits this
 * process's. With it, an implementation found through {@link SharedStateProvider} (the {@code llm-service-redis}
 * module) keeps them in Redis.
 *
 * <p>What a shared implementation promises: nothing here makes a caller wait on the network for long; while the
 * shared store cannot be reached, the overrides stay as last known and the circuits decide locally, and once it is
 * back the replicas converge within seconds. {@link #health()} says which it is now.
 *
 * <p>More shared concerns (rate limits, a consensus cache) belong here too, each as a core interface with a local
 * default and a shared implementation.
 */
public interface SharedState extends AutoCloseable {

    /**
     * Nothing shared: the overrides in {@code fileStore}, every circuit decided in this process.
     *
     * @param replicaId this process's id, for status
     */
    static SharedState local(OverrideStore fileStore, String replicaId) {
        return new LocalSharedState(fileStore, replicaId);
    }

    /** Whether the state is shared with other replicas ({@code LLM_STATE_URL} is set). */
    boolean shared();

    /** Where the overrides live: the state file, or the shared store. */
    OverrideStore overrides();

    /** How the circuit breakers share their openings; {@link CircuitSharing#LOCAL} when nothing is shared. */
    CircuitSharing circuits();

    /** This replica's id ({@code LLM_INSTANCE_ID}, else {@code host:pid}). */
    String replicaId();

    /** Whether the shared store can be reached now; asks nothing of the network. */
    SharedStateHealth health();

    /** Releases connections; the overrides and circuits must not be used after. Never throws. */
    @Override
    void close();
}
