package dev.llmservice.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A {@code .env} file as read: the variables it sets and a warning for everything in it that could not be used
 * (see {@link Environment#dotEnvFile(Path)} for the syntax). Reading never fails: a line that cannot be used is
 * skipped with a warning and the rest of the file is read.
 *
 * @param file     the file, absolute (it may not exist)
 * @param values   the variables the file sets
 * @param warnings in file order: one per line that was skipped and per variable set twice, or one about the whole
 *                 file when it could not be read
 */
public record DotEnv(Path file, Map<String, String> values, List<DotEnvWarning> warnings) implements Environment {

    public DotEnv {
        Objects.requireNonNull(file, "file");
        values = Map.copyOf(values);
        warnings = List.copyOf(warnings);
    }

    /** No variables, no warnings: a missing default {@code ./.env}. */
    static DotEnv empty(Path file) {
        return new DotEnv(file, Map.of(), List.of());
    }

    /** Only {@code warning}: a file that could not be read at all. */
    static DotEnv unread(Path file, DotEnvWarning warning) {
        return new DotEnv(file, Map.of(), List.of(warning));
    }

    @Override
    public String get(String name) {
        return values.get(name);
    }

    @Override
    public java.util.Set<String> names() {
        return values.keySet();
    }

    /** The file, the names it sets and the number of warnings; never a value (it may be a key). */
    @Override
    public String toString() {
        return "DotEnv[file=" + file + ", variables=" + new TreeSet<>(values.keySet()) + ", warnings="
                + warnings.size() + "]";
    }
}
