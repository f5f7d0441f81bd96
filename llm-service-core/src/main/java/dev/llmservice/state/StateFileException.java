package dev.llmservice.state;

import java.util.Objects;

/**
 * The override store cannot be read, or refuses or fails to be written. The message is one line naming the store
 * and what is wrong, e.g. {@code state file /home/me/.llm-service/state.json: not valid JSON (Unexpected
 * end-of-input at line 1, column 2)}, followed, for a refused write, by what was not done.
 */
public final class StateFileException extends RuntimeException {

    /** Why the store cannot be used; tells a caller what could help. */
    public enum Reason {
        /**
         * It exists but does not hold the documented format (not JSON, empty, a value of the wrong type): its
         * overrides are unknown. A write that asks for it ({@link OverrideStore#set(String, Boolean, boolean)})
         * replaces it, keeping a copy.
         */
        DAMAGED,
        /** It has no write permission: its owner does not want it changed. Nothing is written. */
        READ_ONLY,
        /** It can be neither read nor written as it is: a directory in its place, no permission, an I/O error. */
        UNUSABLE
    }

    private final String kind;
    private final String location;
    private final Reason reason;
    private final String problem;
    private final String backupLocation;

    /**
     * @param location       the store, as {@link OverrideStore#location()}
     * @param reason         the kind of problem
     * @param problem        what is wrong, without the location: {@code not valid JSON (…)}
     * @param backupLocation where a forced write would keep a copy of a damaged store; {@code null} if none
     * @param consequence    what was therefore not done, e.g. {@code not overwritten, …}; {@code null} for a read
     * @param cause          the underlying failure, or {@code null}
     */
    public StateFileException(String location, Reason reason, String problem, String backupLocation,
                              String consequence, Throwable cause) {
        this("state file", location, reason, problem, backupLocation, consequence, cause);
    }

    /**
     * As the other constructor, for a store that is not a file: {@code kind} starts the message instead of
     * {@code state file}, e.g. {@code shared state redis://redis.internal:6379/0: unreachable (Connection refused)}.
     */
    public StateFileException(String kind, String location, Reason reason, String problem, String backupLocation,
                              String consequence, Throwable cause) {
        super(kind + " " + location + ": " + problem + (consequence == null ? "" : "; " + consequence), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.location = Objects.requireNonNull(location, "location");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.problem = Objects.requireNonNull(problem, "problem");
        this.backupLocation = backupLocation;
    }

    /** The same problem, reported for a write that did not happen because of it. */
    StateFileException refusing(String consequence) {
        return new StateFileException(kind, location, reason, problem, backupLocation, consequence, this);
    }

    /** The store, as {@link OverrideStore#location()}. */
    public String location() {
        return location;
    }

    public Reason reason() {
        return reason;
    }

    /** What is wrong, without the location, e.g. {@code not valid JSON (…)}; for status output. */
    public String problem() {
        return problem;
    }

    /** Where a forced write keeps the damaged store ({@code FILE.bak}); {@code null} when there is no such copy. */
    public String backupLocation() {
        return backupLocation;
    }
}
