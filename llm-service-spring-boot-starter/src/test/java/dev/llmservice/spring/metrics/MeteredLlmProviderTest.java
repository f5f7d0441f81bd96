package dev.llmservice.spring.metrics;

import dev.llmservice.config.ApiKey;
import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.RetryListener;
import dev.llmservice.provider.TokenUsage;
import dev.llmservice.testing.FakeVendor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeteredLlmProviderTest {

    private final FakeVendor vendor = new FakeVendor();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LlmProvider provider = new MeteredLlmProvider(vendor.type("alpha").create(
            new ProviderConfig("alpha", ApiKey.of("sk-alpha-kQvXzJwMhB"), true, "m1", 1.0, 64, 0.2,
                    Duration.ofSeconds(5), 0, URI.create("http://127.0.0.1:9"))), meters);

    @Test
    void timesEveryCallByOutcomeAndCountsTokens() {
        provider.generate(GenerationRequest.of("hi"));
        provider.generate(GenerationRequest.of("hi"));
        vendor.failGeneration("alpha", FailureKind.UNAVAILABLE, "503");
        assertThatThrownBy(() -> provider.generate(GenerationRequest.of("hi"))).isInstanceOf(ProviderException.class);

        assertThat(meters.get(LlmMetrics.PROVIDER_REQUESTS).tags("provider", "alpha", "model", "m1", "outcome", "success")
                .timer().count()).isEqualTo(2);
        assertThat(meters.get(LlmMetrics.PROVIDER_REQUESTS).tags("outcome", "unavailable").timer().count()).isEqualTo(1);
        assertThat(meters.get(LlmMetrics.PROVIDER_TOKENS).tags("token_type", "input").counter().count()).isEqualTo(22);
        assertThat(meters.get(LlmMetrics.PROVIDER_TOKENS).tags("token_type", "output").counter().count()).isEqualTo(4);
    }

    @Test
    void twoModelsOfOneVendorAreToldApartByProviderAndSummedByType() {
        LlmProvider mini = new MeteredLlmProvider(vendor.type("alpha").create(
                new ProviderConfig("alpha-mini", "alpha", ApiKey.of("sk-alpha-WmHqZcKvNx"), true, "m1-mini", 0.5, 64,
                        0.2, Duration.ofSeconds(5), 0, URI.create("http://127.0.0.1:9"))), meters);

        provider.generate(GenerationRequest.of("hi"));
        mini.generate(GenerationRequest.of("hi"));
        mini.healthCheck();

        assertThat(meters.get(LlmMetrics.PROVIDER_REQUESTS).tags("type", "alpha").timers()).hasSize(2);
        assertThat(meters.get(LlmMetrics.PROVIDER_REQUESTS).tags("provider", "alpha-mini", "type", "alpha",
                "model", "m1-mini").timer().count()).isEqualTo(1);
        assertThat(meters.get(LlmMetrics.PROVIDER_TOKENS).tags("provider", "alpha-mini", "type", "alpha",
                "token_type", "input").counter().count()).isEqualTo(11);
        assertThat(meters.get(LlmMetrics.PROVIDER_HEALTH_CHECKS).tags("provider", "alpha-mini", "type", "alpha")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void passesTheCallersDeadlineAndRetryListenerOnSoTheProviderStopsByItAndTellsOfRetries() {
        ProviderConfig config = new ProviderConfig("beta", ApiKey.of("sk-beta-kQvXzJwMhB"), true, "m2", 1.0, 64, 0.2,
                Duration.ofSeconds(5), 0, URI.create("http://127.0.0.1:9"));
        AtomicReference<Instant> seen = new AtomicReference<>();
        AtomicReference<RetryListener> heard = new AtomicReference<>();
        LlmProvider bounded = new LlmProvider() {
            @Override
            public ProviderConfig config() {
                return config;
            }

            @Override
            public GenerationResult generate(GenerationRequest request) {
                throw new AssertionError("called without the caller's deadline");
            }

            @Override
            public GenerationResult generate(GenerationRequest request, Instant deadline, RetryListener onRetry) {
                seen.set(deadline);
                heard.set(onRetry);
                return new GenerationResult("beta", "m2", "ok", new TokenUsage(1, 1), Duration.ofMillis(1), "stop");
            }

            @Override
            public HealthCheckResult healthCheck() {
                throw new UnsupportedOperationException();
            }
        };
        Instant deadline = Instant.parse("2030-01-01T00:00:00Z");

        new MeteredLlmProvider(bounded, meters).generate(GenerationRequest.of("hi"), deadline);

        assertThat(seen.get()).isEqualTo(deadline);
        assertThat(meters.get(LlmMetrics.PROVIDER_REQUESTS).tags("provider", "beta", "outcome", "success").timer()
                .count()).isEqualTo(1);

        RetryListener listener = event -> { };
        new MeteredLlmProvider(bounded, meters).generate(GenerationRequest.of("hi"), deadline, listener);

        assertThat(heard.get()).isSameAs(listener);
    }

    @Test
    void timesHealthChecksByOutcomeAndKeepsTheProvidersIdentity() {
        provider.healthCheck();
        vendor.unhealthy("alpha", FailureKind.AUTHENTICATION, "401");
        assertThat(provider.healthCheck().healthy()).isFalse();

        assertThat(meters.get(LlmMetrics.PROVIDER_HEALTH_CHECKS).tags("outcome", "healthy").timer().count()).isEqualTo(1);
        assertThat(meters.get(LlmMetrics.PROVIDER_HEALTH_CHECKS).tags("outcome", "authentication").timer().count())
                .isEqualTo(1);
        assertThat(provider.name()).isEqualTo("alpha");
        assertThat(provider.config().model()).isEqualTo("m1");
    }
}
