package dev.llmservice.journal;

/**
 * The journal cannot be opened or read: an unreachable database, a file that is not a journal, a schema newer than
 * this version knows. The message says which and where, never a password.
 */
public class JournalException extends RuntimeException {

    public JournalException(String message) {
        super(message);
    }

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
