package dev.llmservice.testing;

import dev.llmservice.provider.internal.ProviderRuntime;
import dev.llmservice.provider.retry.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock and a sleeper that agree: sleeping returns at once and moves the clock forward by the time slept, so that a
 * test can check "returned within its deadline" without waiting. {@link #frozenAt} moves only by sleeps;
 * {@link #realTimeFrom} also moves with real time, for calls that really wait on the network (a timeout).
 */
public final class VirtualTime extends Clock implements Sleeper {

    private final Instant base;
    private final boolean followsRealTime;
    private final long realStart = System.nanoTime();
    private final AtomicLong sleptNanos = new AtomicLong();
    private final List<Duration> sleeps = new ArrayList<>();

    private VirtualTime(Instant base, boolean followsRealTime) {
        this.base = base;
        this.followsRealTime = followsRealTime;
    }

    /** Time that stands still except when something sleeps. */
    public static VirtualTime frozenAt(Instant start) {
        return new VirtualTime(start, false);
    }

    /** Real time plus every sleep, starting at {@code start}. */
    public static VirtualTime realTimeFrom(Instant start) {
        return new VirtualTime(start, true);
    }

    /** Nanoseconds since this clock was made (real, when it follows real time, plus slept). */
    public long nanos() {
        return (followsRealTime ? System.nanoTime() - realStart : 0) + sleptNanos.get();
    }

    @Override
    public Instant instant() {
        return base.plusNanos(nanos());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public void sleep(Duration duration) {
        synchronized (sleeps) {
            sleeps.add(duration);
        }
        sleptNanos.addAndGet(duration.toNanos());
    }

    /** Every requested sleep, in order. */
    public List<Duration> sleeps() {
        synchronized (sleeps) {
            return List.copyOf(sleeps);
        }
    }

    /** A provider runtime on this time, with the given jitter. */
    public ProviderRuntime runtime(double jitter) {
        return new ProviderRuntime(this, this, this::nanos, () -> jitter);
    }
}
