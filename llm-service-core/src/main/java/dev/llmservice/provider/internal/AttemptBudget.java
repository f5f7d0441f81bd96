package dev.llmservice.provider.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How long one request may take, from sending it (connecting included) to the last byte of the answer's body: the
 * configured timeout ({@code P_TIMEOUT}), or the time left before the caller's deadline when that is shorter.
 *
 * <p>{@link ChatModelProvider} makes one per attempt (and one per health check); it is the only way a time limit
 * reaches the transport ({@link CapturingHttpClientBuilder}), and {@link FailureClassifier} words a timeout from it.
 *
 * @param timeout the configured timeout, greater than 0
 * @param limit   what this request may take: greater than 0 and at most {@code timeout}
 */
public record AttemptBudget(Duration timeout, Duration limit) {

    public AttemptBudget {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(limit, "limit");
        if (limit.isZero() || limit.isNegative() || limit.compareTo(timeout) > 0) {
            throw new IllegalArgumentException("limit must be greater than 0 and at most the timeout " + timeout
                    + ", but was " + limit);
        }
    }

    /** The whole configured timeout: no caller's deadline is nearer. */
    public static AttemptBudget of(Duration timeout) {
        return new AttemptBudget(timeout, timeout);
    }

    /**
     * The configured timeout, or the time left from {@code now} until {@code deadline} when that is shorter; empty
     * when the deadline has passed (nothing may be sent then).
     *
     * @param deadline when the caller stops waiting; {@code null} for none
     */
    public static Optional<AttemptBudget> before(Duration timeout, Instant deadline, Instant now) {
        if (deadline == null) {
            return Optional.of(of(timeout));
        }
        Duration left = Duration.between(now, deadline);
        if (left.isNegative() || left.isZero()) {
            return Optional.empty();
        }
        return Optional.of(new AttemptBudget(timeout, left.compareTo(timeout) < 0 ? left : timeout));
    }

    /** Whether the caller's deadline, not the configured timeout, sets the limit. */
    public boolean deadlineBound() {
        return limit.compareTo(timeout) < 0;
    }

    /**
     * The limit in the words of a timeout message: {@code 30 s}, or
     * {@code 1.5 s, the time left before the caller's deadline}.
     */
    public String describe() {
        return deadlineBound() ? human(limit) + ", the time left before the caller's deadline" : human(timeout);
    }

    /** {@code 200 ms}, {@code 30 s}, {@code 1.5 s}. */
    static String human(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + " ms";
        }
        long seconds = d.getSeconds();
        return d.toMillisPart() == 0 ? seconds + " s" : d.toMillis() / 1000.0 + " s";
    }
}
