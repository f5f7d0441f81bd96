package dev.llmservice.resilience;

import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.ForwardingLlmProvider;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.RetryListener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A provider behind its {@link CircuitBreaker}. {@link dev.llmservice.factory.ProviderFactory} puts every provider it
 * creates behind one, outermost, so a breaker lives exactly as long as its provider instance: re-initialising creates
 * new providers and so fresh breakers; enabling or disabling {@linkplain CircuitBreaker#reset() resets} it (see
 * {@link dev.llmservice.registry.ProviderRegistry#setOverride}).
 *
 * <ul>
 *   <li>{@code generate}: one call, its retries included, is one outcome for the breaker; an open circuit throws
 *       {@link CircuitOpenException} at once. A deadline that has already passed fails with {@code timeout} before
 *       the breaker is asked, and does not count: it says nothing about the vendor.</li>
 *   <li>{@code healthCheck}: while the circuit is open the vendor is not called (a health probe must not cost what the
 *       breaker saves): the result is unhealthy with reason {@code circuit_open}. Half-open or closed, the real check
 *       runs; it does not change the breaker, which only a generate probe closes.</li>
 * </ul>
 * Thread-safe as its delegate and breaker are.
 */
public final class CircuitBreakingProvider extends ForwardingLlmProvider {

    private final CircuitBreaker breaker;
    private final Clock clock;

    /** {@code delegate} behind a new breaker named after it. */
    public CircuitBreakingProvider(LlmProvider delegate, CircuitBreakerConfig config, Clock clock) {
        this(delegate, CircuitBreaker.of(delegate.name(), config, clock), clock);
    }

    public CircuitBreakingProvider(LlmProvider delegate, CircuitBreaker breaker, Clock clock) {
        super(delegate);
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    @Override
    public GenerationResult generate(GenerationRequest request) {
        return breaker.execute(() -> redacted(() -> delegate().generate(request)));
    }

    @Override
    public GenerationResult generate(GenerationRequest request, Instant deadline, RetryListener onRetry) {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(onRetry, "onRetry");
        if (!clock.instant().isBefore(deadline)) {
            throw new ProviderException(name(), FailureKind.TIMEOUT, 0,
                    name() + " was not called: the caller's deadline had passed (timeout)", null, false);
        }
        return breaker.execute(() -> redacted(() -> delegate().generate(request, deadline, onRetry)));
    }

    /**
     * Runs {@code call}, masking this provider's key in any failure message before the breaker logs or keeps it:
     * the built-in providers already redact, but a third-party provider may echo its key.
     */
    private GenerationResult redacted(java.util.function.Supplier<GenerationResult> call) {
        try {
            return call.get();
        } catch (ProviderException e) {
            String message = e.getMessage();
            String key = config().revealApiKey();
            if (key != null && message != null && message.contains(key)) {
                throw e.withMessage(message.replace(key, config().maskedApiKey()));
            }
            throw e;
        }
    }

    /** One call, however many pieces it hands over, is one outcome for the breaker. */
    @Override
    public GenerationResult stream(GenerationRequest request, java.util.function.Consumer<String> onText) {
        return breaker.execute(() -> redacted(() -> delegate().stream(request, onText)));
    }

    @Override
    public HealthCheckResult healthCheck() {
        CircuitBreaker.Snapshot circuit = breaker.snapshot();
        if (circuit.open()) {
            return HealthCheckResult.unhealthy(name(), Duration.ZERO, FailureKind.CIRCUIT_OPEN,
                    "not checked: circuit " + circuit.describe(), clock.instant());
        }
        return delegate().healthCheck();
    }

    @Override
    public String toString() {
        return delegate() + " behind " + breaker;
    }
}
