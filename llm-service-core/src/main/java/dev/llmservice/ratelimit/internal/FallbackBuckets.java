package dev.llmservice.ratelimit.internal;

import dev.llmservice.ratelimit.RateLimitBuckets;
import io.github.bucket4j.BlockingBucket;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeoutException;
import io.github.bucket4j.BucketListener;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.SchedulingBucket;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.UninterruptibleBlockingStrategy;
import io.github.bucket4j.VerboseBlockingBucket;
import io.github.bucket4j.VerboseBucket;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link RateLimitBuckets#sharedOrLocal}: every operation tried on the shared bucket, done on the local one of the same
 * key when the shared store fails. No state of its own: the local buckets stay full while unused, so a process that
 * falls back starts with its own full limit.
 *
 * <p>A store that answers too slowly (Bucket4j's {@link TimeoutException}: under a burst its compare-and-swap loop can
 * outlast the request timeout) is not a lost one: falling back then would give every replica its own full limit at
 * the busiest moment, and the vendor several times its limit (seen with bench/cluster.sh). The timeout is passed on,
 * and the caller counts it as no room. A lost connection fails at once (the client rejects commands while
 * disconnected) and falls back.
 */
public final class FallbackBuckets implements RateLimitBuckets {

    private final RateLimitBuckets shared;
    private final RateLimitBuckets local;
    private final Consumer<RuntimeException> onFailure;

    public FallbackBuckets(RateLimitBuckets shared, RateLimitBuckets local, Consumer<RuntimeException> onFailure) {
        this.shared = Objects.requireNonNull(shared, "shared");
        this.local = Objects.requireNonNull(local, "local");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        Bucket localBucket = local.bucket(key, configuration);
        Bucket sharedBucket;
        try {
            sharedBucket = shared.bucket(key, configuration);
        } catch (RuntimeException e) {
            onFailure.accept(e);
            return localBucket;
        }
        return new Either(sharedBucket, localBucket);
    }

    /** An operation that may wait (and so be interrupted). */
    @FunctionalInterface
    private interface Waiting<T> {
        T on(Bucket bucket) throws InterruptedException;
    }

    private final class Either implements Bucket {
        private final Bucket shared;
        private final Bucket local;

        Either(Bucket shared, Bucket local) {
            this.shared = shared;
            this.local = local;
        }

        private <T> T either(Function<Bucket, T> operation) {
            try {
                return operation.apply(shared);
            } catch (TimeoutException e) {
                throw e; // slow, not lost: see the class comment
            } catch (RuntimeException e) {
                onFailure.accept(e);
                return operation.apply(local);
            }
        }

        private void onEither(Consumer<Bucket> operation) {
            either(b -> {
                operation.accept(b);
                return null;
            });
        }

        private <T> T eitherWaiting(Waiting<T> operation) throws InterruptedException {
            try {
                return operation.on(shared);
            } catch (TimeoutException e) {
                throw e; // slow, not lost: see the class comment
            } catch (RuntimeException e) {
                onFailure.accept(e);
                return operation.on(local);
            }
        }

        @Override
        public BlockingBucket asBlocking() {
            return new BlockingBucket() {
                @Override
                public boolean tryConsume(long tokens, long maxWaitNanos, BlockingStrategy strategy)
                        throws InterruptedException {
                    return eitherWaiting(b -> b.asBlocking().tryConsume(tokens, maxWaitNanos, strategy));
                }

                @Override
                public boolean tryConsumeUninterruptibly(long tokens, long maxWaitNanos,
                                                         UninterruptibleBlockingStrategy strategy) {
                    return either(b -> b.asBlocking().tryConsumeUninterruptibly(tokens, maxWaitNanos, strategy));
                }

                @Override
                public void consume(long tokens, BlockingStrategy strategy) throws InterruptedException {
                    eitherWaiting(b -> {
                        b.asBlocking().consume(tokens, strategy);
                        return null;
                    });
                }

                @Override
                public void consumeUninterruptibly(long tokens, UninterruptibleBlockingStrategy strategy) {
                    onEither(b -> b.asBlocking().consumeUninterruptibly(tokens, strategy));
                }

                @Override
                public VerboseBlockingBucket asVerbose() {
                    return shared.asBlocking().asVerbose();
                }
            };
        }

        @Override
        public SchedulingBucket asScheduler() {
            return shared.asScheduler();
        }

        @Override
        public VerboseBucket asVerbose() {
            return shared.asVerbose();
        }

        @Override
        public boolean tryConsume(long numTokens) {
            return either(b -> b.tryConsume(numTokens));
        }

        @Override
        public long consumeIgnoringRateLimits(long tokens) {
            return either(b -> b.consumeIgnoringRateLimits(tokens));
        }

        @Override
        public ConsumptionProbe tryConsumeAndReturnRemaining(long numTokens) {
            return either(b -> b.tryConsumeAndReturnRemaining(numTokens));
        }

        @Override
        public EstimationProbe estimateAbilityToConsume(long numTokens) {
            return either(b -> b.estimateAbilityToConsume(numTokens));
        }

        @Override
        public long tryConsumeAsMuchAsPossible() {
            return either(Bucket::tryConsumeAsMuchAsPossible);
        }

        @Override
        public long tryConsumeAsMuchAsPossible(long limit) {
            return either(b -> b.tryConsumeAsMuchAsPossible(limit));
        }

        @Override
        public void addTokens(long tokensToAdd) {
            onEither(b -> b.addTokens(tokensToAdd));
        }

        @Override
        public void forceAddTokens(long tokensToAdd) {
            onEither(b -> b.forceAddTokens(tokensToAdd));
        }

        @Override
        public void reset() {
            onEither(Bucket::reset);
        }

        @Override
        public long getAvailableTokens() {
            return either(Bucket::getAvailableTokens);
        }

        @Override
        public void replaceConfiguration(BucketConfiguration newConfiguration,
                                         TokensInheritanceStrategy tokensInheritanceStrategy) {
            shared.replaceConfiguration(newConfiguration, tokensInheritanceStrategy);
        }

        @Override
        public Bucket toListenable(BucketListener listener) {
            return shared.toListenable(listener);
        }
    }
}
