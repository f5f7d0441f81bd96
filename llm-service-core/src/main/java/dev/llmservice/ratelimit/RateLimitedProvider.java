package dev.llmservice.ratelimit;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.RetryListener;

import java.time.Instant;
import java.util.Objects;

/**
 * A provider kept within its {@code P_RPM} / {@code P_TPM} by a {@link RateLimiter} (see there for what a call
 * takes, waits for and gives back). {@link dev.llmservice.factory.ProviderFactory} puts it inside the circuit breaker,
 * so a call refused by an open circuit takes no room, and a call refused here is not a failure of the vendor's.
 */
public final class RateLimitedProvider implements LlmProvider {

    private final LlmProvider delegate;
    private final RateLimiter limiter;

    RateLimitedProvider(LlmProvider delegate, RateLimiter limiter) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    /** The provider behind the limit. */
    public LlmProvider delegate() {
        return delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public ProviderConfig config() {
        return delegate.config();
    }

    /** Without a deadline, a call waits for room at most its provider's timeout. */
    @Override
    public GenerationResult generate(GenerationRequest request) {
        return generate(request, limiter.clock().instant().plus(config().timeout()), RetryListener.NONE);
    }

    @Override
    public GenerationResult generate(GenerationRequest request, Instant deadline) {
        return generate(request, deadline, RetryListener.NONE);
    }

    @Override
    public GenerationResult generate(GenerationRequest request, Instant deadline, RetryListener onRetry) {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(onRetry, "onRetry");
        RateLimiter.Permit permit = limiter.acquire(config(),
                RateLimiter.estimateTokens(request, config().maxTokens()), deadline);
        GenerationResult result = delegate.generate(request, deadline, event -> {
            permit.retried();
            onRetry.onRetry(event);
        });
        permit.settle(result.usage());
        return result;
    }

    @Override
    public HealthCheckResult healthCheck() {
        return delegate.healthCheck();
    }

    @Override
    public String toString() {
        return delegate + " within " + config().rateLimits().describe();
    }
}
