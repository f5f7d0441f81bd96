package dev.llmservice.consensus;

import dev.llmservice.consensus.internal.InProcessConsensusCache;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One fan-out for identical consensus requests: the storage seam of the consensus operations' "one spend per
 * candle" ({@code operations.LocalConsensus}).
 * A request whose key is in flight waits for that one's result; one whose key has a result kept from before gets it;
 * otherwise it computes (asks the providers, records the result) and the others share what it got.
 *
 * <p>{@link #inProcess} shares within this process; an implementation on a shared store (Redis, through
 * {@code shared.SharedState#consensusCache()}) shares across processes with a lock key and a result key: the first to
 * take the lock ({@code SET lock:K NX PX}) computes and stores the result ({@code SET result:K … PX} until its
 * {@code keepUntil}), then drops the lock; the others poll (or subscribe) for the result key until their
 * {@code waitUntil}, and compute themselves if the lock goes away without a result.
 *
 * <p>Keys are {@code {pair} {timeframe} {64 hex digits}} ({@code BTC/USDT 5m 3f…}), already covering everything that
 * can change the result; a store may prefix them. Results are stored as {@link
 * dev.llmservice.consensus.report.ConsensusJson} writes them (which reads them back exactly).
 */
public interface ConsensusCache {

    /**
     * The result for {@code key}: a kept one, the one in flight, or the one {@code compute} makes now.
     *
     * <ul>
     *   <li>A result kept for {@code key} (its {@code keepUntil} not reached): returned, shared, {@code compute} is not
     *       run.</li>
     *   <li>A computation of {@code key} in flight elsewhere: its result is awaited until {@code waitUntil} and
     *       returned, shared, whatever its {@code keepUntil} (it was asked at the same time). If that computation
     *       fails, this call starts over (and may compute). If {@code waitUntil} passes first, {@code compute} runs
     *       here and its result is returned, not shared, and not stored over the one in flight.</li>
     *   <li>Otherwise {@code compute} runs on this thread; its result is returned, not shared, handed to the callers
     *       waiting for it, and kept until its {@code keepUntil} (not at all when that is not after now). When it
     *       throws, the waiters start over and the exception is thrown here.</li>
     * </ul>
     *
     * @throws java.util.concurrent.CancellationException when interrupted while waiting (the interrupt flag is kept)
     */
    Outcome getOrCompute(String key, Instant waitUntil, Supplier<Computed> compute);

    /**
     * A result made by a {@code compute}.
     *
     * @param keepUntil until when it is given to later requests of the same key; not after now: only to those waiting
     */
    record Computed(ConsensusResult result, Instant keepUntil) {
        public Computed {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(keepUntil, "keepUntil");
        }
    }

    /**
     * @param result the result
     * @param shared whether it was another request's (kept, or in flight) rather than computed by this call
     */
    record Outcome(ConsensusResult result, boolean shared) {
        public Outcome {
            Objects.requireNonNull(result, "result");
        }
    }

    /** Shares within this process, on {@code clock}'s time (when kept results expire). */
    static ConsensusCache inProcess(Clock clock) {
        return new InProcessConsensusCache(clock);
    }

    /** Shares nothing: every call computes. */
    static ConsensusCache none() {
        return (key, waitUntil, compute) -> new Outcome(compute.get().result(), false);
    }
}
