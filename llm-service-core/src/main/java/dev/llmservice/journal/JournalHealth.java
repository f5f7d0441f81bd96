package dev.llmservice.journal;

import java.util.Objects;

/**
 * The journal's health, for a health endpoint's {@code journal} component and for status output.
 *
 * @param up       whether entries are being written
 * @param reason   why not when down (e.g. {@code cannot write to jdbc:postgresql://db:5432/llm: Connection
 *                 refused}); a short description when up
 * @param location where the journal is (a file, or a JDBC URL without its password)
 * @param dropped  entries lost since start (queue full, database down, closed); {@code llm_journal_dropped_total}
 * @param queued   entries waiting to be written
 */
public record JournalHealth(boolean up, String reason, String location, long dropped, int queued) {

    public JournalHealth {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(location, "location");
    }

    /** {@code UP} or {@code DOWN}. */
    public String status() {
        return up ? "UP" : "DOWN";
    }
}
