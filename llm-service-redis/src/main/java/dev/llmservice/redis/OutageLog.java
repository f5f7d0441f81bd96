package dev.llmservice.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether Redis can be reached, as the last command found, and the warnings about it: at most one a minute
 * ({@link #WARNING_INTERVAL}), also when it comes and goes (a command timing out under a burst, the next one
 * answered), and one line when it is back after an outage that was warned of.
 *
 * <p>Thread-safe: commands on any thread report their outcome here; the monitor is held only to update a few fields
 * and decide whether to log, never over I/O.
 */
final class OutageLog {

    /** At most one warning per this interval while Redis stays unreachable. */
    static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(OutageLog.class);

    private final String location;
    private final Clock clock;
    private Instant downSince;
    private String reason;
    private Instant lastWarning;
    private boolean warnedOfThisOutage;
    private int warnings;

    OutageLog(String location, Clock clock) {
        this.location = location;
        this.clock = clock;
    }

    /** A command failed: Redis is unreachable (warned now if none was this minute). */
    void down(String why) {
        Instant now = clock.instant();
        boolean warn;
        synchronized (this) {
            if (downSince == null) {
                downSince = now;
            }
            reason = why;
            warn = lastWarning == null || !now.isBefore(lastWarning.plus(WARNING_INTERVAL));
            if (warn) {
                lastWarning = now;
                warnedOfThisOutage = true;
                warnings++;
            }
        }
        if (warn) {
            LOG.warn("shared state {} cannot be reached since {} ({}): overrides stay as last read; circuits, rate "
                    + "limits and the consensus cache are this replica's alone (warned at most once a minute)", location, downSince(), why);
        }
    }

    /**
     * A command succeeded.
     *
     * @return whether Redis was unreachable until now (the caller then brings the state up to date)
     */
    boolean up() {
        Instant since;
        boolean warned;
        synchronized (this) {
            since = downSince;
            warned = warnedOfThisOutage;
            downSince = null;
            reason = null;
            warnedOfThisOutage = false;
        }
        if (warned) {
            LOG.info("shared state {} reachable again after {} s", location,
                    Duration.between(since, clock.instant()).toSeconds());
        }
        return since != null;
    }

    synchronized boolean isDown() {
        return downSince != null;
    }

    synchronized Instant downSince() {
        return downSince;
    }

    synchronized String reason() {
        return reason;
    }

    /** Warnings logged so far (for tests of the once-a-minute rule). */
    synchronized int warnings() {
        return warnings;
    }
}
