package dev.llmservice.resilience;

import java.util.Optional;

/**
 * How a {@link CircuitBreaker} shares its openings with the other replicas of a service, so that a vendor one replica
 * found failing is skipped by all of them, and after the cool-down exactly one replica probes it for all. The
 * default, {@link #LOCAL}, shares nothing: each breaker decides alone, as in a single process. A shared
 * implementation (the {@code llm-service-redis} module's, chosen by {@code LLM_STATE_URL}) keeps a local copy of
 * every opening, updated as other replicas publish theirs.
 *
 * <p>Contract, for the breaker's sake:
 * <ul>
 *   <li>{@link #current} is asked on every call: it must answer from memory, never wait on the network;</li>
 *   <li>{@link #opened} and {@link #closed} take effect in {@link #current} at once, in this process, and reach the
 *       other replicas without the caller waiting (a failure to publish is the implementation's to log and
 *       retry: the breaker goes on with its local state);</li>
 *   <li>{@link #tryProbe} may wait on the network, briefly; it is asked once per cool-down per replica. When the
 *       other replicas cannot be asked, it answers {@code true}: every replica then probes once, as without sharing,
 *       rather than none.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface CircuitSharing {

    /** Shares nothing: every breaker decides alone. */
    CircuitSharing LOCAL = new CircuitSharing() {
        @Override
        public String replicaId() {
            return null;
        }

        @Override
        public Optional<CircuitOpening> current(String provider) {
            return Optional.empty();
        }

        @Override
        public void opened(String provider, CircuitOpening opening) {
        }

        @Override
        public void closed(String provider, CircuitOpening opening) {
        }

        @Override
        public boolean tryProbe(String provider, CircuitOpening opening) {
            return true;
        }

        @Override
        public String toString() {
            return "CircuitSharing.LOCAL";
        }
    };

    /** This replica's id, as {@link CircuitOpening#openedBy()} shows it; {@code null} for {@link #LOCAL}. */
    String replicaId();

    /** The opening of {@code provider}'s circuit that the replicas know of now; empty when it is closed for all. */
    Optional<CircuitOpening> current(String provider);

    /** This replica opened {@code provider}'s circuit (or opened it again after a failed probe). */
    void opened(String provider, CircuitOpening opening);

    /**
     * {@code provider}'s circuit closed here (its probe succeeded, or it was reset by enable, disable or
     * re-initialisation): {@code opening} is over for every replica, unless a newer one replaced it meanwhile.
     */
    void closed(String provider, CircuitOpening opening);

    /**
     * Asks to be the one replica that probes {@code provider} after {@code opening}'s cool-down; {@code true} for
     * exactly one replica (or for each when the others cannot be asked).
     */
    boolean tryProbe(String provider, CircuitOpening opening);
}
