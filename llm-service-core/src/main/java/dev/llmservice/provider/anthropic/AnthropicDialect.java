package dev.llmservice.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicModelCatalog;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.catalog.ModelCatalog;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.internal.FailureClassifier;
import dev.llmservice.provider.internal.VendorDialect;

import java.util.Optional;

/**
 * Anthropic specifics. LangChain4j wants the versioned base URL ({@code https://api.anthropic.com/v1/}) and sends
 * {@code x-api-key} and {@code anthropic-version: 2023-06-01}. There is no JSON mode: a JSON request is asked for in
 * the prompt only. Errors are {@code {"type":"error","error":{"type","message"}}}; 529 {@code overloaded_error} is
 * "unavailable" like any 5xx. A refusal is a 200 with {@code stop_reason: "refusal"}, which LangChain4j reduces to
 * finish reason {@code OTHER}, so it is read from the raw body.
 */
final class AnthropicDialect implements VendorDialect {

    static final String DISPLAY_NAME = "Anthropic";

    @Override
    public String displayName() {
        return DISPLAY_NAME;
    }

    /**
     * The configured base URL is the host root (normalised once, by the loader); LangChain4j's client takes the
     * versioned root and appends {@code messages} or {@code models}. A mapping, not a second normalisation.
     */
    static String langChain4jBaseUrl(ProviderConfig config) {
        return config.baseUrl() + "/v1/";
    }

    @Override
    public ChatModel chatModel(ProviderConfig config, HttpClientBuilder http) {
        return AnthropicChatModel.builder()
                .httpClientBuilder(http)
                .baseUrl(langChain4jBaseUrl(config))
                .apiKey(config.revealApiKey())
                .modelName(config.model())
                .maxTokens(config.maxTokens())
                .temperature(config.temperature())
                .maxRetries(0)
                .build();
    }

    @Override
    public StreamingChatModel streamingChatModel(ProviderConfig config, HttpClientBuilder http) {
        return AnthropicStreamingChatModel.builder()
                .httpClientBuilder(http)
                .baseUrl(langChain4jBaseUrl(config))
                .apiKey(config.revealApiKey())
                .modelName(config.model())
                .maxTokens(config.maxTokens())
                .temperature(config.temperature())
                .build();
    }

    @Override
    public ModelCatalog modelCatalog(ProviderConfig config, HttpClientBuilder http) {
        return AnthropicModelCatalog.builder()
                .httpClientBuilder(http)
                .baseUrl(langChain4jBaseUrl(config))
                .apiKey(config.revealApiKey())
                .build();
    }

    @Override
    public boolean hasJsonMode() {
        return false;
    }

    @Override
    public Optional<String> refusal(String answer) {
        JsonNode body = FailureClassifier.readTree(answer);
        if (body == null || !"refusal".equals(body.path("stop_reason").asText())) {
            return Optional.empty();
        }
        String explanation = body.path("stop_details").path("explanation").asText("");
        return Optional.of(explanation.isBlank() ? "stop_reason refusal" : "stop_reason refusal: " + explanation);
    }
}
