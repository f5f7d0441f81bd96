package dev.llmservice.testing;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.TokenUsage;

import java.time.Duration;
import java.time.Instant;

/** A provider that never touches the network; its health check follows its type's {@link HealthScript}. */
public final class FakeProvider implements LlmProvider {

    private final FakeProviderType type;
    private final ProviderConfig config;

    FakeProvider(FakeProviderType type, ProviderConfig config) {
        this.type = type;
        this.config = config;
    }

    @Override
    public ProviderConfig config() {
        return config;
    }

    @Override
    public GenerationResult generate(GenerationRequest request) {
        return new GenerationResult(name(), config.model(), "echo: " + request.prompt(),
                new TokenUsage(3, 2), Duration.ofMillis(1), "stop");
    }

    @Override
    public HealthCheckResult healthCheck() {
        type.healthChecks.incrementAndGet();
        try {
            return type.healthScript.check(this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheckResult.unhealthy(name(), Duration.ZERO, FailureKind.OTHER, "interrupted", Instant.now());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
