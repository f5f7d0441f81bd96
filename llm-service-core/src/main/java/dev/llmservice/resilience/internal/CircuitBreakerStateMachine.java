package dev.llmservice.resilience.internal;

import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.resilience.CircuitBreaker;
import dev.llmservice.resilience.CircuitBreakerConfig;
import dev.llmservice.resilience.CircuitOpenException;
import dev.llmservice.resilience.CircuitState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
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
 */
public final class CircuitBreakerStateMachine implements CircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    private final String name;
    private final CircuitBreakerConfig config;
    private final Clock clock;
    private final AtomicReference<State> state;

    public CircuitBreakerStateMachine(String name, CircuitBreakerConfig config, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.state = new AtomicReference<>(State.closed(0));
    }

    /** The stored state; an open one whose cool-down has passed is still stored as open until a call arrives. */
    private record State(CircuitState kind, long epoch, int failures, Instant openedAt, Instant retryAt,
                         boolean probing, FailureKind lastKind, String lastMessage) {

        static State closed(long epoch) {
            return new State(CircuitState.CLOSED, epoch, 0, null, null, false, null, null);
        }

        State counted(int n, ProviderException failure) {
            return new State(kind, epoch, n, openedAt, retryAt, probing, failure.kind(), failure.getMessage());
        }

        State opened(Instant now, Duration coolDown, int n, ProviderException failure) {
            return new State(CircuitState.OPEN, epoch + 1, n, now, now.plus(coolDown), false, failure.kind(),
                    failure.getMessage());
        }

        State probing(boolean inFlight, long newEpoch) {
            return new State(CircuitState.HALF_OPEN, newEpoch, failures, openedAt, retryAt, inFlight, lastKind,
                    lastMessage);
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
        return snapshot(state.get(), clock.instant());
    }

    private static Snapshot snapshot(State s, Instant now) {
        CircuitState shown = s.kind() == CircuitState.OPEN && !now.isBefore(s.retryAt()) ? CircuitState.HALF_OPEN
                : s.kind();
        return new Snapshot(shown, s.failures(), s.openedAt(), s.retryAt(), s.probing(), s.lastKind(),
                s.lastMessage());
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
            State s = state.get();
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
            State next = open ? s.opened(clock.instant(), config.openDuration(), n, failure) : s.counted(n, failure);
            if (state.compareAndSet(s, next)) {
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
        State before = state.getAndUpdate(s -> State.closed(s.epoch() + 1));
        if (before.kind() != CircuitState.CLOSED) {
            LOG.info("{}: circuit closed: reset", name);
        }
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + name + ", " + snapshot().state().code() + "]";
    }
}
