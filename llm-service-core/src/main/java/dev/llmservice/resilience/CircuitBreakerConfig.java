package dev.llmservice.resilience;

import dev.llmservice.provider.FailureKind;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When a provider's circuit opens and for how long. Immutable; defaults are the named constants below.
 *
 * <table>
 *   <caption>What a failed call does to the circuit</caption>
 *   <tr><th>failure kind</th><th>effect</th></tr>
 *   <tr><td>{@code authentication}</td><td>opens it at once: no retry or wait fixes a rejected key</td></tr>
 *   <tr><td>{@code rate_limited}, {@code unavailable}, {@code timeout}, {@code bad_response}</td>
 *       <td>counts; {@link #failureThreshold()} consecutive ones open it</td></tr>
 *   <tr><td>{@code refused}, {@code invalid_request}, {@code other}</td>
 *       <td>ignored: about this request (or the caller cancelled it), not about the vendor's health</td></tr>
 * </table>
 * A successful call resets the count. A call is one {@code generate}, its retries included.
 *
 * @param failureThreshold consecutive failed calls that open the circuit; at least 1, default
 *                         {@value #DEFAULT_FAILURE_THRESHOLD}
 * @param openDuration     how long an open circuit refuses calls before it lets one probe through; greater than 0,
 *                         default {@link #DEFAULT_OPEN_DURATION}
 */
public record CircuitBreakerConfig(int failureThreshold, Duration openDuration) {

    /** Consecutive failed calls that open the circuit. */
    public static final int DEFAULT_FAILURE_THRESHOLD = 5;
    /** Cool-down of an open circuit before one probe call is let through. */
    public static final Duration DEFAULT_OPEN_DURATION = Duration.ofSeconds(30);

    /** Every default. */
    public static final CircuitBreakerConfig DEFAULT =
            new CircuitBreakerConfig(DEFAULT_FAILURE_THRESHOLD, DEFAULT_OPEN_DURATION);

    /** Failure kinds that count towards {@link #failureThreshold()}. */
    public static final Set<FailureKind> COUNTED = Set.copyOf(EnumSet.of(
            FailureKind.RATE_LIMITED, FailureKind.UNAVAILABLE, FailureKind.TIMEOUT, FailureKind.BAD_RESPONSE));
    /** Failure kinds that open the circuit at once. */
    public static final Set<FailureKind> OPENS_AT_ONCE = Set.of(FailureKind.AUTHENTICATION);

    public CircuitBreakerConfig {
        Objects.requireNonNull(openDuration, "openDuration");
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1, but was " + failureThreshold);
        }
        if (openDuration.isZero() || openDuration.isNegative()) {
            throw new IllegalArgumentException("openDuration must be greater than 0, but was " + openDuration);
        }
    }

    public CircuitBreakerConfig withFailureThreshold(int threshold) {
        return new CircuitBreakerConfig(threshold, openDuration);
    }

    public CircuitBreakerConfig withOpenDuration(Duration duration) {
        return new CircuitBreakerConfig(failureThreshold, duration);
    }

    /** Whether a failure of {@code kind} counts towards the threshold. */
    public boolean counts(FailureKind kind) {
        return COUNTED.contains(kind);
    }

    /** Whether a failure of {@code kind} opens the circuit at once. */
    public boolean opensAtOnce(FailureKind kind) {
        return OPENS_AT_ONCE.contains(kind);
    }
}
