package dev.llmservice.provider;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A retry about to be made: what failed, how long the wait before the retry is, and which attempt comes next.
 *
 * @param failure     the failure being retried (its message never contains the key)
 * @param delay       the wait before the retry: the vendor's {@code retry-after} when it gave one, else the backoff
 * @param attempt     the number of the coming attempt, from 2 (the first retry)
 * @param maxAttempts the most attempts the call may make ({@code P_MAX_RETRIES + 1})
 */
public record RetryEvent(ProviderException failure, Duration delay, int attempt, int maxAttempts) {

    public RetryEvent {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(delay, "delay");
        if (attempt < 2 || attempt > maxAttempts) {
            throw new IllegalArgumentException("attempt must be from 2 to maxAttempts (" + maxAttempts + "), but was "
                    + attempt);
        }
    }

    /** The provider retrying, e.g. {@code anthropic}. */
    public String provider() {
        return failure.provider();
    }

    /**
     * One line for a person: {@code anthropic: rate limited (429), retrying in 2.0 s (attempt 2 of 4)}; the HTTP
     * status only when there was an answer ({@code openai: timeout, retrying in 0.4 s (attempt 2 of 3)}).
     */
    public String describe() {
        String status = failure.httpStatus() == 0 ? "" : " (" + failure.httpStatus() + ")";
        return provider() + ": " + failure.kind().label() + status + ", retrying in "
                + seconds(delay) + " (attempt " + attempt + " of " + maxAttempts + ")";
    }

    /** A wait as messages show it to people: tenths of a second, {@code 2.0 s}. */
    public static String seconds(Duration wait) {
        return String.format(Locale.ROOT, "%.1f s", wait.toMillis() / 1000.0);
    }
}
