package dev.llmservice.journal;

import java.time.Instant;

/**
 * Which journal entries to list, newest first.
 *
 * @param pair   only this pair (exact, e.g. {@code BTC/USDT}), or {@code null} for all
 * @param since  only entries recorded at or after this instant, or {@code null} for all
 * @param limit  at most this many entries per page, {@value #MIN_LIMIT} to {@value #MAX_LIMIT}
 * @param cursor where the previous page ended ({@link HistoryPage#nextCursor()}), or {@code null} for the first
 */
public record HistoryQuery(String pair, Instant since, int limit, String cursor) {

    public static final int MIN_LIMIT = 1;
    public static final int MAX_LIMIT = 1000;
    /** The page size when none is given. */
    public static final int DEFAULT_LIMIT = 50;

    public HistoryQuery {
        if (limit < MIN_LIMIT || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit was " + limit + " but it must be a whole number from "
                    + MIN_LIMIT + " to " + MAX_LIMIT);
        }
        if (pair != null && pair.isBlank()) {
            pair = null;
        }
        if (cursor != null && cursor.isBlank()) {
            cursor = null;
        }
    }

    /** The newest {@value #DEFAULT_LIMIT} entries of every pair. */
    public static HistoryQuery newest() {
        return new HistoryQuery(null, null, DEFAULT_LIMIT, null);
    }

    public HistoryQuery withPair(String pair) {
        return new HistoryQuery(pair, since, limit, cursor);
    }

    public HistoryQuery withSince(Instant since) {
        return new HistoryQuery(pair, since, limit, cursor);
    }

    public HistoryQuery withLimit(int limit) {
        return new HistoryQuery(pair, since, limit, cursor);
    }

    /** The page after the one {@code cursor} ended. */
    public HistoryQuery after(String cursor) {
        return new HistoryQuery(pair, since, limit, cursor);
    }
}
