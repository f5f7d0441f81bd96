package dev.llmservice.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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

    /**
     * The names of the variables set, as far as this environment can list them; by default none (a plain function
     * cannot). Nothing is configured through this: it only lets {@link ProviderList} point out variables that no
     * provider reads (a typo in {@code LLM_PROVIDERS}).
     */
    default Set<String> names() {
        return Set.of();
    }

    /** The process environment only. */
    static Environment system() {
        return new Environment() {
            @Override
            public String get(String name) {
                return System.getenv(name);
            }

            @Override
            public Set<String> names() {
                return System.getenv().keySet();
            }
        };
    }

    /** A fixed map, for tests and embedding applications. */
    static Environment of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new Environment() {
            @Override
            public String get(String name) {
                return copy.get(name);
            }

            @Override
            public Set<String> names() {
                return copy.keySet();
            }
        };
    }

    /**
     * The process environment over the {@code .env} file named by {@code LLM_ENV_FILE}, or {@code ./.env}:
     * a real environment variable always wins over the file. A missing {@code ./.env} is not an error. Each
     * warning about the file is logged once at WARN (logger {@code dev.llmservice.config.Environment}), however
     * often this is called, until the file changes.
     */
    static Environment load() {
        Environment system = system();
        DotEnv file = dotEnv(system);
        DotEnvWarningLog.PROCESS.report(file.warnings());
        return system.orElse(file);
    }

    /**
     * {@code primary} over the {@code .env} file it names (or {@code ./.env}); {@code primary} wins. The file's
     * warnings are not reported here: a caller that shows them reads {@link #dotEnv(Environment)} instead.
     */
    static Environment withDotEnv(Environment primary) {
        return primary.orElse(dotEnv(primary));
    }

    /**
     * The {@code .env} file {@code primary} names in {@code LLM_ENV_FILE} (or {@code ./.env}), read now, with its
     * warnings. A missing {@code ./.env} is silent; a file {@code LLM_ENV_FILE} names that is missing, a directory
     * or unreadable is a warning naming the variable and the path. {@code LLM_ENV_FILE=/dev/null} reads no file.
     */
    static DotEnv dotEnv(Environment primary) {
        String named = primary.get(ENV_FILE_VARIABLE);
        return DotEnvParser.read(dotEnvPath(primary), named == null || named.isBlank() ? null : ENV_FILE_VARIABLE);
    }

    /** The {@code .env} file {@code primary} names in {@code LLM_ENV_FILE}, or {@code ./.env}; it may not exist. */
    static Path dotEnvPath(Environment primary) {
        String file = primary.get(ENV_FILE_VARIABLE);
        return file == null || file.isBlank() ? Path.of(".env") : Path.of(file.trim());
    }

    /**
     * The variables of a {@code .env} file, and a warning naming the file and line for everything in it that
     * could not be used; reading never fails. The syntax is what Docker Compose and python-dotenv accept:
     * <ul>
     *   <li>{@code NAME=value}, one per line; blanks around the name and {@code =} are ignored, and so is an
     *       {@code export } before the name. A name is letters, digits and {@code _}, not starting with a digit.
     *   <li>A line starting with {@code #} (after blanks) is a comment; so are blank lines.
     *   <li>An unquoted value ends at a {@code #} that follows a blank ({@code a=b #c} is {@code b},
     *       {@code a=b#c} is {@code b#c}, {@code a= #c} is empty); blanks at its end are dropped. Nothing in it
     *       is an escape.
     *   <li>{@code 'single'} and {@code "double"} quotes keep everything between them, {@code #} and blanks
     *       included; a comment may follow the closing quote. In single quotes {@code \} and {@code '} are
     *       escapes, in double quotes {@code \ ' "    
 
 	 }; any other backslash stays.
     *   <li>A quoted value may run over several lines (a PEM key), unless a line before its closing quote sets
     *       a variable of its own: then the opening quote is taken for unclosed.
     *   <li>No {@code $VAR} or {@code ${VAR}} expansion: a {@code $} is kept as it is.
     *   <li>UTF-8, with or without a byte-order mark; UTF-16 with a byte-order mark is read too. Lines end in
     *       LF, CRLF or CR. A later line setting the same name wins.
     * </ul>
     * Each of these is skipped with a warning, and the rest of the file is used: a line that is not UTF-8; a line
     * without {@code =}; a name that is not valid; a quote never closed, or closed with text after it (only the
     * line that opens it is skipped). A name set twice is a warning too. A warning names the file, the line and
     * the variable when its name is readable, never a value. A missing file yields an empty environment.
     */
    static DotEnv dotEnvFile(Path path) {
        return DotEnvParser.read(path, null);
    }

    /** This environment, falling back to {@code fallback} for variables this one does not set. */
    default Environment orElse(Environment fallback) {
        Objects.requireNonNull(fallback, "fallback");
        Environment primary = this;
        return new Environment() {
            @Override
            public String get(String name) {
                String value = primary.get(name);
                return value != null ? value : fallback.get(name);
            }

            @Override
            public Set<String> names() {
                Set<String> all = new HashSet<>(primary.names());
                all.addAll(fallback.names());
                return all;
            }
        };
    }
}
