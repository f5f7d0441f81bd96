package dev.llmservice.spring.security;

/**
 * A setting read outside Spring's property binding (an environment variable that may also come from {@code .env})
 * has a value that cannot be used; the message names the variable, the value and what was expected. The application
 * does not start: nothing falls back to a more open default.
 */
public class InvalidSettingException extends IllegalArgumentException {

    public InvalidSettingException(String message) {
        super(message);
    }
}
