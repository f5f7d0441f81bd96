package dev.llmservice.cli;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.provider.TokenUsage;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A provider type for CLI tests: no network, scripted answers. Named like the built-ins so output reads like
 * the real thing, but injected through {@link CliContext} (never through ServiceLoader), so the real types,
 * once on the class path, do not change what these tests see.
 */
final class FakeProviderType implements ProviderType {

    static final Instant CHECKED_AT = Instant.parse("2026-11-26T07:00:00Z");
    static final String REPLY = "Yes, I am here and ready to help you with whatever you need today, just ask.";

    private final String name;
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger generations = new AtomicInteger();
    private volatile Function<ProviderConfig, GenerationResult> generation =
            c -> new GenerationResult(c.name(), c.model(), REPLY, new TokenUsage(14, 18), Duration.ofMillis(420), "stop");
    private volatile Function<ProviderConfig, HealthCheckResult> health =
            c -> HealthCheckResult.healthy(c.name(), Duration.ofMillis(300), CHECKED_AT);

    private FakeProviderType(String name) {
        this.name = name;
    }

    static FakeProviderType named(String name) {
        return new FakeProviderType(name);
    }

    /** The four built-in names, in the built-in order. */
    static List<FakeProviderType> builtIns() {
        return List.of(named("anthropic"), named("openai"), named("gemini"), named("grok"));
    }

    FakeProviderType generating(Function<ProviderConfig, GenerationResult> answer) {
        this.generation = answer;
        return this;
    }

    /** Every generation throws what {@code failure} makes of the config. */
    FakeProviderType failingWith(Function<ProviderConfig, RuntimeException> failure) {
        this.generation = c -> {
            throw failure.apply(c);
        };
        return this;
    }

    FakeProviderType unhealthy(FailureKind kind, String message) {
        this.health = c -> HealthCheckResult.unhealthy(c.name(), Duration.ofMillis(80), kind, message, CHECKED_AT);
        return this;
    }

    FakeProviderType checkingWith(Function<ProviderConfig, HealthCheckResult> check) {
        this.health = check;
        return this;
    }

    /** How many providers (vendor clients) this type built. */
    int created() {
        return created.get();
    }

    int generations() {
        return generations.get();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String displayName() {
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    @Override
    public String defaultModel() {
        return name + "-model-1";
    }

    @Override
    public URI defaultBaseUrl() {
        return URI.create("https://api." + name + ".example/v1");
    }

    @Override
    public String baseUrlConvention() {
        return "includes /v1; added if missing";
    }

    @Override
    public LlmProvider create(ProviderConfig config) {
        created.incrementAndGet();
        return new LlmProvider() {
            @Override
            public ProviderConfig config() {
                return config;
            }

            @Override
            public GenerationResult generate(GenerationRequest request) {
                generations.incrementAndGet();
                return generation.apply(config);
            }

            @Override
            public HealthCheckResult healthCheck() {
                return health.apply(config);
            }
        };
    }

    @Override
    public String toString() {
        return "FakeProviderType[" + name + "]";
    }

    static FailureKind kind(String code) {
        return FailureKind.valueOf(code.toUpperCase(Locale.ROOT));
    }
}
