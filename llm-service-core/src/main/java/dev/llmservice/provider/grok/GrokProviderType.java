package dev.llmservice.provider.grok;

import dev.llmservice.provider.BuiltInModels;
import dev.llmservice.provider.internal.BaseUrlConvention;
import dev.llmservice.provider.internal.ChatModelProviderType;

import java.net.URI;

/**
 * xAI's Grok through its OpenAI-compatible Chat Completions API and LangChain4j's {@code OpenAiChatModel}.
 *
 * <p>Base URL convention, as with the OpenAI SDK pointed at xAI: including {@code /v1},
 * {@code https://api.x.ai/v1}. A trailing slash is removed and a missing {@code /v1} added.
 */
public final class GrokProviderType extends ChatModelProviderType {

    public static final String NAME = "grok";
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.x.ai/v1");

    public GrokProviderType() {
        super(NAME, GrokDialect.DISPLAY_NAME, BuiltInModels.GROK, DEFAULT_BASE_URL,
                BaseUrlConvention.withSuffix("/v1"), GrokDialect::new);
    }
}
