package dev.llmservice.testing;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.BaseUrls;
import dev.llmservice.provider.BuiltInModels;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderType;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A test-only provider type mirroring a built-in one (name, prefix, default model and base URL convention)
 * whose providers are {@link FakeProvider}s with a scriptable health check.
 */
public final class FakeProviderType implements ProviderType {

    private final String name;
    private final String displayName;
    private final String defaultModel;
    private final URI defaultBaseUrl;
    private final UnaryOperator<URI> normalizer;

    final AtomicInteger healthChecks = new AtomicInteger();
    volatile HealthScript healthScript = HealthScript.healthy();
    private volatile RuntimeException createFailure;
    private final List<FakeProvider> created = new CopyOnWriteArrayList<>();

    public FakeProviderType(String name, String displayName, String defaultModel, URI defaultBaseUrl,
                            UnaryOperator<URI> normalizer) {
        this.name = name;
        this.displayName = displayName;
        this.defaultModel = defaultModel;
        this.defaultBaseUrl = defaultBaseUrl;
        this.normalizer = normalizer;
    }

    /** Anthropic's convention: the host root. */
    public static FakeProviderType anthropic() {
        return new FakeProviderType("anthropic", "Anthropic", BuiltInModels.ANTHROPIC,
                URI.create("https://api.anthropic.com"), BaseUrls::stripTrailingSlash);
    }

    /** OpenAI's convention: ends with {@code /v1}. */
    public static FakeProviderType openai() {
        return new FakeProviderType("openai", "OpenAI", BuiltInModels.OPENAI,
                URI.create("https://api.openai.com/v1"), u -> BaseUrls.withSuffix(u, "/v1"));
    }

    /** Gemini's convention: the host root, without {@code /v1beta}. */
    public static FakeProviderType gemini() {
        return new FakeProviderType("gemini", "Gemini", BuiltInModels.GEMINI,
                URI.create("https://generativelanguage.googleapis.com"), u -> BaseUrls.withoutSuffix(u, "/v1beta"));
    }

    /** xAI's convention: ends with {@code /v1}. */
    public static FakeProviderType grok() {
        return new FakeProviderType("grok", "Grok", BuiltInModels.GROK,
                URI.create("https://api.x.ai/v1"), u -> BaseUrls.withSuffix(u, "/v1"));
    }

    /** Four fresh types in the built-in order. */
    public static List<FakeProviderType> builtIns() {
        return List.of(anthropic(), openai(), gemini(), grok());
    }

    /** Every provider of this type answers its health check with {@code script}. */
    public FakeProviderType healthCheckDoes(HealthScript script) {
        this.healthScript = script;
        return this;
    }

    /** {@link #create} throws {@code failure} (as a client library refusing a configuration would). */
    public FakeProviderType failCreateWith(RuntimeException failure) {
        this.createFailure = failure;
        return this;
    }

    /** How many health checks providers of this type have started. */
    public int healthChecks() {
        return healthChecks.get();
    }

    /** Providers created so far, oldest first. */
    public List<FakeProvider> created() {
        return List.copyOf(created);
    }

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
}
