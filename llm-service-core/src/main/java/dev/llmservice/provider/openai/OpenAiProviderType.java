package dev.llmservice.provider.openai;

import dev.llmservice.provider.BuiltInModels;
import dev.llmservice.provider.internal.BaseUrlConvention;
import dev.llmservice.provider.internal.ChatModelProviderType;

import java.net.URI;

/**
 * OpenAI's Chat Completions API through LangChain4j's {@code OpenAiChatModel}.
 *
 * <p>Base URL convention, as in OpenAI's own SDKs: including {@code /v1}, {@code https://api.openai.com/v1}. A
 * trailing slash is removed and a missing {@code /v1} added.
 */
public final class OpenAiProviderType extends ChatModelProviderType {

    public static final String NAME = "openai";
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.openai.com/v1");

    public OpenAiProviderType() {
        super(NAME, OpenAiDialect.DISPLAY_NAME, BuiltInModels.OPENAI, DEFAULT_BASE_URL,
                BaseUrlConvention.withSuffix("/v1"), OpenAiDialect::new);
    }
}
