package dev.llmservice.ratelimit.internal;

import dev.llmservice.ratelimit.RateLimitBuckets;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link RateLimitBuckets#inProcess}: Bucket4j's lock-free local buckets in a map, on a {@link Clock}'s time.
 * Creating a bucket is local work only, so it may happen inside {@code computeIfAbsent}.
 */
public final class LocalBuckets implements RateLimitBuckets {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final TimeMeter time;

    public LocalBuckets(Clock clock) {
        this.time = RateLimitBuckets.timeOf(clock);
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        Objects.requireNonNull(configuration, "configuration");
        return buckets.computeIfAbsent(key, k -> {
            LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
            for (Bandwidth limit : configuration.getBandwidths()) {
                builder.addLimit(limit);
            }
            return builder.build();
        });
    }
}
