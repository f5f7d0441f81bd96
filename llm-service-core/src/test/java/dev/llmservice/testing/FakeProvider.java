package dev.llmservice.testing;

import dev.llmservice.config.ApiKey;
import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderException;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider of a {@link FakeProviderType}: never touches the network, does what its type's scripts say, and
 * remembers what it was asked. Its own counts and latches let a test wait for, or check, one provider's calls.
 */
public final class FakeProvider implements LlmProvider {

    private final FakeProviderType type;
    private final ProviderConfig config;
    private final AtomicInteger generations = new AtomicInteger();
    private final CountDownLatch called = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);
    private volatile GenerationRequest lastRequest;

    FakeProvider(FakeProviderType type, ProviderConfig config) {
        this.type = type;
        this.config = config;
    }

    /**
     * A provider of its own fresh {@link FakeProviderType#named plain type}, configured directly rather than from
     * an environment, as an orchestrator takes providers: model {@code model-<name>}, 30 s timeout, no retries.
     */
    public static FakeProvider standalone(String name, double weight, Duration timeout,
                                          FakeProviderType.Generation generation) {
        return standalone(FakeProviderType.named(name).generating(generation), weight, timeout);
    }

    /** As {@link #standalone(String, double, Duration, FakeProviderType.Generation)}, of {@code type}. */
    public static FakeProvider standalone(FakeProviderType type, double weight, Duration timeout) {
        String name = type.name();
        return (FakeProvider) type.create(new ProviderConfig(name, ApiKey.of("test-key-" + name + "-qwertyuiop"),
                true, "model-" + name, weight, 1024, 0.7, timeout, 0, URI.create("http://127.0.0.1:9")));
    }

    /** The type that made this provider. */
    public FakeProviderType type() {
        return type;
    }

    /** The API key this provider was given, in clear: only for scripts that leak it on purpose. */
    public String key() {
        return config.apiKey().reveal();
    }

    /** An answer of {@code text} with the type's usual usage and latency, finished normally. */
    public GenerationResult reply(String text) {
        return reply(text, "stop");
    }

    /** An answer of {@code text} with the type's usual usage and latency. */
    public GenerationResult reply(String text, String finishReason) {
        return type.reply(this, text, finishReason);
    }

    /** A healthy check result, dated by the type's clock. */
    public HealthCheckResult healthy() {
        return HealthCheckResult.healthy(name(), type.healthyLatency(), type.clock().instant());
    }

    /** An unhealthy check result, dated by the type's clock. */
    public HealthCheckResult unhealthy(FailureKind kind, String message) {
        return HealthCheckResult.unhealthy(name(), type.unhealthyLatency(), kind, message, type.clock().instant());
    }

    /** How many generate calls this provider has started. */
    public int generations() {
        return generations.get();
    }

    /** Counted down when the first generate call starts. */
    public CountDownLatch called() {
        return called;
    }

    /** Counted down when a generate call is interrupted (cancelled). */
    public CountDownLatch interrupted() {
        return interrupted;
    }

    /** The request of the latest generate call, or {@code null}. */
    public GenerationRequest lastRequest() {
        return lastRequest;
    }

    @Override
    public ProviderConfig config() {
        return config;
    }

    @Override
    public GenerationResult generate(GenerationRequest request) {
        generations.incrementAndGet();
        lastRequest = request;
        called.countDown();
        try {
            return type.generate(this, request);
        } catch (InterruptedException e) {
            interrupted.countDown();
            Thread.currentThread().interrupt();
            throw new ProviderException(name(), FailureKind.OTHER, "interrupted");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean supportsJsonMode() {
        return type.jsonMode();
    }

    @Override
    public HealthCheckResult healthCheck() {
        try {
            return type.healthScript().check(this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheckResult.unhealthy(name(), Duration.ZERO, FailureKind.OTHER, "interrupted",
                    type.clock().instant());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "FakeProvider[" + name() + "]";
    }
}
