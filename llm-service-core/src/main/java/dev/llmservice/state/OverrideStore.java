package dev.llmservice.state;

import dev.llmservice.config.Environment;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where runtime {@code --enable}/{@code --disable} decisions are kept, so that the next CLI invocation and a
 * running server see them. Implementations are thread-safe.
 *
 * <p>A store that cannot be read fails closed: {@link #load()} throws rather than answering "no overrides", so
 * that a damaged file never silently re-enables a provider an operator disabled, and {@link #set} refuses to
 * write over it (which would erase every other override) unless asked to replace it.
 */
public interface OverrideStore {

    /** Variable naming the state file. */
    String STATE_FILE_VARIABLE = "LLM_STATE_FILE";

    /**
     * Provider name (lower case) to enabled flag; empty when the store does not exist yet.
     *
     * @throws StateFileException when the store exists but cannot be read: its overrides are unknown, and a
     *                            caller keeps those it already has (a running server keeps the last good ones)
     */
    Map<String, Boolean> load();

    /**
     * Persists an override; {@code null} removes it. Refuses to write over a store it cannot read.
     *
     * @throws StateFileException when the store cannot be read (nothing is written, so that the overrides in it
     *                            are not lost), is read-only, or cannot be written
     */
    default void set(String name, Boolean enabled) {
        set(name, enabled, false);
    }

    /**
     * As {@link #set(String, Boolean)}; with {@code replaceDamaged}, a {@linkplain StateFileException.Reason#DAMAGED
     * damaged} store is replaced by one holding only this override, after a copy of it is kept (a file's in
     * {@code FILE.bak}, see {@link StateFileException#backupLocation()}). A read-only or unusable store is never
     * replaced.
     *
     * @throws StateFileException as {@link #set(String, Boolean)}, except for a damaged store when replacing
     */
    void set(String name, Boolean enabled, boolean replaceDamaged);

    /**
     * What this instance's last read of the store threw (its {@link StateFileException#problem()} is e.g.
     * {@code not valid JSON (…)}); empty when that read succeeded or nothing was read yet. Every {@link #load()}
     * and {@link #set} reads it; a running server's watcher loads it every poll interval, so this is what its
     * status and health show. A write that failed for another reason (read-only, I/O) is not a problem of the
     * overrides in effect: that writer was told.
     */
    default Optional<StateFileException> readFailure() {
        return Optional.empty();
    }

    /**
     * The overrides to apply when {@link #load()} fails and the caller has none of its own yet (a process starting):
     * for a shared store, the local mirror of the overrides it last read, so that a provider disabled there stays
     * disabled while the store cannot be reached. Empty for a file (whose failure leaves nothing better to apply).
     * Never throws.
     */
    default Map<String, Boolean> lastKnown() {
        return Map.of();
    }

    /**
     * Tells {@code onChange} whenever the store may have been changed by another process, for a caller that applies
     * the overrides to a running registry: it then reads the store ({@link #load()}) at once instead of waiting for
     * its next poll. A store that cannot tell (a file) never calls it: the caller polls. {@code onChange} runs on the
     * store's own thread and must not block.
     *
     * @return closes the subscription
     */
    default AutoCloseable subscribe(Runnable onChange) {
        return () -> { };
    }

    /** Where the overrides live, for messages (a path, or {@code memory}). */
    String location();

    static OverrideStore inMemory() {
        return new InMemoryOverrideStore();
    }

    static OverrideStore file(Path path) {
        return new FileOverrideStore(path);
    }

    /** {@code LLM_STATE_FILE}, or {@code ~/.llm-service/state.json}. */
    static OverrideStore fromEnvironment(Environment env) {
        return file(defaultPath(env));
    }

    static Path defaultPath(Environment env) {
        String configured = env.get(STATE_FILE_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip());
        }
        return Path.of(System.getProperty("user.home"), ".llm-service", "state.json");
    }
}
