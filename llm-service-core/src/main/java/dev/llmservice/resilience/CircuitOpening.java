package dev.llmservice.resilience;

import dev.llmservice.provider.FailureKind;

import java.time.Instant;
import java.util.Objects;

/**
 * One opening of a provider's circuit, as replicas tell each other through {@link CircuitSharing}: who opened it,
 * when, until when calls fail fast, and why.
 *
 * @param openedBy            the replica that opened it ({@code host:pid}, or {@code LLM_INSTANCE_ID})
 * @param openedAt            when it opened
 * @param retryAt             when the one probe call may go through
 * @param consecutiveFailures the failures in a row that opened it
 * @param lastFailure         the kind of the failure that opened it
 * @param lastFailureMessage  its message (never contains a key), or {@code null}
 */
public record CircuitOpening(String openedBy, Instant openedAt, Instant retryAt, int consecutiveFailures,
                             FailureKind lastFailure, String lastFailureMessage) {

    public CircuitOpening {
        Objects.requireNonNull(openedBy, "openedBy");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(retryAt, "retryAt");
        Objects.requireNonNull(lastFailure, "lastFailure");
    }

    /** Whether this is the same opening as {@code other}: the same replica opened it at the same instant. */
    public boolean sameAs(CircuitOpening other) {
        return other != null && openedBy.equals(other.openedBy) && openedAt.equals(other.openedAt);
    }
}
