package dev.llmservice.resilience;

import dev.llmservice.provider.FailureKind;
import dev.llmservice.resilience.internal.CircuitBreakerStateMachine;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * One provider's circuit breaker: after repeated failures it <em>opens</em> and calls fail fast, without I/O, until
 * a cool-down has passed; then it is <em>half-open</em> and lets exactly one call through as a probe, whose success
 * closes it and whose failure opens it again. What counts as a failure, and how many open it, is in
 * {@link CircuitBreakerConfig}; a rejected key opens it at once.
 *
 * <pre>
 *            N consecutive failures, or a rejected key
 *   CLOSED ─────────────────────────────────────────────▶ OPEN ◀──────────────┐
 *     ▲                                                    │ cool-down passed  │ probe failed
 *     │ probe succeeded                                    ▼                   │
 *     └──────────────────────────────────────────────── HALF_OPEN ─────────────┘
 *                                  reset() (enable, disable, re-initialise): CLOSED from anywhere
 * </pre>
 *
 * <p>Thread-safe and lock-free: the whole state is one immutable value swapped by compare-and-set, so reading it
 * ({@link #state()}, {@link #snapshot()}) never blocks and never waits on a call in flight. Outcomes of calls that
 * began before the state last changed (a call still running when the circuit opened, a probe overtaken by a reset)
 * are ignored.
 */
public interface CircuitBreaker {

    /** A breaker named {@code name} (the provider's name), timed by {@code clock}. */
    static CircuitBreaker of(String name, CircuitBreakerConfig config, Clock clock) {
        return of(name, config, clock, CircuitSharing.LOCAL);
    }

    /**
     * A breaker that shares its openings with other replicas through {@code sharing}: it opens when another replica's
     * breaker of the same name opens, closes when that one's probe succeeds, and probes only when {@code sharing}
     * lets it ({@link CircuitSharing#tryProbe}).
     */
    static CircuitBreaker of(String name, CircuitBreakerConfig config, Clock clock, CircuitSharing sharing) {
        return new CircuitBreakerStateMachine(name, config, clock, sharing);
    }

    /** The provider's name. */
    String name();

    CircuitBreakerConfig config();

    /** The state now; an open circuit whose cool-down has passed reads {@link CircuitState#HALF_OPEN}. */
    default CircuitState state() {
        return snapshot().state();
    }

    /** The state now with its details, read at once. */
    Snapshot snapshot();

    /**
     * Runs {@code call} if the circuit lets it through and records its outcome.
     *
     * @throws CircuitOpenException without running {@code call}, when open (or half-open with its probe in flight)
     */
    <T> T execute(Supplier<T> call);

    /** Closes the circuit and forgets every failure. */
    void reset();

    /**
     * The state of a breaker at one instant.
     *
     * @param state               the state
     * @param consecutiveFailures failed calls in a row that counted (the ones that opened it, while open)
     * @param openedAt            when it last opened; {@code null} when closed
     * @param retryAt             when an open circuit lets a probe through; {@code null} when closed
     * @param probeInFlight       whether a half-open circuit's one probe call is running
     * @param lastFailure         the kind of the last failure that counted, or {@code null}
     * @param lastFailureMessage  its message (never contains a key), or {@code null}
     * @param openedBy            the replica that opened it when circuits are shared ({@link CircuitSharing}), else
     *                            {@code null}
     */
    record Snapshot(CircuitState state, int consecutiveFailures, Instant openedAt, Instant retryAt,
                    boolean probeInFlight, FailureKind lastFailure, String lastFailureMessage, String openedBy) {

        /** A snapshot of a circuit that is not shared. */
        public Snapshot(CircuitState state, int consecutiveFailures, Instant openedAt, Instant retryAt,
                        boolean probeInFlight, FailureKind lastFailure, String lastFailureMessage) {
            this(state, consecutiveFailures, openedAt, retryAt, probeInFlight, lastFailure, lastFailureMessage, null);
        }

        /** Whether calls fail fast now. */
        public boolean open() {
            return state == CircuitState.OPEN;
        }

        /**
         * One line for status and health output; {@code null} for a closed circuit with no failure counted, e.g.
         * {@code open after 5 consecutive failures (last: unavailable); calls fail fast until 2025-06-01T12:00:30Z};
         * a shared circuit also says who opened it and when: {@code open after 5 consecutive failures (last:
         * unavailable), opened by web-2:4242 at 2025-06-01T12:00:00Z; calls fail fast until 2025-06-01T12:00:30Z}.
         */
        public String describe() {
            String last = (lastFailure == null ? "" : " (last: " + lastFailure.label() + ")")
                    + (openedBy == null || state == CircuitState.CLOSED ? ""
                        : ", opened by " + openedBy + " at " + openedAt);
            String failures = consecutiveFailures == 1 ? "1 failure" : consecutiveFailures + " consecutive failures";
            return switch (state) {
                case CLOSED -> consecutiveFailures == 0 ? null : "closed; " + failures + last;
                case OPEN -> "open after " + failures + last + "; calls fail fast until " + retryAt;
                case HALF_OPEN -> probeInFlight
                        ? "half-open after " + failures + last + "; a probe call is in flight"
                        : "half-open after " + failures + last + "; the next call is a probe";
            };
        }
    }
}
