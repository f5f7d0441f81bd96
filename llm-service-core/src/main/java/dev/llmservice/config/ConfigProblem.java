package dev.llmservice.config;

import java.util.Objects;

/**
 * One invalid configuration value: the variable, the value as given (masked when secret) and what was expected.
 *
 * @param variable the environment variable, e.g. {@code ANTHROPIC_WEIGHT}
 * @param value    the value as given, e.g. {@code 1.5}
 * @param expected what would have been accepted, e.g. {@code a number from 0.0 to 1.0}
 */
public record ConfigProblem(String variable, String value, String expected) {

    public ConfigProblem {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expected, "expected");
    }

    /**
     * {@code ANTHROPIC_WEIGHT was '1.5' but it must be a number from 0.0 to 1.0}; a long value is shortened
     * ({@link Excerpt}).
     */
    public String message() {
        return variable + " was " + Excerpt.quoted(value) + " but it must be " + expected;
    }

    @Override
    public String toString() {
        return message();
    }
}
