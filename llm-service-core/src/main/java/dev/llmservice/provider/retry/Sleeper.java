package dev.llmservice.provider.retry;

import java.time.Duration;

/**
 * Waits between retries. Tests pass a recording sleeper so that no test really sleeps.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * The real one: {@link Thread#sleep}. When interrupted it returns early and leaves the thread's interrupt flag
     * set, so the retry loop stops.
     */
    Sleeper SYSTEM = duration -> {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    };

    void sleep(Duration duration);
}
