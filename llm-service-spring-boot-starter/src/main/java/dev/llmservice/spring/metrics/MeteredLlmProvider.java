package dev.llmservice.spring.metrics;

import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.ForwardingLlmProvider;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.RetryListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Records {@link LlmMetrics} around a provider, leaving the vendor code untouched. The provider tag is its name, the
 * type tag its type ({@code openai} for both {@code openai} and {@code openai-mini}); the model tag is the
 * configured model (bounded cardinality), not the dated variant a vendor may report.
 */
public final class MeteredLlmProvider extends ForwardingLlmProvider {

    private final MeterRegistry meters;
    private final Counter inputTokens;
    private final Counter outputTokens;

    public MeteredLlmProvider(LlmProvider delegate, MeterRegistry meters) {
        super(delegate);
        this.meters = Objects.requireNonNull(meters, "meters");
        this.inputTokens = tokens("input");
        this.outputTokens = tokens("output");
    }

    @Override
    public GenerationResult generate(GenerationRequest request) {
        return timed(() -> delegate().generate(request));
    }

    @Override
    public GenerationResult generate(GenerationRequest request, Instant deadline, RetryListener onRetry) {
        return timed(() -> delegate().generate(request, deadline, onRetry));
    }

    @Override
    public GenerationResult stream(GenerationRequest request, java.util.function.Consumer<String> onText) {
        return timed(() -> delegate().stream(request, onText));
    }

    private GenerationResult timed(Supplier<GenerationResult> call) {
        long start = System.nanoTime();
        String outcome = FailureKind.OTHER.code();
        try {
            GenerationResult result = call.get();
            outcome = LlmMetrics.OUTCOME_SUCCESS;
            inputTokens.increment(result.usage().inputTokens());
            outputTokens.increment(result.usage().outputTokens());
            return result;
        } catch (ProviderException e) {
            outcome = e.kind().code();
            throw e;
        } finally {
            Timer.builder(LlmMetrics.PROVIDER_REQUESTS)
                    .description("Generation calls to LLM providers")
                    .tag(LlmMetrics.TAG_PROVIDER, name())
                    .tag(LlmMetrics.TAG_TYPE, config().type())
                    .tag(LlmMetrics.TAG_MODEL, config().model())
                    .tag(LlmMetrics.TAG_OUTCOME, outcome)
                    .register(meters)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public HealthCheckResult healthCheck() {
        long start = System.nanoTime();
        HealthCheckResult result = delegate().healthCheck();
        Timer.builder(LlmMetrics.PROVIDER_HEALTH_CHECKS)
                .description("Health checks of LLM providers")
                .tag(LlmMetrics.TAG_PROVIDER, name())
                .tag(LlmMetrics.TAG_TYPE, config().type())
                .tag(LlmMetrics.TAG_OUTCOME, result.healthy() ? LlmMetrics.OUTCOME_HEALTHY : result.reason().code())
                .register(meters)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return result;
    }

    private Counter tokens(String tokenType) {
        return Counter.builder(LlmMetrics.PROVIDER_TOKENS)
                .description("Tokens used, as reported by the vendor")
                .baseUnit("tokens")
                .tag(LlmMetrics.TAG_PROVIDER, name())
                .tag(LlmMetrics.TAG_TYPE, config().type())
                .tag(LlmMetrics.TAG_MODEL, config().model())
                .tag(LlmMetrics.TAG_TOKEN_TYPE, tokenType)
                .register(meters);
    }

    @Override
    public String toString() {
        return "Metered[" + delegate() + "]";
    }
}
