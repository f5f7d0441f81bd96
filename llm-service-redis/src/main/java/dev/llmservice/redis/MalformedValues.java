package dev.llmservice.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Warns about a malformed value found in Redis (hand-edited), once per key and value: the shared state is re-read
 * every second, and a warning per read would repeat for as long as the value stays. A key whose value is fixed may
 * warn again if it is broken again.
 */
final class MalformedValues {

    private static final Logger LOG = LoggerFactory.getLogger("dev.llmservice.redis.SharedState");

    /** Key (and field) to the malformed value last warned about. */
    private final Map<String, String> warned = new ConcurrentHashMap<>();

    /** {@code where} holds {@code value}, which is not {@code expected} ({@code why}): warns unless it did already. */
    void found(String where, String value, String why, String expected, String consequence) {
        if (!value.equals(warned.put(where, value))) {
            LOG.warn("shared state: {} holds a malformed value ({}; expected {}): ignored, {} (logged once)",
                    where, why, expected, consequence);
        }
    }

    /** {@code where} holds a good value (or none) now. */
    void fine(String where) {
        warned.remove(where);
    }
}
