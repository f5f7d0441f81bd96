package dev.llmservice.journal;

import java.util.List;

/**
 * One page of journal entries, newest first.
 *
 * @param entries    at most the query's limit, each with its votes
 * @param nextCursor pass to {@link HistoryQuery#after(String)} for the next page; {@code null} when this is the
 *                   last. Opaque, and stable under inserts: entries recorded after the first page was read never
 *                   appear on later pages, and no entry appears twice.
 */
public record HistoryPage(List<JournalEntry> entries, String nextCursor) {

    public HistoryPage {
        entries = List.copyOf(entries);
    }

    public static HistoryPage empty() {
        return new HistoryPage(List.of(), null);
    }

    public boolean hasMore() {
        return nextCursor != null;
    }
}
