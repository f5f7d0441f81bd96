package dev.llmservice.shared;

/**
 * The shared state cannot be opened: no implementation for {@code LLM_STATE_URL} on the class path, or it refused the
 * settings. The message is one line and never contains a password.
 */
public class SharedStateException extends RuntimeException {

    public SharedStateException(String message) {
        super(message);
    }

    public SharedStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
