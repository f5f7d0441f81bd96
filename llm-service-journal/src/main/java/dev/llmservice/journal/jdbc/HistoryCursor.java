package dev.llmservice.journal.jdbc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The position after the last entry of a page: its {@code (recorded_at_ms, id)}, the history's sort key. Opaque to
 * clients (URL-safe Base64 of {@code 1:<ms>:<id>}). Stable under inserts: the next page holds the entries strictly
 * older in that order, so an entry recorded meanwhile never shows up on it and none is shown twice.
 */
record HistoryCursor(long recordedAtMs, String id) {

    private static final String VERSION = "1";

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + ":" + recordedAtMs + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when {@code cursor} is not one {@link #encode()} wrote */
    static HistoryCursor decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split(":", 3);
            if (parts.length == 3 && parts[0].equals(VERSION) && !parts[2].isEmpty()) {
                return new HistoryCursor(Long.parseLong(parts[1]), parts[2]);
            }
        } catch (IllegalArgumentException e) {
            // reported below (NumberFormatException is one)
        }
        String shown = cursor.length() > 40 ? cursor.substring(0, 37) + "..." : cursor;
        throw new IllegalArgumentException("cursor was '" + shown + "' but it must be a next_cursor this journal returned");
    }
}
