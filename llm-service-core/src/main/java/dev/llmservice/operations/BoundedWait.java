package dev.llmservice.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Waits for a call until a given instant at most, whether or not the call itself keeps to it.
 *
 * <p>Why: the built-in providers honour a deadline, but a provider type of one's own
 * ({@code LLM_PROVIDERS_CLASSPATH}) may ignore it (the interface's default does), and a command that promises to stop
 * at its deadline must then stop waiting on its own. The call runs on a daemon thread, which is interrupted and left
 * behind when the time is up: the process ends soon after anyway.
 */
final class BoundedWait {

    private BoundedWait() {
    }

    /**
     * {@code call}'s result, or what it threw (a {@link RuntimeException} or {@link Error} as it came).
     *
     * @param clock  the clock {@code stopAt} is on: the one the call's own deadline is measured with, so that a test on
     *               virtual time never sees a real-time cut-off
     * @throws TimeoutException when {@code call} has not returned by {@code stopAt}
     */
    static <T> T call(Supplier<T> call, Clock clock, Instant stopAt) throws TimeoutException {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(stopAt, "stopAt");
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                result.complete(call.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "llm-operation-call");
        worker.setDaemon(true);
        worker.start();
        try {
            // Waits as long as the clock says is left, then asks the clock again: a real clock is done after one wait.
            for (Duration left = Duration.between(clock.instant(), stopAt); left.compareTo(Duration.ZERO) > 0;
                    left = Duration.between(clock.instant(), stopAt)) {
                try {
                    return result.get(left.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // asked again above
                }
            }
            if (result.isDone()) {
                return result.join();
            }
            worker.interrupt();
            throw new TimeoutException("no answer by " + stopAt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.interrupt();
            throw new CancellationException("interrupted while waiting for the call");
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (CompletionException e) {
            throw unwrap(e.getCause());
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
