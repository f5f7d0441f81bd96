package dev.llmservice.provider.internal;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.catalog.ModelCatalog;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiModelCatalog;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.llmservice.config.ProviderConfig;

/**
 * The part OpenAI and every OpenAI-compatible vendor (xAI's Grok, the {@code openai-compatible} type and its presets)
 * share: LangChain4j's OpenAI client with the base URL as normalised by the type, {@code Authorization: Bearer} (no
 * such header at all for a provider without a key: LangChain4j adds it only when given one), JSON mode as
 * {@code response_format: json_object}, and the list-models call ({@code GET {base}/models}) for health. A vendor
 * says only which field takes the token limit ({@link #limitsCompletionTokens()}) and how its errors read.
 */
public abstract class OpenAiCompatibleDialect implements VendorDialect {

    /**
     * Whether the vendor takes the reply's token limit as {@code max_completion_tokens} (OpenAI's current field);
     * {@code false}, the default, sends the older {@code max_tokens}, which the OpenAI-compatible vendors read.
     */
    protected boolean limitsCompletionTokens() {
        return false;
    }

    @Override
    public final ChatModel chatModel(ProviderConfig config, HttpClientBuilder http) {
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .httpClientBuilder(http)
                .baseUrl(config.baseUrl().toString())
                .apiKey(config.revealApiKey())
                .modelName(config.model())
                .temperature(config.temperature())
                .maxRetries(0);
        return (limitsCompletionTokens() ? builder.maxCompletionTokens(config.maxTokens())
                : builder.maxTokens(config.maxTokens())).build();
    }

    /** Streaming asks for the usage in the last chunk ({@code stream_options.include_usage}), as LangChain4j does. */
    @Override
    public final StreamingChatModel streamingChatModel(ProviderConfig config, HttpClientBuilder http) {
        OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder builder = OpenAiStreamingChatModel.builder()
                .httpClientBuilder(http)
                .baseUrl(config.baseUrl().toString())
                .apiKey(config.revealApiKey())
                .modelName(config.model())
                .temperature(config.temperature());
        return (limitsCompletionTokens() ? builder.maxCompletionTokens(config.maxTokens())
                : builder.maxTokens(config.maxTokens())).build();
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
