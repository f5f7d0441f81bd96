package dev.llmservice.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something in a {@code .env} file that could not be used as written: a line that was skipped, a variable set twice,
 * a file that could not be read. It never holds a value from the file (a value may be a secret): only the file, the
 * line number, a variable name when the line has a valid one, and what was wrong.
 *
 * @param file    the {@code .env} file, absolute
 * @param line    the line (1 is the first), or 0 when the warning is about the whole file
 * @param message the complete text shown to users, e.g.
 *                {@code /srv/app/.env:3: OPENAI_API_KEY: the " opened here is never closed; the line is skipped}
 */
public record DotEnvWarning(Path file, int line, String message) {

    public DotEnvWarning {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line must be 0 (the whole file) or more, but was " + line);
        }
    }

    /** A problem on one line: {@code FILE:LINE: problem}. */
    static DotEnvWarning atLine(Path file, int line, String problem) {
        return new DotEnvWarning(file, line, file + ":" + line + ": " + problem);
    }

    /** A problem with the whole file; {@code message} names the file itself. */
    static DotEnvWarning ofFile(Path file, String message) {
        return new DotEnvWarning(file, 0, message);
    }

    @Override
    public String toString() {
        return message;
    }
}
