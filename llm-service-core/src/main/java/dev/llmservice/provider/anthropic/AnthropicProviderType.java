package dev.llmservice.provider.anthropic;

import dev.llmservice.provider.BuiltInModels;
import dev.llmservice.provider.internal.BaseUrlConvention;
import dev.llmservice.provider.internal.ChatModelProviderType;

import java.net.URI;

/**
 * Anthropic's Messages API through LangChain4j's {@code AnthropicChatModel}.
 *
 * <p>Base URL convention, as in Anthropic's own SDKs: the host root, {@code https://api.anthropic.com}. A trailing
 * slash or {@code /v1} is removed; the API version lives in the path LangChain4j adds ({@code /v1/messages}).
 */
public final class AnthropicProviderType extends ChatModelProviderType {

    public static final String NAME = "anthropic";
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.anthropic.com");

    public AnthropicProviderType() {
        super(NAME, AnthropicDialect.DISPLAY_NAME, BuiltInModels.ANTHROPIC, DEFAULT_BASE_URL,
                BaseUrlConvention.hostRoot("/v1"), AnthropicDialect::new);
    }
}
