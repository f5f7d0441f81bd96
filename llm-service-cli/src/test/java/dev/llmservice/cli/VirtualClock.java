package dev.llmservice.cli;

import dev.llmservice.provider.internal.ProviderRuntime;
import dev.llmservice.provider.retry.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time that moves only when something sleeps on it, for the command and the providers alike: a retry's wait returns
 * at once and moves the clock on, so a test sees whether a command kept to its deadline without waiting for it.
 */
final class VirtualClock extends Clock implements Sleeper {

    private final Instant start;
    private final AtomicLong sleptNanos = new AtomicLong();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    VirtualClock(Instant start) {
        this.start = start;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        sleptNanos.addAndGet(duration.toNanos());
    }

    /** Every wait asked for, in order. */
    List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    /** What a built-in provider runs on: this time, and jitter 0.5 (backoffs of 375 ms, 750 ms, ...). */
    ProviderRuntime runtime() {
        return new ProviderRuntime(this, this, sleptNanos::get, () -> 0.5);
    }

    @Override
    public Instant instant() {
        return start.plusNanos(sleptNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
