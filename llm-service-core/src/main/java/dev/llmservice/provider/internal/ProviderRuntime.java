package dev.llmservice.provider.internal;

import dev.llmservice.provider.retry.Sleeper;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * What a provider needs from the outside world besides the network: a way to wait, to tell the time and to draw
 * jitter. Production uses {@link #system()}; tests replace the parts they need to control.
 *
 * @param sleeper waits between retries
 * @param clock   wall clock for {@code checkedAt}
 * @param nanos   monotonic time for latencies, like {@link System#nanoTime()}
 * @param jitter  numbers in {@code [0, 1)} for retry backoff
 */
public record ProviderRuntime(Sleeper sleeper, Clock clock, LongSupplier nanos, DoubleSupplier jitter) {

    public ProviderRuntime {
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(nanos, "nanos");
        Objects.requireNonNull(jitter, "jitter");
    }

    /** Real sleeping, the system clock, {@link System#nanoTime()} and {@link ThreadLocalRandom}. */
    public static ProviderRuntime system() {
        return new ProviderRuntime(Sleeper.SYSTEM, Clock.systemUTC(), System::nanoTime,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    public ProviderRuntime withSleeper(Sleeper newSleeper) {
        return new ProviderRuntime(newSleeper, clock, nanos, jitter);
    }
}
