package dev.llmservice.provider.retry;

import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.RetryEvent;
import dev.llmservice.provider.RetryListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Our one retry loop (the client library's own retries are switched off, so they never multiply): at most
 * {@code maxRetries + 1} attempts ({@code P_MAX_RETRIES}), retrying only failures that are
 * {@linkplain ProviderException#retryable() retryable}: rate limits, 5xx and Anthropic's 529, timeouts and broken
 * connections; never a rejected key, a 400, OpenAI's {@code insufficient_quota}, a refusal or an unusable reply.
 *
 * <h2>How long it waits</h2>
 * <ul>
 *   <li>When the vendor said how long ({@link ProviderException#retryAfter()}: {@code retry-after-ms},
 *       {@code retry-after} in seconds or as a date, Gemini's {@code RetryInfo.retryDelay}), exactly that. A wait
 *       longer than {@link #MAX_RETRY_AFTER} is not worth holding a caller for: the loop gives up instead.</li>
 *   <li>Otherwise exponential backoff with "equal jitter": before retry {@code n} (0-based) a delay drawn from
 *       {@code [d/2, d)} where {@code d = min(BASE_DELAY * 2^n, MAX_DELAY)}. Spread out, yet each delay is longer than
 *       the one before until the cap is reached.</li>
 * </ul>
 *
 * <h2>Deadline</h2>
 * Given a deadline, the loop never sleeps past it: when the next wait would end at or after the deadline, or leave the
 * retry less than {@link #MIN_ATTEMPT_TIME}, it gives up at once with the last failure and says why, e.g.
 * {@code (gave up after 1 attempt: rate limited; retry-after 30 s exceeds the remaining deadline of 2 s)}. The caller
 * bounds each attempt itself (the providers pass the time left to their HTTP client).
 *
 * <h2>Listening</h2>
 * A {@link RetryListener} given to {@link #execute(Supplier, Sleeper, Clock, Instant, RetryListener)} hears of each
 * retry once it is decided, just before the wait: the failure, the wait and the coming attempt's number. It hears
 * nothing of a retry that is not made.
 *
 * <p>Immutable and thread-safe.
 */
public final class RetryPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    /** Nominal delay before the first retry. */
    public static final Duration BASE_DELAY = Duration.ofMillis(500);
    /** No nominal backoff delay is longer than this. */
    public static final Duration MAX_DELAY = Duration.ofSeconds(8);
    /** The longest vendor-requested wait we honour; a longer one ends the retries. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
    /**
     * The least time a retry must still have before the deadline once its wait is over: a request with less would
     * only time out, and the caller would learn "timeout" instead of what the vendor said.
     */
    public static final Duration MIN_ATTEMPT_TIME = Duration.ofMillis(100);

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

    /**
     * How long to wait before retry number {@code retry} (0 for the first retry): the vendor's
     * {@linkplain ProviderException#retryAfter() retry-after} when it gave one, else the jittered backoff.
     */
    public Duration delayBeforeRetry(int retry, ProviderException failure) {
        return failure.retryAfter().orElseGet(() -> backoff(retry));
    }

    /** The jittered exponential backoff before retry number {@code retry}. */
    public Duration backoff(int retry) {
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

    /** As {@link #execute(Supplier, Sleeper, Clock, Instant)} without a deadline. */
    public <T> T execute(Supplier<T> attempt, Sleeper sleeper) {
        return execute(attempt, sleeper, Clock.systemUTC(), null);
    }

    /** As {@link #execute(Supplier, Sleeper, Clock, Instant, RetryListener)} with nobody listening. */
    public <T> T execute(Supplier<T> attempt, Sleeper sleeper, Clock clock, Instant deadline) {
        return execute(attempt, sleeper, clock, deadline, RetryListener.NONE);
    }

    /**
     * Runs {@code attempt} until it succeeds, fails in a way not worth retrying, the retries are used up, or the next
     * wait would pass {@code deadline}; then rethrows the last failure, saying after how many attempts and why it
     * stopped. An interrupted thread stops retrying at once.
     *
     * @param clock    tells the time to compare with {@code deadline}
     * @param deadline when the caller stops waiting; {@code null} for none
     * @param onRetry  told of each retry before its wait (on this thread); a listener that throws is logged and
     *                 ignored
     */
    public <T> T execute(Supplier<T> attempt, Sleeper sleeper, Clock clock, Instant deadline, RetryListener onRetry) {
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(onRetry, "onRetry");
        for (int retry = 0; ; retry++) {
            try {
                return attempt.get();
            } catch (ProviderException failure) {
                int attempts = retry + 1;
                if (!shouldRetry(failure, retry) || Thread.currentThread().isInterrupted()) {
                    throw retry == 0 ? failure : gaveUp(failure, attempts, null);
                }
                Duration delay = delayBeforeRetry(retry, failure);
                String wait = failure.retryAfter().isPresent() ? "retry-after " + human(delay) : "backoff " + human(delay);
                if (delay.compareTo(MAX_RETRY_AFTER) > 0) {
                    throw gaveUp(failure, attempts, failure.kind().label() + "; " + wait
                            + " is longer than the longest wait we accept, " + human(MAX_RETRY_AFTER));
                }
                if (deadline != null) {
                    Duration left = Duration.between(clock.instant(), deadline);
                    if (delay.compareTo(left) >= 0) {
                        throw gaveUp(failure, attempts, failure.kind().label() + "; " + wait
                                + (left.isNegative() || left.isZero() ? " but the deadline has passed"
                                : " exceeds the remaining deadline of " + human(left)));
                    }
                    if (left.minus(delay).compareTo(MIN_ATTEMPT_TIME) < 0) {
                        throw gaveUp(failure, attempts, failure.kind().label() + "; " + wait
                                + " would leave less than " + human(MIN_ATTEMPT_TIME) + " of the remaining deadline of "
                                + human(left));
                    }
                }
                tell(onRetry, new RetryEvent(failure, delay, attempts + 1, maxRetries + 1));
                sleeper.sleep(delay);
                if (Thread.currentThread().isInterrupted()) {
                    throw gaveUp(failure, attempts, "interrupted");
                }
            }
        }
    }

    /** A listener is told, never obeyed: whatever it does, the retry goes ahead. */
    private static void tell(RetryListener onRetry, RetryEvent event) {
        try {
            onRetry.onRetry(event);
        } catch (RuntimeException e) {
            LOG.warn("{}: retry listener failed: {}", event.provider(), e.toString());
        }
    }

    private static ProviderException gaveUp(ProviderException failure, int attempts, String why) {
        String count = attempts == 1 ? "1 attempt" : attempts + " attempts";
        return failure.withMessage(failure.getMessage() + " (gave up after " + count + (why == null ? "" : ": " + why)
                + ")");
    }

    /** {@code 375 ms}, {@code 2 s}, {@code 34.4 s}. */
    static String human(Duration d) {
        long millis = d.toMillis();
        if (Math.abs(millis) < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxRetries=" + maxRetries + ", baseDelay=" + BASE_DELAY + ", maxDelay=" + MAX_DELAY
                + ", maxRetryAfter=" + MAX_RETRY_AFTER + ", minAttemptTime=" + MIN_ATTEMPT_TIME + "]";
    }
}
