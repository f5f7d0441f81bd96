package dev.llmservice.ratelimit;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.config.ProviderName;
import dev.llmservice.config.RateLimits;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.RetryEvent;
import dev.llmservice.provider.TokenUsage;
import dev.llmservice.provider.retry.RetryPolicy;
import dev.llmservice.provider.retry.Sleeper;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeoutException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Keeps each provider within its vendor rate limits, {@code P_RPM} (requests per minute) and {@code P_TPM} (tokens
 * per minute, input and output), with Bucket4j token buckets.
 *
 * <h2>The limit</h2>
 * {@code P_RPM} is kept strictly: the vendor never sees more than that many requests in any 60 seconds. A single
 * token bucket cannot both allow a full minute's burst and keep every sliding minute within the limit (a bucket of
 * N refilled at N a minute lets 2N - 1 through in the minute after a burst), and vendors quantise their limits
 * (OpenAI enforces 60,000 a minute as 1,000 a second), so the requests bucket holds a burst of N/60 (at least 1)
 * and is refilled continuously with the rest, N - burst, each minute: at most N in any minute, and N - N/60 a minute
 * sustained (for N under 120, N - 1; N = 1 is one request per full minute). {@code P_TPM} is a bucket holding one
 * minute's worth, refilled continuously at the limit per minute (the token-bucket rule Anthropic and OpenAI document
 * for tokens), since a single request may need a large part of the minute's tokens.
 *
 * <h2>A call</h2>
 * Before a call, one request is taken from the RPM bucket and the call's {@linkplain #estimateTokens estimated
 * tokens} from the TPM bucket. When there is not enough, the call waits for the refill (on the injected
 * {@link Sleeper}) if that wait ends at least {@link RetryPolicy#MIN_ATTEMPT_TIME} before the caller's deadline;
 * otherwise it is not made and throws {@link RateLimitedLocallyException} (kind {@code rate_limited_locally}; in
 * consensus a {@code skipped} vote), taking nothing. After the call the estimate is corrected with the usage the vendor
 * reported: tokens it did not use are given back, tokens beyond the estimate are taken (the bucket may go below zero,
 * delaying later calls). A call that failed keeps its estimate: the vendor may have counted it. A retry the provider
 * makes ({@link RetryPolicy}) counts as one more request and one more estimate, taken without waiting (the retry's own
 * backoff is the wait). Health checks (the vendors' list-models calls) are not limited.
 *
 * <h2>Storage</h2>
 * The buckets are in {@link RateLimitBuckets}: this process's memory by default, or a shared store (Redis) for
 * limits enforced across replicas. They outlive the providers: re-initialising creates new providers on the same
 * buckets, so it cannot reset a limit.
 *
 * <p>Thread-safe: the buckets are.
 */
public final class RateLimiter {

    /** The period both limits are per. */
    public static final Duration PERIOD = Duration.ofMinutes(1);
    /** Characters per token in the estimate of a prompt's size: OpenAI's rule of thumb for English text. */
    public static final int CHARS_PER_TOKEN = 4;

    private final RateLimitBuckets buckets;
    private final Clock clock;
    private final Sleeper sleeper;
    private final BlockingStrategy waiting;

    /**
     * @param buckets where the buckets live
     * @param clock   the time deadlines are compared with
     * @param sleeper how a call waits for room ({@link Sleeper#SYSTEM}; tests pass a virtual one)
     */
    public RateLimiter(RateLimitBuckets buckets, Clock clock, Sleeper sleeper) {
        this.buckets = Objects.requireNonNull(buckets, "buckets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.waiting = nanos -> {
            this.sleeper.sleep(Duration.ofNanos(nanos));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        };
    }

    /** Limits in this process, on {@code clock}, waiting for real. */
    public static RateLimiter inProcess(Clock clock) {
        return new RateLimiter(RateLimitBuckets.inProcess(clock), clock, Sleeper.SYSTEM);
    }

    /** {@code provider} kept within its configuration's {@link RateLimits}; itself when it has none. */
    public LlmProvider limit(LlmProvider provider) {
        return provider.config().rateLimits().any() ? new RateLimitedProvider(provider, this) : provider;
    }

    /**
     * The tokens a request is counted as before the vendor says: its prompt's characters (system prompt included)
     * divided by {@value #CHARS_PER_TOKEN}, rounded up, plus {@code maxTokens}, the most the answer may use (as
     * OpenAI's own limiter counts a request).
     */
    public static long estimateTokens(GenerationRequest request, int maxTokens) {
        long chars = request.prompt().length() + (request.systemPrompt() == null ? 0 : request.systemPrompt().length());
        return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN + maxTokens;
    }

    Clock clock() {
        return clock;
    }

    /**
     * Takes room for one call of {@code config}'s provider estimated at {@code tokens}, waiting for it when that wait
     * ends in time for {@code deadline}.
     *
     * @throws RateLimitedLocallyException when there is no room in time: nothing was taken
     */
    Permit acquire(ProviderConfig config, long tokens, Instant deadline) {
        RateLimits limits = config.rateLimits();
        String prefix = ProviderName.prefixOf(config.name());
        Bucket requests = limits.requestsPerMinute() == null ? null
                : buckets.bucket(config.name() + ":requests:" + limits.requestsPerMinute(),
                requestsPerMinute(limits.requestsPerMinute()));
        Bucket tokenBucket = limits.tokensPerMinute() == null ? null
                : buckets.bucket(config.name() + ":tokens:" + limits.tokensPerMinute(),
                tokensPerMinute(limits.tokensPerMinute()));
        if (tokenBucket != null && tokens > limits.tokensPerMinute()) {
            throw new RateLimitedLocallyException(config.name(), config.name() + " was not called: the request needs an "
                    + "estimated " + tokens + " tokens, more than " + prefix + "_TPM=" + limits.tokensPerMinute()
                    + " allows in a minute (rate_limited_locally)", null);
        }
        if (requests != null) {
            take(config, requests, 1, deadline, prefix + "_RPM=" + limits.requestsPerMinute(), "1 request");
        }
        if (tokenBucket != null) {
            try {
                take(config, tokenBucket, tokens, deadline, prefix + "_TPM=" + limits.tokensPerMinute(),
                        tokens + " tokens (estimated)");
            } catch (RateLimitedLocallyException e) {
                if (requests != null) {
                    unlessTooSlow(() -> requests.addTokens(1)); // the call is not made: its request is not spent
                }
                throw e;
            }
        }
        return new Permit(requests, tokenBucket, tokens);
    }

    /**
     * A correction (a request given back, a retry or the vendor's usage counted) that a too slow shared store did not
     * take is dropped rather than failing a call that was made, or not made, already.
     */
    private static void unlessTooSlow(Runnable correction) {
        try {
            correction.run();
        } catch (TimeoutException e) {
            // dropped
        }
    }

    /** At most {@code perMinute} requests in any 60 seconds: a burst of a sixtieth, the rest spread evenly. */
    static BucketConfiguration requestsPerMinute(int perMinute) {
        int burst = Math.max(1, perMinute / 60);
        return BucketConfiguration.builder()
                .addLimit(limit -> perMinute == 1 ? limit.capacity(1).refillIntervally(1, PERIOD)
                        : limit.capacity(burst).refillGreedy(perMinute - burst, PERIOD))
                .build();
    }

    /** One minute's worth of tokens, refilled continuously at the limit per minute. */
    static BucketConfiguration tokensPerMinute(long perMinute) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, PERIOD))
                .build();
    }

    /** Takes {@code amount} from {@code bucket}, waiting at most until shortly before the deadline. */
    private void take(ProviderConfig config, Bucket bucket, long amount, Instant deadline, String limit, String what) {
        Duration left = Duration.between(clock.instant(), deadline);
        Duration maxWait = left.minus(RetryPolicy.MIN_ATTEMPT_TIME);
        boolean taken;
        try {
            taken = maxWait.compareTo(Duration.ofNanos(1)) < 0 ? bucket.tryConsume(amount)
                    : bucket.asBlocking().tryConsume(amount, maxWait, waiting);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RateLimitedLocallyException(config.name(), config.name() + " was not called: interrupted while "
                    + "waiting for room under " + limit + " (rate_limited_locally)", null);
        } catch (TimeoutException e) {
            // A shared store (Redis) too slow to say whether there is room: no room. Calling anyway would let every
            // replica past the limit together at the busiest moment (a candle close), when the store is slowest.
            throw new RateLimitedLocallyException(config.name(), config.name() + " was not called: the shared limits ("
                    + limit + ") did not answer in time (rate_limited_locally)", null);
        }
        if (!taken) {
            Duration room = Duration.ofNanos(bucket.estimateAbilityToConsume(amount).getNanosToWaitForRefill());
            throw new RateLimitedLocallyException(config.name(), config.name() + " was not called: " + limit
                    + " has no room for " + what + " before the deadline (room in " + RetryEvent.seconds(room)
                    + ", the deadline in " + RetryEvent.seconds(left.isNegative() ? Duration.ZERO : left)
                    + ") (rate_limited_locally)", room);
        }
    }

    /** The room one call took: corrected when its usage is known, added to by its retries. */
    static final class Permit {
        private final Bucket requests;
        private final Bucket tokens;
        private final long estimate;

        Permit(Bucket requests, Bucket tokens, long estimate) {
            this.requests = requests;
            this.tokens = tokens;
            this.estimate = estimate;
        }

        /** A retry: one more request and estimate, taken without waiting (its backoff is the wait). */
        void retried() {
            if (requests != null) {
                unlessTooSlow(() -> requests.consumeIgnoringRateLimits(1));
            }
            if (tokens != null) {
                unlessTooSlow(() -> tokens.consumeIgnoringRateLimits(estimate));
            }
        }

        /** Replaces the estimate with what the vendor reported; nothing when it reported nothing. */
        void settle(TokenUsage usage) {
            long used = usage.totalTokens();
            if (tokens == null || used <= 0 || used == estimate) {
                return;
            }
            if (used > estimate) {
                unlessTooSlow(() -> tokens.consumeIgnoringRateLimits(used - estimate));
            } else {
                unlessTooSlow(() -> tokens.addTokens(estimate - used));
            }
        }

    }
}
