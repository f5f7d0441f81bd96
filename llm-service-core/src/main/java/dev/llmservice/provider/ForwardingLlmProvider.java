package dev.llmservice.provider;

import dev.llmservice.config.ProviderConfig;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A provider that wraps another and passes every call on to it: the base of the wrappers (circuit breaker, rate
 * limit, metrics), so that each overrides only what it adds, and nothing (streaming, JSON mode, the deadline, the
 * retry listener) is lost on the way to the interface's defaults, which are for providers that cannot do those.
 * A wrapper that must see every call (a limit, a breaker) overrides each {@code generate} and {@code stream}.
 */
public abstract class ForwardingLlmProvider implements LlmProvider {

    private final LlmProvider delegate;

    protected ForwardingLlmProvider(LlmProvider delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The provider wrapped. */
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

    @Override
    public GenerationResult generate(GenerationRequest request) {
        return delegate.generate(request);
    }

    /** As {@link #generate(GenerationRequest, Instant, RetryListener)} with no listener: a wrapper overrides that one. */
    @Override
    public GenerationResult generate(GenerationRequest request, Instant deadline) {
        return generate(request, deadline, RetryListener.NONE);
    }

    @Override
    public GenerationResult generate(GenerationRequest request, Instant deadline, RetryListener onRetry) {
        return delegate.generate(request, deadline, onRetry);
    }

    @Override
    public GenerationResult stream(GenerationRequest request, Consumer<String> onText) {
        return delegate.stream(request, onText);
    }

    @Override
    public boolean supportsJsonMode() {
        return delegate.supportsJsonMode();
    }

    @Override
    public HealthCheckResult healthCheck() {
        return delegate.healthCheck();
    }
}
