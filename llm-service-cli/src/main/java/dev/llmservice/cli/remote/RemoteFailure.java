package dev.llmservice.cli.remote;

import java.util.List;

/**
 * A remote operation that did not produce its report: the server could not be reached, refused the request, or
 * answered with something else than the document expected.
 *
 * @see RemoteOperations
 */
public final class RemoteFailure extends RuntimeException {

    private final int exitCode;
    private final List<String> lines;

    RemoteFailure(int exitCode, String message) {
        this(exitCode, List.of(message));
    }

    RemoteFailure(int exitCode, List<String> lines) {
        super(String.join(System.lineSeparator(), lines), null, false, false);
        this.exitCode = exitCode;
        this.lines = List.copyOf(lines);
    }

    /** The exit code the command ends with. */
    public int exitCode() {
        return exitCode;
    }

    /** What to show on standard error, one line each. */
    public List<String> lines() {
        return lines;
    }
}
