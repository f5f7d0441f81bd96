package dev.llmservice.provider.internal;

import dev.llmservice.provider.ProviderException;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Our one retry loop (LangChain4j's own retries are switched off): at most {@code maxRetries + 1} attempts, retrying
 * only failures that are {@linkplain ProviderException#retryable() retryable}, with exponential backoff and jitter.
 *
 * <p>The delay before retry {@code n} (0-based) is drawn from {@code [d/2, d)} where
 * {@code d = min(BASE_DELAY * 2^n, MAX_DELAY)} ("equal jitter"): spread out, yet each delay is longer than the one
 * before until the cap is reached. Extension points for later work (Retry-After, circuit breakers) are
 * {@link #shouldRetry} and {@link #delayBeforeRetry}, which both see the failure.
 *
 * <p>Immutable and thread-safe.
 */
public final class RetryPolicy {

    /** Nominal delay before the first retry. */
    public static final Duration BASE_DELAY = Duration.ofMillis(500);
    /** No nominal delay is longer than this. */
    public static final Duration MAX_DELAY = Duration.ofSeconds(8);

    private final int maxRetries;
    private final DoubleSupplier jitter;

    /**
     * @param maxRetries retries after the first attempt, at least 0
     * @param jitter     numbers in {@code [0, 1)}; {@link ThreadLocalRandom} in production
     */
    public RetryPolicy(int maxRetries, DoubleSupplier jitter) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be at least 0, but was " + maxRetries);
        }
        this.maxRetries = maxRetries;
        this.jitter = Objects.requireNonNull(jitter, "jitter");
    }

    public static RetryPolicy withMaxRetries(int maxRetries) {
        return new RetryPolicy(maxRetries, () -> ThreadLocalRandom.current().nextDouble());
    }

    public int maxRetries() {
        return maxRetries;
    }

    /** Whether to try again after {@code failure}, when {@code retriesDone} retries have already been made. */
    public boolean shouldRetry(ProviderException failure, int retriesDone) {
        return failure.retryable() && retriesDone < maxRetries;
    }

    /** How long to wait before retry number {@code retry} (0 for the first retry). */
    public Duration delayBeforeRetry(int retry, ProviderException failure) {
        long nominalMillis = nominalDelay(retry).toMillis();
        double r = Math.min(Math.max(jitter.getAsDouble(), 0.0), Math.nextDown(1.0));
        return Duration.ofMillis(nominalMillis / 2 + (long) (r * (nominalMillis - nominalMillis / 2)));
    }

    /** {@code min(BASE_DELAY * 2^retry, MAX_DELAY)}. */
    static Duration nominalDelay(int retry) {
        long maxMillis = MAX_DELAY.toMillis();
        long millis = BASE_DELAY.toMillis();
        for (int i = 0; i < retry && millis < maxMillis; i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxMillis));
    }

    /**
     * Runs {@code attempt} until it succeeds, fails in a way not worth retrying, or the retries are used up; then
     * rethrows the last failure. An interrupted thread stops retrying at once.
     */
    public <T> T execute(Supplier<T> attempt, Sleeper sleeper) {
        for (int retry = 0; ; retry++) {
            try {
                return attempt.get();
            } catch (ProviderException failure) {
                if (!shouldRetry(failure, retry) || Thread.currentThread().isInterrupted()) {
                    throw retry == 0 ? failure : withAttempts(failure, retry + 1);
                }
                sleeper.sleep(delayBeforeRetry(retry, failure));
                if (Thread.currentThread().isInterrupted()) {
                    throw withAttempts(failure, retry + 1);
                }
            }
        }
    }

    private static ProviderException withAttempts(ProviderException failure, int attempts) {
        ProviderException e = new ProviderException(failure.provider(), failure.kind(), failure.httpStatus(),
                failure.getMessage() + " (gave up after " + attempts + " attempts)", failure.getCause(),
                failure.retryable());
        e.setStackTrace(failure.getStackTrace());
        return e;
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxRetries=" + maxRetries + ", baseDelay=" + BASE_DELAY + ", maxDelay=" + MAX_DELAY + "]";
    }
}
