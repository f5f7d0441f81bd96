package dev.llmservice.provider.gemini;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.BaseUrls;
import dev.llmservice.provider.BuiltInModels;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.provider.internal.ChatModelProvider;
import dev.llmservice.provider.internal.ProviderRuntime;

import java.net.URI;

/**
 * Google's Gemini API (Google AI, API key) through LangChain4j's {@code GoogleAiGeminiChatModel}.
 *
 * <p>Base URL convention, as in Google's own SDKs: the host root, {@code https://generativelanguage.googleapis.com}.
 * A trailing slash or an explicit {@code /v1beta} or {@code /v1} is removed; LangChain4j's client speaks
 * {@code v1beta}.
 */
public final class GeminiProviderType implements ProviderType {

    public static final String NAME = "gemini";
    public static final URI DEFAULT_BASE_URL = URI.create("https://generativelanguage.googleapis.com");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return GeminiDialect.DISPLAY_NAME;
    }

    @Override
    public String defaultModel() {
        return BuiltInModels.GEMINI;
    }

    @Override
    public URI defaultBaseUrl() {
        return DEFAULT_BASE_URL;
    }

    @Override
    public URI normalizeBaseUrl(URI given) {
        return BaseUrls.withoutSuffix(BaseUrls.withoutSuffix(given, "/v1beta"), "/v1");
    }

    @Override
    public String baseUrlConvention() {
        return "host root, e.g. " + DEFAULT_BASE_URL + " (a trailing /v1beta or /v1 is removed)";
    }

    @Override
    public LlmProvider create(ProviderConfig config) {
        return create(config, ProviderRuntime.system());
    }

    /** As {@link #create(ProviderConfig)}, with a chosen sleeper, clocks and jitter (tests). */
    public LlmProvider create(ProviderConfig config, ProviderRuntime runtime) {
        return new ChatModelProvider(config.withBaseUrl(normalizeBaseUrl(config.baseUrl())), new GeminiDialect(),
                runtime);
    }
}
