package dev.llmservice.consensus;

import dev.llmservice.config.ApiKey;
import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.TokenUsage;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-process provider scripted by the test: answers, throws, waits on latches or hangs until cancelled. */
public final class FakeProvider implements LlmProvider {

    /** What the provider does when called. May block; an interrupt ends it. */
    @FunctionalInterface
    public interface Script {
        GenerationResult run(FakeProvider self, GenerationRequest request) throws Exception;
    }

    private final ProviderConfig config;
    private final Script script;
    public final AtomicInteger calls = new AtomicInteger();
    public final CountDownLatch called = new CountDownLatch(1);
    public final CountDownLatch interrupted = new CountDownLatch(1);
    public volatile GenerationRequest lastRequest;

    private FakeProvider(ProviderConfig config, Script script) {
        this.config = config;
        this.script = script;
    }

    public static ProviderConfig config(String name, double weight, Duration timeout) {
        return new ProviderConfig(name, ApiKey.of("test-key-" + name + "-0123456789"), true, "model-" + name, weight,
                1024, 0.7, timeout, 0, URI.create("http://127.0.0.1:9"));
    }

    public static FakeProvider scripted(String name, double weight, Script script) {
        return new FakeProvider(config(name, weight, Duration.ofSeconds(30)), script);
    }

    /** Answers at once with this text. */
    public static FakeProvider replying(String name, double weight, String text) {
        return scripted(name, weight, (self, r) -> self.reply(text));
    }

    /** Answers at once with a well-formed vote. */
    public static FakeProvider voting(String name, double weight, String decision, double confidence) {
        return replying(name, weight, vote(decision, confidence));
    }

    /** Throws at once. */
    public static FakeProvider throwing(String name, double weight, RuntimeException error) {
        return scripted(name, weight, (self, r) -> {
            throw error;
        });
    }

    /** Blocks until its call is cancelled (interrupted). */
    public static FakeProvider hanging(String name, double weight) {
        return scripted(name, weight, (self, r) -> {
            new CountDownLatch(1).await();
            throw new AssertionError("unreachable");
        });
    }

    /** Waits for {@code gate}, then votes. */
    public static FakeProvider votingAfter(String name, double weight, CountDownLatch gate, String decision,
                                           double confidence) {
        return scripted(name, weight, (self, r) -> {
            if (!gate.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("gate never opened for " + name);
            }
            return self.reply(vote(decision, confidence));
        });
    }

    public static String vote(String decision, double confidence) {
        return String.format(Locale.ROOT, "{\"decision\": \"%s\", \"confidence\": %s, \"reasoning\": \"%s because of the data\"}",
                decision, confidence, decision.toLowerCase(Locale.ROOT));
    }

    public static ProviderException failure(String name, FailureKind kind, String message) {
        return new ProviderException(name, kind, message);
    }

    public FakeProvider withTimeout(Duration timeout) {
        return new FakeProvider(config(config.name(), config.weight(), timeout), script);
    }

    public GenerationResult reply(String text) {
        return reply(text, "stop");
    }

    public GenerationResult reply(String text, String finishReason) {
        return new GenerationResult(config.name(), config.model() + "-2025", text, new TokenUsage(900, 40),
                Duration.ofMillis(5), finishReason);
    }

    @Override
    public ProviderConfig config() {
        return config;
    }

    @Override
    public GenerationResult generate(GenerationRequest request) {
        calls.incrementAndGet();
        lastRequest = request;
        called.countDown();
        try {
            return script.run(this, request);
        } catch (InterruptedException e) {
            interrupted.countDown();
            Thread.currentThread().interrupt();
            throw new ProviderException(config.name(), FailureKind.OTHER, "interrupted");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public HealthCheckResult healthCheck() {
        return HealthCheckResult.healthy(config.name(), Duration.ZERO, Instant.EPOCH);
    }
}
