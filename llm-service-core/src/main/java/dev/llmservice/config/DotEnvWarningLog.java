package dev.llmservice.config;

import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Passes on each {@code .env} warning once, however often the file is re-read: a server reads it at start, at every
 * re-initialisation and for its tokens, and the same warning on each read would bury the first one. A warning that
 * was not in the previous read is passed on (a new problem after an edit, or one that came back); one that goes on
 * being found is not.
 *
 * <p>Thread-safe: the previous read is swapped atomically, so two threads reading the same file pass each warning on
 * once between them.
 */
final class DotEnvWarningLog {

    /** The process's, for {@link Environment#load()}: each warning once at WARN. */
    static final DotEnvWarningLog PROCESS = new DotEnvWarningLog(LoggerFactory.getLogger(Environment.class)::warn);

    private final Consumer<String> sink;
    private final AtomicReference<Set<String>> previous = new AtomicReference<>(Set.of());

    DotEnvWarningLog(Consumer<String> sink) {
        this.sink = sink;
    }

    /** Passes on those of {@code warnings} that the previous call did not have. */
    void report(List<DotEnvWarning> warnings) {
        Set<String> current = new LinkedHashSet<>();
        warnings.forEach(w -> current.add(w.message()));
        Set<String> before = previous.getAndSet(current);
        current.stream().filter(message -> !before.contains(message)).forEach(sink);
    }
}
