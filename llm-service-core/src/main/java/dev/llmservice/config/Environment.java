package dev.llmservice.config;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one seam through which configuration is read: a variable name in, its raw value (or {@code null}) out.
 *
 * <p>Tests pass {@code Environment.of(Map.of(...))} instead of touching {@code System.getenv}.
 * Production code uses {@link #load()}: the process environment layered over a {@code .env} file.
 */
@FunctionalInterface
public interface Environment {

    /** Variable naming an alternative {@code .env} file; default is {@code .env} in the working directory. */
    String ENV_FILE_VARIABLE = "LLM_ENV_FILE";

    /** The raw value of {@code name}, or {@code null} when it is not set. */
    String get(String name);

    /** The process environment only. */
    static Environment system() {
        return System::getenv;
    }

    /** A fixed map, for tests and embedding applications. */
    static Environment of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return copy::get;
    }

    /**
     * The process environment over the {@code .env} file named by {@code LLM_ENV_FILE}, or {@code ./.env}:
     * a real environment variable always wins over the file. A missing file is not an error.
     */
    static Environment load() {
        return withDotEnv(system());
    }

    /** {@code primary} over the {@code .env} file it names (or {@code ./.env}); {@code primary} wins. */
    static Environment withDotEnv(Environment primary) {
        return primary.orElse(dotEnvFile(dotEnvPath(primary)));
    }

    /** The {@code .env} file {@code primary} names in {@code LLM_ENV_FILE}, or {@code ./.env}; it may not exist. */
    static Path dotEnvPath(Environment primary) {
        String file = primary.get(ENV_FILE_VARIABLE);
        return file == null || file.isBlank() ? Path.of(".env") : Path.of(file.trim());
    }

    /**
     * The variables of a {@code .env} file ({@code KEY=value}, {@code #} comments, optional quotes).
     * A missing file yields an empty environment; a malformed one is read as far as it is valid.
     */
    static Environment dotEnvFile(Path path) {
        if (!Files.isRegularFile(path)) {
            return name -> null;
        }
        Path abs = path.toAbsolutePath();
        // dotenv-java drops a trailing ".env" from the directory it is given (it takes "x/.env" for the file
        // itself); a trailing separator keeps a directory such as "project.env" intact.
        String directory = abs.getParent() == null ? "." : abs.getParent().toString();
        Dotenv dotenv = Dotenv.configure()
                .directory(directory + "/")
                .filename(abs.getFileName().toString())
                .ignoreIfMalformed()
                .ignoreIfMissing()
                .load();
        Map<String, String> values = new HashMap<>();
        for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
            values.put(entry.getKey(), unquoteSingle(entry.getValue()));
        }
        return of(values);
    }

    /**
     * dotenv-java removes double quotes but keeps single ones; python-dotenv and Docker Compose remove both,
     * and a quoted key or model would otherwise reach the vendor with its quotes.
     */
    private static String unquoteSingle(String value) {
        if (value != null && value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** This environment, falling back to {@code fallback} for variables this one does not set. */
    default Environment orElse(Environment fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return name -> {
            String value = get(name);
            return value != null ? value : fallback.get(name);
        };
    }
}
