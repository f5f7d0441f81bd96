package dev.llmservice.testing;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.BaseUrls;
import dev.llmservice.provider.BuiltInModels;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.provider.TokenUsage;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The one fake provider type of the project's tests (core, CLI, starter and server): its providers
 * ({@link FakeProvider}) never touch the network; a test scripts what they answer, how their health checks end and
 * whether creating one fails, and reads how often each was called.
 *
 * <p>Two kinds of settings:
 * <ul>
 *   <li><b>configuration</b>, set up once: what the type looks like ({@link #displayName}, {@link #defaultModel},
 *       {@link #defaultBaseUrl}, {@link #baseUrlConvention}), its usual answer ({@link #usualAnswer},
 *       {@link #reportingModelVersion}), how long its checks say they took ({@link #checksTaking}), the clock its
 *       checks are dated by ({@link #clock}) and whether it {@linkplain #leakingKey() leaks its key};</li>
 *   <li><b>scripts</b>, what a test makes it do: {@link #generating}, {@link #replying}, {@link #failingWith},
 *       {@link #healthCheckDoes}, {@link #unhealthy}, {@link #failCreateWith}; {@link #reset()} drops them.</li>
 * </ul>
 * Counters ({@link #generations()}, {@link #healthChecks()}, {@link #created()}) are never reset.
 *
 * <p>Presets: {@link #named} (a plain fake, {@code Fake alpha} with model {@code alpha-model} on
 * {@code http://127.0.0.1:9/alpha}, where nothing listens) and the four built-in look-alikes ({@link #anthropic()}
 * and the others: name, display name, default model and base-URL convention of the real type). Every setter returns
 * this type, so a preset and its changes read as one expression. Thread-safe: settings are volatile, counts atomic.
 */
public final class FakeProviderType implements ProviderType {

    /** What one generate call does: answer or throw. May block (on latches, never on sleeps); an interrupt ends it. */
    @FunctionalInterface
    public interface Generation {
        GenerationResult generate(FakeProvider provider, GenerationRequest request) throws Exception;
    }

    private final String name;

    private volatile String displayName;
    private volatile String defaultModel;
    private volatile URI defaultBaseUrl;
    private volatile String baseUrlConvention;
    private volatile UnaryOperator<URI> normalizer = BaseUrls::stripTrailingSlash;

    private volatile String usualText;
    private volatile TokenUsage usualUsage = new TokenUsage(11, 2);
    private volatile Duration usualLatency = Duration.ofMillis(5);
    private volatile String modelVersion = "";
    private volatile Duration healthyLatency = Duration.ofMillis(3);
    private volatile Duration unhealthyLatency = Duration.ofMillis(4);
    private volatile Clock clock = Clock.systemUTC();
    private volatile boolean leaksKey;
    private volatile boolean jsonMode;

    private volatile Generation generation;
    private volatile HealthScript healthScript;
    private volatile RuntimeException createFailure;

    private final AtomicInteger generations = new AtomicInteger();
    private final AtomicInteger healthChecks = new AtomicInteger();
    private final List<FakeProvider> created = new CopyOnWriteArrayList<>();

    private FakeProviderType(String name, String displayName, String defaultModel, URI defaultBaseUrl) {
        this.name = name;
        this.displayName = displayName;
        this.defaultModel = defaultModel;
        this.defaultBaseUrl = defaultBaseUrl;
        this.usualText = "OK from " + name;
    }

    /** A plain fake: {@code Fake <name>}, model {@code <name>-model}, base URL {@code http://127.0.0.1:9/<name>}. */
    public static FakeProviderType named(String name) {
        return new FakeProviderType(name, "Fake " + name, name + "-model", URI.create("http://127.0.0.1:9/" + name));
    }

    /** Anthropic's look: its default model, and a base URL that is the host root. */
    public static FakeProviderType anthropic() {
        return new FakeProviderType("anthropic", "Anthropic", BuiltInModels.ANTHROPIC,
                URI.create("https://api.anthropic.com"));
    }

    /** OpenAI's look: its default model, and a base URL ending with {@code /v1}. */
    public static FakeProviderType openai() {
        return new FakeProviderType("openai", "OpenAI", BuiltInModels.OPENAI, URI.create("https://api.openai.com/v1"))
                .normalizingBaseUrl(u -> BaseUrls.withSuffix(u, "/v1"));
    }

    /** Gemini's look: its default model, and a base URL that is the host root, without {@code /v1beta}. */
    public static FakeProviderType gemini() {
        return new FakeProviderType("gemini", "Gemini", BuiltInModels.GEMINI,
                URI.create("https://generativelanguage.googleapis.com"))
                .normalizingBaseUrl(u -> BaseUrls.withoutSuffix(u, "/v1beta"));
    }

    /** xAI's look: its default model, and a base URL ending with {@code /v1}. */
    public static FakeProviderType grok() {
        return new FakeProviderType("grok", "Grok", BuiltInModels.GROK, URI.create("https://api.x.ai/v1"))
                .normalizingBaseUrl(u -> BaseUrls.withSuffix(u, "/v1"));
    }

    /** Four fresh built-in look-alikes, in the built-in order. */
    public static List<FakeProviderType> builtIns() {
        return List.of(anthropic(), openai(), gemini(), grok());
    }

    // --- configuration ----------------------------------------------------------------------------------------------

    public FakeProviderType displayName(String displayName) {
        this.displayName = displayName;
        return this;
    }

    public FakeProviderType defaultModel(String defaultModel) {
        this.defaultModel = defaultModel;
        return this;
    }

    public FakeProviderType defaultBaseUrl(String defaultBaseUrl) {
        this.defaultBaseUrl = URI.create(defaultBaseUrl);
        return this;
    }

    /** What {@code --list} says {@code P_BASE_URL} should look like (by default the default base URL). */
    public FakeProviderType baseUrlConvention(String description) {
        this.baseUrlConvention = description;
        return this;
    }

    /** How a configured base URL is normalised (by default a trailing slash is dropped). */
    public FakeProviderType normalizingBaseUrl(UnaryOperator<URI> normalizer) {
        this.normalizer = normalizer;
        return this;
    }

    /** What generate answers unless scripted (default {@code OK from <name>}, 11 tokens in, 2 out, 5 ms). */
    public FakeProviderType usualAnswer(String text, TokenUsage usage, Duration latency) {
        this.usualText = text;
        this.usualUsage = usage;
        this.usualLatency = latency;
        return this;
    }

    /** Answers name the configured model plus {@code suffix}, as vendors name a dated version (default none). */
    public FakeProviderType reportingModelVersion(String suffix) {
        this.modelVersion = suffix;
        return this;
    }

    /** How long healthy and unhealthy checks say they took (default 3 ms and 4 ms). */
    public FakeProviderType checksTaking(Duration healthy, Duration unhealthy) {
        this.healthyLatency = healthy;
        this.unhealthyLatency = unhealthy;
        return this;
    }

    /** The clock health checks are dated by (default the system clock). */
    public FakeProviderType clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /**
     * A careless vendor, for leak tests: failures scripted by kind alone ({@link #failingWith(FailureKind)},
     * {@link #unhealthy(FailureKind)}) carry the provider's API key in their message ({@code invalid x-api-key <key>},
     * {@code key <key> was rejected}), as some vendors' error bodies do. Whatever shows them must mask it.
     */
    public FakeProviderType leakingKey() {
        this.leaksKey = true;
        return this;
    }

    // --- scripts ------------------------------------------------------------------------------------------------

    /** Its providers say their vendor has a JSON mode ({@link LlmProvider#supportsJsonMode()}). */
    public FakeProviderType withJsonMode() {
        this.jsonMode = true;
        return this;
    }

    boolean jsonMode() {
        return jsonMode;
    }

    /** Every generate call does what {@code generation} says. */
    public FakeProviderType generating(Generation generation) {
        this.generation = generation;
        return this;
    }

    /** Every generate call answers {@code text} (with the usual usage and latency). */
    public FakeProviderType replying(String text) {
        return generating((p, r) -> p.reply(text));
    }

    /** Every generate call throws what {@code failure} makes for the provider. */
    public FakeProviderType failingWith(Function<FakeProvider, ? extends RuntimeException> failure) {
        return generating((p, r) -> {
            throw failure.apply(p);
        });
    }

    /** Every generate call fails with {@code kind} and {@code message}, with the vendor's usual HTTP status for it. */
    public FakeProviderType failingWith(FailureKind kind, String message) {
        return failingWith(p -> new ProviderException(name, kind, httpStatus(kind), message, null));
    }

    /**
     * Every generate call fails with {@code kind}; the message is {@code <name> failed: <kind>}, or, when the type
     * {@linkplain #leakingKey() leaks its key}, {@code invalid x-api-key <key>}.
     */
    public FakeProviderType failingWith(FailureKind kind) {
        return failingWith(p -> new ProviderException(name, kind, httpStatus(kind),
                leaksKey ? "invalid x-api-key " + p.key() : name + " failed: " + kind.label(), null));
    }

    /** Every health check does what {@code script} says. */
    public FakeProviderType healthCheckDoes(HealthScript script) {
        this.healthScript = script;
        return this;
    }

    /** Every health check answers unhealthy with {@code kind} and {@code message}. */
    public FakeProviderType unhealthy(FailureKind kind, String message) {
        return healthCheckDoes(p -> p.unhealthy(kind, message));
    }

    /**
     * Every health check answers unhealthy with {@code kind}; the message is {@code <name> is unhealthy: <kind>}, or,
     * when the type {@linkplain #leakingKey() leaks its key}, {@code key <key> was rejected}.
     */
    public FakeProviderType unhealthy(FailureKind kind) {
        return healthCheckDoes(p -> p.unhealthy(kind,
                leaksKey ? "key " + p.key() + " was rejected" : name + " is unhealthy: " + kind.label()));
    }

    /** {@link #create} throws {@code failure} (as a client library refusing a configuration would). */
    public FakeProviderType failCreateWith(RuntimeException failure) {
        this.createFailure = failure;
        return this;
    }

    /** Drops every script: providers answer as usual again, and creating one succeeds. Counts are kept. */
    public FakeProviderType reset() {
        generation = null;
        healthScript = null;
        createFailure = null;
        return this;
    }

    // --- counts -------------------------------------------------------------------------------------------------

    /** How many generate calls providers of this type have started. */
    public int generations() {
        return generations.get();
    }

    /** How many health checks providers of this type have started. */
    public int healthChecks() {
        return healthChecks.get();
    }

    /** Providers (vendor clients) created so far, oldest first. */
    public List<FakeProvider> created() {
        return List.copyOf(created);
    }

    // --- ProviderType -------------------------------------------------------------------------------------------

    @Override
    public String name() {
        return name;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public String defaultModel() {
        return defaultModel;
    }

    @Override
    public URI defaultBaseUrl() {
        return defaultBaseUrl;
    }

    @Override
    public URI normalizeBaseUrl(URI given) {
        return normalizer.apply(given);
    }

    @Override
    public String baseUrlConvention() {
        String convention = baseUrlConvention;
        return convention != null ? convention : ProviderType.super.baseUrlConvention();
    }

    @Override
    public LlmProvider create(ProviderConfig config) {
        RuntimeException failure = createFailure;
        if (failure != null) {
            throw failure;
        }
        FakeProvider provider = new FakeProvider(this, config);
        created.add(provider);
        return provider;
    }

    @Override
    public String toString() {
        return "FakeProviderType[" + name + "]";
    }

    // --- for FakeProvider ---------------------------------------------------------------------------------------

    GenerationResult generate(FakeProvider provider, GenerationRequest request) throws Exception {
        generations.incrementAndGet();
        Generation script = generation;
        return script != null ? script.generate(provider, request) : provider.reply(usualText);
    }

    HealthScript healthScript() {
        healthChecks.incrementAndGet();
        HealthScript script = healthScript;
        return script != null ? script : HealthScript.healthy();
    }

    GenerationResult reply(FakeProvider provider, String text, String finishReason) {
        return new GenerationResult(provider.name(), provider.config().model() + modelVersion, text, usualUsage,
                usualLatency, finishReason);
    }

    Duration healthyLatency() {
        return healthyLatency;
    }

    Duration unhealthyLatency() {
        return unhealthyLatency;
    }

    Clock clock() {
        return clock;
    }

    /** The HTTP status a vendor answers a failure of {@code kind} with; 0 where there is no HTTP answer. */
    private static int httpStatus(FailureKind kind) {
        return switch (kind) {
            case AUTHENTICATION -> 401;
            case RATE_LIMITED -> 429;
            case UNAVAILABLE -> 503;
            case INVALID_REQUEST -> 400;
            default -> 0;
        };
    }

}
