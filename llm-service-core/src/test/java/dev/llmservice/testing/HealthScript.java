package dev.llmservice.testing;

import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.HealthCheckResult;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;

/** What a {@link FakeProvider}'s health check does; may block (on latches or barriers, never on sleeps). */
@FunctionalInterface
public interface HealthScript {

    HealthCheckResult check(FakeProvider provider) throws Exception;

    /** Healthy, with the type's latency and clock. */
    static HealthScript healthy() {
        return FakeProvider::healthy;
    }

    /** Unhealthy with {@code kind} and {@code message}, with the type's latency and clock. */
    static HealthScript unhealthy(FailureKind kind, String message) {
        return p -> p.unhealthy(kind, message);
    }

    static HealthScript throwing(RuntimeException e) {
        return p -> {
            throw e;
        };
    }

    /** Blocks until {@code release} is counted down, then answers healthy. */
    static HealthScript blockUntil(CountDownLatch release) {
        return p -> {
            release.await();
            return healthy().check(p);
        };
    }

    /** Waits at {@code barrier}: it only opens when all its parties are inside their checks at the same time. */
    static HealthScript meetAt(CyclicBarrier barrier) {
        return p -> {
            barrier.await(10, java.util.concurrent.TimeUnit.SECONDS);
            return healthy().check(p);
        };
    }

    /** Never answers until interrupted (the checker interrupts abandoned checks). */
    static HealthScript hang() {
        return blockUntil(new CountDownLatch(1));
    }
}
