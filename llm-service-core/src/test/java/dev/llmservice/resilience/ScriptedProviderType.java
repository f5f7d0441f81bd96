package dev.llmservice.resilience;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.FailureKind;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider type whose providers never touch the network: {@code generate} does what the type's current
 * {@link Behaviour} says, and every call and health check is counted.
 */
final class ScriptedProviderType implements ProviderType {

    /** What one generate call does: return a result or throw. */
    @FunctionalInterface
    interface Behaviour {
        GenerationResult answer(ScriptedProvider provider, GenerationRequest request) throws Exception;
    }

    static Behaviour succeeds() {
        return (p, r) -> new GenerationResult(p.name(), p.config().model(), "ok", new TokenUsage(1, 1),
                Duration.ofMillis(1), "stop");
    }

    static Behaviour fails(FailureKind kind) {
        return (p, r) -> {
            throw new ProviderException(p.name(), kind, 0, p.name() + " failed: " + kind.label(), null);
        };
    }

    private final String name;
    volatile Behaviour behaviour = succeeds();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger healthChecks = new AtomicInteger();
    final List<ScriptedProvider> created = new CopyOnWriteArrayList<>();

    ScriptedProviderType(String name) {
        this.name = name;
    }

    ScriptedProviderType behave(Behaviour newBehaviour) {
        this.behaviour = newBehaviour;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String displayName() {
        return name;
    }

    @Override
    public String defaultModel() {
        return name + "-model";
    }

    @Override
    public URI defaultBaseUrl() {
        return URI.create("https://" + name + ".invalid/v1");
    }

    @Override
    public LlmProvider create(ProviderConfig config) {
        ScriptedProvider provider = new ScriptedProvider(this, config);
        created.add(provider);
        return provider;
    }

    static final class ScriptedProvider implements LlmProvider {
        private final ScriptedProviderType type;
        private final ProviderConfig config;

        ScriptedProvider(ScriptedProviderType type, ProviderConfig config) {
            this.type = type;
            this.config = config;
        }

        @Override
        public ProviderConfig config() {
            return config;
        }

        @Override
        public GenerationResult generate(GenerationRequest request) {
            type.calls.incrementAndGet();
            try {
                return type.behaviour.answer(this, request);
            } catch (RuntimeException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public HealthCheckResult healthCheck() {
            type.healthChecks.incrementAndGet();
            return HealthCheckResult.healthy(name(), Duration.ofMillis(1), Instant.EPOCH);
        }
    }
}
