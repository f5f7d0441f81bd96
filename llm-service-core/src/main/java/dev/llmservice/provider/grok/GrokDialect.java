package dev.llmservice.provider.grok;

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

import java.util.Locale;

/**
 * xAI specifics. The wire format is OpenAI's ({@code Authorization: Bearer}, {@code /v1/chat/completions},
 * {@code /v1/models}, {@code response_format: json_object}), and the token limit goes out as {@code max_tokens}, the
 * field xAI's examples use. Errors are not OpenAI-shaped: {@code {"code": "...", "error": "..."}}, and a bad key is a
 * 400 "Incorrect API key provided", not a 401.
 */
final class GrokDialect implements VendorDialect {

    static final String DISPLAY_NAME = "Grok";

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
                .maxTokens(config.maxTokens())
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

    @Override
    public Classification classifyHttpError(int status, ErrorBody body) {
        String message = body.message().toLowerCase(Locale.ROOT);
        if (status == 400 && message.contains("api key")
                && (message.contains("incorrect") || message.contains("invalid"))) {
            return Classification.of(FailureKind.AUTHENTICATION);
        }
        return Classification.forStatus(status);
    }
}
