package dev.llmservice.provider.internal;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.catalog.ModelCatalog;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiModelCatalog;
import dev.llmservice.config.ProviderConfig;

/**
 * The part OpenAI and every OpenAI-compatible vendor (xAI's Grok, the {@code openai-compatible} type and its presets)
 * share: LangChain4j's OpenAI client with the base URL as normalised by the type, {@code Authorization: Bearer} (no
 * such header at all for a provider without a key: LangChain4j adds it only when given one), JSON mode as
 * {@code response_format: json_object}, and the list-models call ({@code GET {base}/models}) for health. A vendor
 * says only how it sends the token limit and how its errors read.
 */
public abstract class OpenAiCompatibleDialect implements VendorDialect {

    /** Sets the reply's token limit in the field this vendor expects. */
    protected abstract OpenAiChatModel.OpenAiChatModelBuilder tokenLimit(
            OpenAiChatModel.OpenAiChatModelBuilder builder, int maxTokens);

    @Override
    public final ChatModel chatModel(ProviderConfig config, HttpClientBuilder http) {
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .httpClientBuilder(http)
                .baseUrl(config.baseUrl().toString())
                .apiKey(config.revealApiKey())
                .modelName(config.model())
                .temperature(config.temperature())
                .maxRetries(0);
        return tokenLimit(builder, config.maxTokens()).build();
    }

    @Override
    public final ModelCatalog modelCatalog(ProviderConfig config, HttpClientBuilder http) {
        return OpenAiModelCatalog.builder()
                .httpClientBuilder(http)
                .baseUrl(config.baseUrl().toString())
                .apiKey(config.revealApiKey())
                .build();
    }

    @Override
    public final boolean hasJsonMode() {
        return true;
    }
}
