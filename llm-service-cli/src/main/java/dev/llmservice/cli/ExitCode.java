package dev.llmservice.cli;

/**
 * The exit codes of {@code llm-providers}: compile-time constants, so that picocli's annotations can name them.
 */
public final class ExitCode {

    /** Success; for {@code consensus}: decided. */
    public static final int OK = 0;
    /**
     * A check failed: unhealthy provider, failed test, provider still unavailable after {@code --enable}, a state
     * file that cannot be read, a server that refused or could not be reached; for {@code consensus}: not decided.
     * Also an unexpected error.
     */
    public static final int CHECK_FAILED = 1;
    /** Usage error: unknown provider or option, two actions, a missing or malformed value. Nothing was changed. */
    public static final int USAGE = 2;

    private ExitCode() {
    }
}
