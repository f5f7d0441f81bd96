package dev.llmservice.resilience;

import java.util.Locale;

/** The state of a provider's circuit breaker, as shown in status output. */
public enum CircuitState {
    /** Calls go through; consecutive failures are counted. */
    CLOSED,
    /** Calls fail fast with {@link CircuitOpenException}, without I/O, until the cool-down has passed. */
    OPEN,
    /** The cool-down has passed: exactly one call goes through as a probe; its success closes the circuit. */
    HALF_OPEN;

    /** {@code half_open}: the form used in JSON and on the command line. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
