package dev.llmservice.journal.jdbc;

import org.slf4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A warning logged at most once per interval, however often the thing it warns about happens: losses are counted
 * exactly by the journal, the log only needs to say that they happen. The first occurrence is logged at once; later
 * ones within the interval are counted and their number is added to the next warning.
 *
 * <p>Thread-safe (synchronised: called only on losses, never on the normal path).
 */
final class RateLimitedWarning {

    private final Logger log;
    private final Clock clock;
    private final Duration interval;
    private Instant lastLogged;
    private long suppressed;

    RateLimitedWarning(Logger log, Clock clock, Duration interval) {
        this.log = log;
        this.clock = clock;
        this.interval = interval;
    }

    /** Logs {@code message} unless a warning was logged less than one interval ago; returns whether it logged. */
    synchronized boolean warn(String message) {
        Instant now = clock.instant();
        if (lastLogged != null && now.isBefore(lastLogged.plus(interval))) {
            suppressed++;
            return false;
        }
        String more = suppressed == 0 ? "" : " (" + suppressed + " similar warning" + (suppressed == 1 ? "" : "s")
                + " not logged in the last " + interval.toMinutes() + " min)";
        log.warn("{}{}", message, more);
        lastLogged = now;
        suppressed = 0;
        return true;
    }
}
