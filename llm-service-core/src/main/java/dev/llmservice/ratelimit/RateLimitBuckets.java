package dev.llmservice.ratelimit;

import dev.llmservice.ratelimit.internal.FallbackBuckets;
import dev.llmservice.ratelimit.internal.LocalBuckets;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Where the rate limits' token buckets live: the storage seam of {@link RateLimiter}. In this process by default
 * ({@link #inProcess}); any Bucket4j {@link ProxyManager} (such as {@code LettuceBasedProxyManager} on Redis, shared by
 * every replica) through {@link #of}.
 *
 * <p>A key names one limit of one provider, {@code {provider}:requests:{limit}} or {@code {provider}:tokens:{limit}}
 * (e.g. {@code openai-mini:requests:60}); the limit is part of the key, so a changed {@code P_RPM} starts a bucket of
 * its own rather than inheriting the old one's tokens. A store may prefix the keys (e.g. {@code llm:ratelimit:}).
 */
@FunctionalInterface
public interface RateLimitBuckets {

    /**
     * The bucket called {@code key}, created full with {@code configuration} on first use. Every call with the same key
     * returns a bucket on the same tokens (the same object, or proxies of one stored state), whichever thread or
     * replica asks; the configuration given for a key is always the same one (see the class comment).
     */
    Bucket bucket(String key, BucketConfiguration configuration);

    /**
     * Buckets in this process's memory, kept for as long as this object: one per key, on {@code clock}'s time (a test
     * passes a virtual clock).
     */
    static RateLimitBuckets inProcess(Clock clock) {
        return new LocalBuckets(clock);
    }

    /**
     * Buckets kept by {@code proxies} (e.g. Bucket4j's {@code LettuceBasedProxyManager<String>}): the state lives
     * there, and every process using the same store and keys shares the limits. Their time is the proxy manager's
     * client clock ({@code ClientSideConfig.withClientClock}).
     */
    static RateLimitBuckets of(ProxyManager<String> proxies) {
        Objects.requireNonNull(proxies, "proxies");
        // One proxy per key, with Bucket4j's batching: the requests this process makes of one bucket at the same time
        // go to the store together, as one compare-and-swap, instead of each retrying against all the others. At a
        // candle close hundreds of calls take from the same few buckets at once; without it they retried each other
        // into the store's timeout (bench/cluster.sh).
        Map<String, Bucket> proxiesByKey = new ConcurrentHashMap<>();
        return (key, configuration) -> proxiesByKey.computeIfAbsent(key, k -> proxies.builder()
                .withOptimization(Optimizations.batching())
                .build(k, () -> configuration));
    }

    /**
     * The buckets in {@code shared} while it answers, else those in {@code local}: what a replica uses when the shared
     * store may be lost mid-run. Each operation on a bucket (taking, waiting for, giving back tokens) is tried on the
     * shared bucket; when that throws, {@code onFailure} is told and the same operation is done on {@code local}'s
     * bucket of the same key. So a call is never let through without a limit: while the store is down, each process
     * keeps the limits on its own (at most the limit per process), and the shared buckets apply again as soon as it
     * answers. {@link Bucket#asScheduler()}, {@link Bucket#asVerbose()}, {@link Bucket#toListenable} and
     * {@link Bucket#replaceConfiguration} (which {@link RateLimiter} does not use) go to the shared bucket only.
     *
     * @param onFailure told of every failure of {@code shared} (e.g. to log an outage at most once a minute); must not
     *                  throw
     */
    static RateLimitBuckets sharedOrLocal(RateLimitBuckets shared, RateLimitBuckets local,
                                          Consumer<RuntimeException> onFailure) {
        return new FallbackBuckets(shared, local, onFailure);
    }

    /** {@code clock}'s time as Bucket4j reads it, in nanoseconds since the epoch (for a proxy manager's client clock). */
    static TimeMeter timeOf(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }
}
