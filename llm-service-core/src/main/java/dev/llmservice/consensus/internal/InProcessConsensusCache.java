package dev.llmservice.consensus.internal;

import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.ConsensusCache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@link ConsensusCache#inProcess}: one slot per key in a map, holding the future of the computation that owns the
 * key. A slot is claimed atomically ({@code compute} on the map, local work only: the providers are asked outside it);
 * a slot whose result has expired, or whose computation failed, is replaced by the next request. Expired slots are
 * swept at most once per {@link #SWEEP_INTERVAL}, so keys of past candles do not pile up.
 */
public final class InProcessConsensusCache implements ConsensusCache {

    /** How often expired results are dropped. */
    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final Clock clock;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> lastSweep = new AtomicReference<>(Instant.MIN);

    public InProcessConsensusCache(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A key's computation: in flight until its future completes. */
    private record Slot(CompletableFuture<Computed> future) {

        /** Whether a new request must compute again: failed, or kept until a time that has come. */
        boolean expired(Instant now) {
            if (!future.isDone()) {
                return false;
            }
            Computed c = future.getNow(null);
            return c == null || !c.keepUntil().isAfter(now);
        }
    }

    @Override
    public Outcome getOrCompute(String key, Instant waitUntil, Supplier<Computed> compute) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(waitUntil, "waitUntil");
        Objects.requireNonNull(compute, "compute");
        sweep();
        while (true) {
            Instant now = clock.instant();
            Slot mine = new Slot(new CompletableFuture<>());
            Slot slot = slots.compute(key, (k, s) -> s == null || s.expired(now) ? mine : s);
            if (slot == mine) {
                return new Outcome(computeAs(key, mine, compute), false);
            }
            Computed shared;
            try {
                long wait = Math.max(0, Duration.between(now, waitUntil).toNanos());
                shared = slot.future().get(wait, TimeUnit.NANOSECONDS);
            } catch (ExecutionException | CancellationException e) {
                continue; // its computation failed and is gone: start over
            } catch (TimeoutException e) {
                return new Outcome(compute.get().result(), false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for an identical consensus request");
            }
            return new Outcome(shared.result(), true);
        }
    }

    private ConsensusResult computeAs(String key, Slot mine, Supplier<Computed> compute) {
        Computed computed;
        try {
            computed = compute.get();
        } catch (RuntimeException | Error e) {
            slots.remove(key, mine);
            mine.future().completeExceptionally(e);
            throw e;
        }
        mine.future().complete(computed);
        if (!computed.keepUntil().isAfter(clock.instant())) {
            slots.remove(key, mine);
        }
        return computed.result();
    }

    private void sweep() {
        Instant now = clock.instant();
        Instant last = lastSweep.get();
        if (now.isBefore(last.plus(SWEEP_INTERVAL)) || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        slots.entrySet().removeIf(e -> e.getValue().expired(now));
    }
}
