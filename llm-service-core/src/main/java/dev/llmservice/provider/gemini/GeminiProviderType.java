package dev.llmservice.provider.gemini;

import dev.llmservice.provider.BuiltInModels;
import dev.llmservice.provider.internal.BaseUrlConvention;
import dev.llmservice.provider.internal.ChatModelProviderType;

import java.net.URI;

/**
 * Google's Gemini API (Google AI, API key) through LangChain4j's {@code GoogleAiGeminiChatModel}.
 *
 * <p>Base URL convention, as in Google's own SDKs: the host root, {@code https://generativelanguage.googleapis.com}.
 * A trailing slash or an explicit {@code /v1beta} or {@code /v1} is removed; LangChain4j's client speaks
 * {@code v1beta}.
 */
public final class GeminiProviderType extends ChatModelProviderType {

    public static final String NAME = "gemini";
    public static final URI DEFAULT_BASE_URL = URI.create("https://generativelanguage.googleapis.com");

    public GeminiProviderType() {
        super(NAME, GeminiDialect.DISPLAY_NAME, BuiltInModels.GEMINI, DEFAULT_BASE_URL,
                BaseUrlConvention.hostRoot("/v1beta", "/v1"), GeminiDialect::new);
    }
}
