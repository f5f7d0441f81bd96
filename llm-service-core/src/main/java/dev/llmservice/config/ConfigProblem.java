package dev.llmservice.config;

import java.util.Objects;

/**
 * One invalid configuration value: the variable, the value as given (masked when secret) and what was expected.
 *
 * @param variable the environment variable, e.g. {@code ANTHROPIC_WEIGHT}
 * @param value    the value as given, e.g. {@code 1.5}; {@code null} when a required variable is not set
 * @param expected what would have been accepted, e.g. {@code a number from 0.0 to 1.0}
 */
public record ConfigProblem(String variable, String value, String expected) {

    public ConfigProblem {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(expected, "expected");
    }

    /** A required variable that is not set. */
    public static ConfigProblem missing(String variable, String expected) {
        return new ConfigProblem(variable, null, expected);
    }

    /**
     * {@code ANTHROPIC_WEIGHT was '1.5' but it must be a number from 0.0 to 1.0}; for a required variable not set,
     * {@code LOCAL_MODEL is not set but it must be ...}; a long value is shortened ({@link Excerpt}).
     */
    public String message() {
        return variable + (value == null ? " is not set" : " was " + Excerpt.quoted(value)) + " but it must be " + expected;
    }

    @Override
    public String toString() {
        return message();
    }
}
