package dev.llmservice.resilience;

import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.ProviderException;

import java.time.Duration;
import java.util.Objects;

/**
 * A call refused by the provider's open circuit breaker: nothing was sent. Its kind is
 * {@link FailureKind#CIRCUIT_OPEN}, it is not retryable, and while the circuit is open
 * {@link #retryAfter()} says how long until a probe may go through. Consensus counts it as a skipped vote with
 * reason {@code circuit_open}.
 */
public final class CircuitOpenException extends ProviderException {

    private final transient CircuitBreaker.Snapshot circuit;

    public CircuitOpenException(String provider, CircuitBreaker.Snapshot circuit, Duration retryAfter) {
        super(provider, FailureKind.CIRCUIT_OPEN, 0, provider + " was not called: its circuit breaker is "
                + Objects.requireNonNull(circuit, "circuit").describe(), null, false, retryAfter);
        this.circuit = circuit;
    }

    /** The breaker's state when the call was refused. */
    public CircuitBreaker.Snapshot circuit() {
        return circuit;
    }
}
