package dev.llmservice.provider.anthropic;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.BaseUrls;
import dev.llmservice.provider.BuiltInModels;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.provider.internal.ChatModelProvider;
import dev.llmservice.provider.internal.ProviderRuntime;

import java.net.URI;

/**
 * Anthropic's Messages API through LangChain4j's {@code AnthropicChatModel}.
 *
 * <p>Base URL convention, as in Anthropic's own SDKs: the host root, {@code https://api.anthropic.com}. A trailing
 * slash or {@code /v1} is removed; the API version lives in the path LangChain4j adds ({@code /v1/messages}).
 */
public final class AnthropicProviderType implements ProviderType {

    public static final String NAME = "anthropic";
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.anthropic.com");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return AnthropicDialect.DISPLAY_NAME;
    }

    @Override
    public String defaultModel() {
        return BuiltInModels.ANTHROPIC;
    }

    @Override
    public URI defaultBaseUrl() {
        return DEFAULT_BASE_URL;
    }

    @Override
    public URI normalizeBaseUrl(URI given) {
        return BaseUrls.withoutSuffix(given, "/v1");
    }

    @Override
    public String baseUrlConvention() {
        return "host root, e.g. " + DEFAULT_BASE_URL + " (a trailing /v1 is removed)";
    }

    @Override
    public LlmProvider create(ProviderConfig config) {
        return create(config, ProviderRuntime.system());
    }

    /** As {@link #create(ProviderConfig)}, with a chosen sleeper, clocks and jitter (tests). */
    public LlmProvider create(ProviderConfig config, ProviderRuntime runtime) {
        return new ChatModelProvider(config.withBaseUrl(normalizeBaseUrl(config.baseUrl())), new AnthropicDialect(),
                runtime);
    }
}
