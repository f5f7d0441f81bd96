package dev.llmservice.testing;

import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.resilience.CircuitBreaker;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls through circuit breakers to a vendor that only counts them: {@link #succeed} answers {@code ok},
 * {@link #fail} fails {@code unavailable} (a failure that counts), and {@link #count()} says how many reached the
 * vendor, i.e. were not refused by an open circuit. For tests of breakers, shared (several replicas' breakers of one
 * provider) or not.
 */
public final class BreakerCalls {

    private final String provider;
    private final AtomicInteger calls = new AtomicInteger();

    public BreakerCalls(String provider) {
        this.provider = provider;
    }

    /** Counts a call that reached the vendor, for a test's own call through a breaker. */
    public void reached() {
        calls.incrementAndGet();
    }

    /** Calls that reached the vendor so far. */
    public int count() {
        return calls.get();
    }

    /** A call through {@code breaker} that succeeds; throws what the breaker throws (an open circuit). */
    public String succeed(CircuitBreaker breaker) {
        return breaker.execute(() -> {
            reached();
            return "ok";
        });
    }

    /** A call through {@code breaker} that fails {@code unavailable}, or the breaker's refusal: what it threw. */
    public ProviderException fail(CircuitBreaker breaker) {
        try {
            breaker.execute(() -> {
                reached();
                throw new ProviderException(provider, FailureKind.UNAVAILABLE, 503, provider + " failed (unavailable)",
                        null);
            });
        } catch (ProviderException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    /** {@code n} failed calls through {@code breaker}. */
    public void failTimes(CircuitBreaker breaker, int n) {
        for (int i = 0; i < n; i++) {
            fail(breaker);
        }
    }
}
