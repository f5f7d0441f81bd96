package dev.llmservice.provider.openai;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.BaseUrls;
import dev.llmservice.provider.BuiltInModels;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.provider.internal.ChatModelProvider;
import dev.llmservice.provider.internal.ProviderRuntime;

import java.net.URI;

/**
 * OpenAI's Chat Completions API through LangChain4j's {@code OpenAiChatModel}.
 *
 * <p>Base URL convention, as in OpenAI's own SDKs: including {@code /v1}, {@code https://api.openai.com/v1}. A
 * trailing slash is removed and a missing {@code /v1} added.
 */
public final class OpenAiProviderType implements ProviderType {

    public static final String NAME = "openai";
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.openai.com/v1");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return OpenAiDialect.DISPLAY_NAME;
    }

    @Override
    public String defaultModel() {
        return BuiltInModels.OPENAI;
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
        return new ChatModelProvider(config.withBaseUrl(normalizeBaseUrl(config.baseUrl())), new OpenAiDialect(),
                runtime);
    }
}
