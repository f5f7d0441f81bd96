package dev.llmservice.consensus;

/**
 * The orchestrator's clock: a monotonic nanosecond counter, {@link System#nanoTime()} in production.
 * Latencies, per-provider timeouts and the request deadline are measured with it. Waiting itself is real
 * time, so a ticker advanced by hand suits only requests whose providers all answer without delay.
 */
@FunctionalInterface
public interface Ticker {

    long nanoTime();

    static Ticker system() {
        return System::nanoTime;
    }
}
