package dev.llmservice.ratelimit;

import dev.llmservice.provider.ForwardingLlmProvider;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.RetryListener;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A provider kept within its {@code P_RPM} / {@code P_TPM} by a {@link RateLimiter} (see there for what a call
 * takes, waits for and gives back). {@link dev.llmservice.factory.ProviderFactory} puts it inside the circuit breaker,
 * so a call refused by an open circuit takes no room, and a call refused here is not a failure of the vendor's.
 */
public final class RateLimitedProvider extends ForwardingLlmProvider {

    private final RateLimiter limiter;

    RateLimitedProvider(LlmProvider delegate, RateLimiter limiter) {
        super(delegate);
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    /** Without a deadline, a call waits for room at most its provider's timeout. */
    @Override
    public GenerationResult generate(GenerationRequest request) {
        return generate(request, withinTimeout(), RetryListener.NONE);
    }

    @Override
    public GenerationResult generate(GenerationRequest request, Instant deadline, RetryListener onRetry) {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(onRetry, "onRetry");
        RateLimiter.Permit permit = acquire(request, deadline);
        GenerationResult result = delegate().generate(request, deadline, event -> {
            permit.retried();
            onRetry.onRetry(event);
        });
        permit.settle(result.usage());
        return result;
    }

    /** A streamed call takes room as any other, and streams (the interface's default would not). */
    @Override
    public GenerationResult stream(GenerationRequest request, Consumer<String> onText) {
        Objects.requireNonNull(onText, "onText");
        RateLimiter.Permit permit = acquire(request, withinTimeout());
        GenerationResult result = delegate().stream(request, onText);
        permit.settle(result.usage());
        return result;
    }

    private RateLimiter.Permit acquire(GenerationRequest request, Instant deadline) {
        return limiter.acquire(config(), RateLimiter.estimateTokens(request, config().maxTokens()), deadline);
    }

    private Instant withinTimeout() {
        return limiter.clock().instant().plus(config().timeout());
    }

    @Override
    public String toString() {
        return delegate() + " within " + config().rateLimits().describe();
    }
}
