package dev.llmservice.resilience.internal;

import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.resilience.CircuitBreaker;
import dev.llmservice.resilience.CircuitBreakerConfig;
import dev.llmservice.resilience.CircuitOpenException;
import dev.llmservice.resilience.CircuitOpening;
import dev.llmservice.resilience.CircuitSharing;
import dev.llmservice.resilience.CircuitState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The default {@link CircuitBreaker}.
 *
 * <p>Concurrency rule: the whole state is one immutable {@link State} in an {@link AtomicReference}; every change
 * computes the next state from the current one and swaps it in with compare-and-set (the functions are pure and may be
 * retried). No lock is held, ever, and nothing waits on a call in flight. Every change of state (open, half-open,
 * close, reset) starts a new <em>epoch</em>; a call remembers the epoch it was let through in, and its outcome is
 * ignored once the epoch has moved on. Log lines are written after the swap.
 *
 * <p>Shared circuits ({@link CircuitSharing} other than {@link CircuitSharing#LOCAL}): before every call and every
 * snapshot the state is reconciled with the opening the replicas know of ({@link CircuitSharing#current}, from
 * memory): another replica's opening is adopted (open, with its cool-down and who opened it), and an opening that is
 * over for the replicas (its probe succeeded elsewhere, or it was reset) closes the circuit here too. When the
 * cool-down is over, the replica that wins {@link CircuitSharing#tryProbe} probes; the others stay open and ask
 * again every {@link #PROBE_RECHECK} until the probe's verdict (a close, or a new opening) reaches them. Openings
 * and closes of this breaker are published after the swap, never under it.
 */
public final class CircuitBreakerStateMachine implements CircuitBreaker {

    /** How long a replica that lost the probe to another waits before it asks again (unless the verdict came). */
    public static final Duration PROBE_RECHECK = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    private final String name;
    private final CircuitBreakerConfig config;
    private final Clock clock;
    private final CircuitSharing sharing;
    private final AtomicReference<State> state;

    public CircuitBreakerStateMachine(String name, CircuitBreakerConfig config, Clock clock) {
        this(name, config, clock, CircuitSharing.LOCAL);
    }

    public CircuitBreakerStateMachine(String name, CircuitBreakerConfig config, Clock clock, CircuitSharing sharing) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sharing = Objects.requireNonNull(sharing, "sharing");
        this.state = new AtomicReference<>(State.closed(0));
    }

    /**
     * The stored state; an open one whose cool-down has passed is still stored as open until a call arrives.
     * {@code openedBy} is the replica that opened it when circuits are shared, else {@code null}; {@code shared}
     * says that the replicas know of the opening (it was adopted, or published), so that its absence from
     * {@link CircuitSharing#current} means it is over, not that it is still on its way.
     */
    private record State(CircuitState kind, long epoch, int failures, Instant openedAt, Instant retryAt,
                         boolean probing, FailureKind lastKind, String lastMessage, String openedBy,
                         boolean shared) {

        static State closed(long epoch) {
            return new State(CircuitState.CLOSED, epoch, 0, null, null, false, null, null, null, false);
        }

        static State adopted(CircuitOpening o, long epoch) {
            return new State(CircuitState.OPEN, epoch, o.consecutiveFailures(), o.openedAt(), o.retryAt(), false,
                    o.lastFailure(), o.lastFailureMessage(), o.openedBy(), true);
        }

        State counted(int n, ProviderException failure) {
            return new State(kind, epoch, n, openedAt, retryAt, probing, failure.kind(), failure.getMessage(),
                    openedBy, shared);
        }

        State opened(Instant now, Duration coolDown, int n, ProviderException failure, String by) {
            return new State(CircuitState.OPEN, epoch + 1, n, now, now.plus(coolDown), false, failure.kind(),
                    failure.getMessage(), by, false);
        }

        State published() {
            return new State(kind, epoch, failures, openedAt, retryAt, probing, lastKind, lastMessage, openedBy, true);
        }

        State probing(boolean inFlight, long newEpoch) {
            return new State(CircuitState.HALF_OPEN, newEpoch, failures, openedAt, retryAt, inFlight, lastKind,
                    lastMessage, openedBy, shared);
        }

        /** Open again until {@code until}, the same opening: another replica probes it. */
        State waitingFor(Instant until) {
            return new State(CircuitState.OPEN, epoch + 1, failures, openedAt, until, false, lastKind, lastMessage,
                    openedBy, shared);
        }

        /** The opening as the replicas share it; {@code null} when closed or not shared. */
        CircuitOpening opening() {
            return kind == CircuitState.CLOSED || openedBy == null || lastKind == null ? null
                    : new CircuitOpening(openedBy, openedAt, retryAt, failures, lastKind, lastMessage);
        }
    }

    /** What a call was let through as. */
    private record Permit(long epoch, boolean probe) {
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CircuitBreakerConfig config() {
        return config;
    }

    @Override
    public Snapshot snapshot() {
        return snapshot(reconciled(), clock.instant());
    }

    private static Snapshot snapshot(State s, Instant now) {
        CircuitState shown = s.kind() == CircuitState.OPEN && !now.isBefore(s.retryAt()) ? CircuitState.HALF_OPEN
                : s.kind();
        return new Snapshot(shown, s.failures(), s.openedAt(), s.retryAt(), s.probing(), s.lastKind(),
                s.lastMessage(), s.openedBy());
    }

    /** The state, first brought in line with what the replicas know (see the class comment); no I/O. */
    private State reconciled() {
        while (true) {
            State s = state.get();
            if (sharing == CircuitSharing.LOCAL) {
                return s;
            }
            Optional<CircuitOpening> shared = sharing.current(name);
            CircuitOpening mine = s.opening();
            State next;
            if (shared.isPresent()) {
                CircuitOpening o = shared.get();
                if (o.sameAs(mine) || (mine != null && o.openedAt().isBefore(mine.openedAt()))) {
                    return s;  // ours, or older than ours (ours is on its way to the others)
                }
                next = State.adopted(o, s.epoch() + 1);
            } else if (mine != null && s.shared()) {
                next = State.closed(s.epoch() + 1);
            } else {
                return s;
            }
            if (state.compareAndSet(s, next)) {
                if (next.kind() == CircuitState.OPEN) {
                    LOG.warn("{}: circuit open, opened by {} at {}: calls fail fast until {}; last failure: {}", name,
                            next.openedBy(), next.openedAt(), next.retryAt(), next.lastMessage());
                } else {
                    LOG.info("{}: circuit closed: another replica's probe succeeded, or it was reset", name);
                }
                return next;
            }
        }
    }

    @Override
    public <T> T execute(Supplier<T> call) {
        Permit permit = acquire();
        T result;
        try {
            result = call.get();
        } catch (ProviderException failure) {
            onFailure(permit, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            // Not a classified vendor failure (a bug in a provider, a cancelled call): says nothing about the vendor.
            onIgnored(permit);
            throw e;
        }
        onSuccess(permit);
        return result;
    }

    private Permit acquire() {
        while (true) {
            State s = reconciled();
            Instant now = clock.instant();
            switch (s.kind()) {
                case CLOSED -> {
                    return new Permit(s.epoch(), false);
                }
                case OPEN -> {
                    if (now.isBefore(s.retryAt())) {
                        throw new CircuitOpenException(name, snapshot(s, now), Duration.between(now, s.retryAt()));
                    }
                    State next = s.probing(true, s.epoch() + 1);
                    if (state.compareAndSet(s, next)) {
                        CircuitOpening opening = s.opening();
                        if (opening != null && !sharing.tryProbe(name, opening)) {
                            // Another replica probes for all: stay open until its verdict reaches us, or ask again.
                            State waiting = next.waitingFor(now.plus(PROBE_RECHECK));
                            state.compareAndSet(next, waiting);
                            throw new CircuitOpenException(name, snapshot(waiting, now), PROBE_RECHECK);
                        }
                        LOG.info("{}: circuit half-open: cool-down over, one probe call goes through", name);
                        return new Permit(next.epoch(), true);
                    }
                }
                case HALF_OPEN -> {
                    if (s.probing()) {
                        throw new CircuitOpenException(name, snapshot(s, now), null);
                    }
                    State next = s.probing(true, s.epoch());
                    if (state.compareAndSet(s, next)) {
                        return new Permit(next.epoch(), true);
                    }
                }
                default -> throw new IllegalStateException("unknown state " + s.kind());
            }
        }
    }

    private void onSuccess(Permit permit) {
        while (true) {
            State s = state.get();
            if (s.epoch() != permit.epoch() || s.kind() == CircuitState.OPEN) {
                return;
            }
            if (s.kind() == CircuitState.CLOSED && s.failures() == 0) {
                return;
            }
            State next = s.kind() == CircuitState.HALF_OPEN ? State.closed(s.epoch() + 1) : State.closed(s.epoch());
            if (state.compareAndSet(s, next)) {
                if (s.kind() == CircuitState.HALF_OPEN) {
                    LOG.info("{}: circuit closed: the probe call succeeded", name);
                    closeShared(s);
                }
                return;
            }
        }
    }

    private void onFailure(Permit permit, ProviderException failure) {
        boolean atOnce = config.opensAtOnce(failure.kind());
        if (!atOnce && !config.counts(failure.kind())) {
            onIgnored(permit);
            return;
        }
        while (true) {
            State s = state.get();
            if (s.epoch() != permit.epoch() || s.kind() == CircuitState.OPEN) {
                return;
            }
            int n = s.failures() + 1;
            boolean open = atOnce || s.kind() == CircuitState.HALF_OPEN || n >= config.failureThreshold();
            State next = open ? s.opened(clock.instant(), config.openDuration(), n, failure, sharing.replicaId())
                    : s.counted(n, failure);
            if (state.compareAndSet(s, next)) {
                if (open && next.opening() != null) {
                    sharing.opened(name, next.opening());
                    state.compareAndSet(next, next.published());
                }
                if (open) {
                    LOG.warn("{}: circuit open{}: calls fail fast until {}; last failure: {}", name,
                            s.kind() == CircuitState.HALF_OPEN ? " again, the probe call failed"
                                    : atOnce ? " at once, " + failure.kind().label()
                                    : " after " + n + " consecutive failures",
                            next.retryAt(), failure.getMessage());
                }
                return;
            }
        }
    }

    /** An outcome that says nothing about the vendor: only a probe's slot is given back. */
    private void onIgnored(Permit permit) {
        while (true) {
            State s = state.get();
            if (!permit.probe() || s.epoch() != permit.epoch() || s.kind() != CircuitState.HALF_OPEN) {
                return;
            }
            if (state.compareAndSet(s, s.probing(false, s.epoch()))) {
                return;
            }
        }
    }

    @Override
    public void reset() {
        reconciled();
        State before = state.getAndUpdate(s -> State.closed(s.epoch() + 1));
        if (before.kind() != CircuitState.CLOSED) {
            LOG.info("{}: circuit closed: reset", name);
            closeShared(before);
        }
    }

    /** Tells the other replicas that {@code s}'s opening is over, when it is a shared one. */
    private void closeShared(State s) {
        CircuitOpening opening = s.opening();
        if (opening != null) {
            sharing.closed(name, opening);
        }
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + name + ", " + snapshot().state().code() + "]";
    }
}
