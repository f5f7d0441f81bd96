package dev.llmservice.provider.grok;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.BaseUrls;
import dev.llmservice.provider.BuiltInModels;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.provider.internal.ChatModelProvider;
import dev.llmservice.provider.internal.ProviderRuntime;

import java.net.URI;

/**
 * xAI's Grok through its OpenAI-compatible Chat Completions API and LangChain4j's {@code OpenAiChatModel}.
 *
 * <p>Base URL convention, as with the OpenAI SDK pointed at xAI: including {@code /v1},
 * {@code https://api.x.ai/v1}. A trailing slash is removed and a missing {@code /v1} added.
 */
public final class GrokProviderType implements ProviderType {

    public static final String NAME = "grok";
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.x.ai/v1");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return GrokDialect.DISPLAY_NAME;
    }

    @Override
    public String defaultModel() {
        return BuiltInModels.GROK;
    }

    @Override
    public URI defaultBaseUrl() {
        return DEFAULT_BASE_URL;
    }

    @Override
    public URI normalizeBaseUrl(URI given) {
        return BaseUrls.withSuffix(given, "/v1");
    }

    @Override
    public String baseUrlConvention() {
        return "including /v1, e.g. " + DEFAULT_BASE_URL + " (a missing /v1 is added)";
    }

    @Override
    public LlmProvider create(ProviderConfig config) {
        return create(config, ProviderRuntime.system());
    }

    /** As {@link #create(ProviderConfig)}, with a chosen sleeper, clocks and jitter (tests). */
    public LlmProvider create(ProviderConfig config, ProviderRuntime runtime) {
        return new ChatModelProvider(config.withBaseUrl(normalizeBaseUrl(config.baseUrl())), new GrokDialect(),
                runtime);
    }
}
