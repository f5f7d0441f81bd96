package dev.llmservice.spring.fake;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.provider.TokenUsage;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/** A provider type answering in-process, as {@link FakeVendor} scripts; variables {@code NAME_*}. */
public final class FakeProviderType implements ProviderType {

    private final String name;
    private final FakeVendor vendor;

    public FakeProviderType(String name, FakeVendor vendor) {
        this.name = name;
        this.vendor = vendor;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String displayName() {
        return "Fake " + name;
    }

    @Override
    public String defaultModel() {
        return name + "-model";
    }

    @Override
    public URI defaultBaseUrl() {
        return URI.create("http://127.0.0.1:9/" + name);
    }

    @Override
    public LlmProvider create(ProviderConfig config) {
        return new LlmProvider() {
            @Override
            public ProviderConfig config() {
                return config;
            }

            @Override
            public GenerationResult generate(GenerationRequest request) {
                FakeVendor.Failure failure = vendor.generationFailure(name);
                if (failure != null) {
                    throw new ProviderException(name, failure.kind(), 429, failure.message(), null);
                }
                return new GenerationResult(name, config.model(), vendor.reply(name), new TokenUsage(11, 2),
                        Duration.ofMillis(5), "stop");
            }

            @Override
            public HealthCheckResult healthCheck() {
                FakeVendor.Failure failure = vendor.healthFailure(name);
                return failure == null
                        ? HealthCheckResult.healthy(name, Duration.ofMillis(3), Instant.now())
                        : HealthCheckResult.unhealthy(name, Duration.ofMillis(4), failure.kind(), failure.message(),
                        Instant.now());
            }
        };
    }
}
