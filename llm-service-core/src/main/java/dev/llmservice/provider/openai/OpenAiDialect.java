package dev.llmservice.provider.openai;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.catalog.ModelCatalog;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiModelCatalog;
import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.internal.Classification;
import dev.llmservice.provider.internal.ErrorBody;
import dev.llmservice.provider.internal.VendorDialect;

/**
 * OpenAI specifics. LangChain4j takes the base URL with {@code /v1} as is and sends {@code Authorization: Bearer}.
 * The token limit goes out as {@code max_completion_tokens}: OpenAI deprecated {@code max_tokens}, and reasoning
 * models reject it (see the fixture {@code openai-error-400-unsupported-parameter.json}). JSON mode is
 * {@code response_format: {"type":"json_object"}}. LangChain4j turns the {@code refusal} field into a
 * {@code ContentFilteredException}.
 */
final class OpenAiDialect implements VendorDialect {

    static final String DISPLAY_NAME = "OpenAI";

    @Override
    public String displayName() {
        return DISPLAY_NAME;
    }

    @Override
    public ChatModel chatModel(ProviderConfig config, HttpClientBuilder http) {
        return OpenAiChatModel.builder()
                .httpClientBuilder(http)
                .baseUrl(config.baseUrl().toString())
                .apiKey(config.apiKey().reveal())
                .modelName(config.model())
                .maxCompletionTokens(config.maxTokens())
                .temperature(config.temperature())
                .timeout(config.timeout())
                .maxRetries(0)
                .build();
    }

    @Override
    public ModelCatalog modelCatalog(ProviderConfig config, HttpClientBuilder http) {
        return OpenAiModelCatalog.builder()
                .httpClientBuilder(http)
                .baseUrl(config.baseUrl().toString())
                .apiKey(config.apiKey().reveal())
                .connectTimeout(config.timeout())
                .readTimeout(config.timeout())
                .build();
    }

    @Override
    public boolean hasJsonMode() {
        return true;
    }

    /**
     * A 429 is not always worth retrying: {@code insufficient_quota} waits for billing, and "Request too large" for
     * a smaller request.
     */
    @Override
    public Classification classifyHttpError(int status, ErrorBody body) {
        if (status == 429 && ("insufficient_quota".equals(body.code()) || "insufficient_quota".equals(body.type())
                || body.message().startsWith("Request too large"))) {
            return Classification.permanent(FailureKind.RATE_LIMITED);
        }
        return Classification.forStatus(status);
    }
}
