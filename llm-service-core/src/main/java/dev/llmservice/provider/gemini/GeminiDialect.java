package dev.llmservice.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.catalog.ModelCatalog;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiModelCatalog;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.internal.Classification;
import dev.llmservice.provider.internal.ErrorBody;
import dev.llmservice.provider.internal.FailureClassifier;
import dev.llmservice.provider.internal.RetryHints;
import dev.llmservice.provider.internal.VendorDialect;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Gemini specifics. LangChain4j wants {@code https://generativelanguage.googleapis.com/v1beta} (no trailing slash: it
 * appends {@code /models/{model}:generateContent} by string formatting) and sends the key in the
 * {@code x-goog-api-key} header, never in the URL. JSON mode is {@code generationConfig.responseMimeType:
 * application/json}. An invalid key is a 400 {@code INVALID_ARGUMENT} with reason {@code API_KEY_INVALID}. A blocked
 * prompt is a 200 without candidates, which LangChain4j 1.19 cannot map (it throws), and a blocked answer a 200 with
 * {@code finishReason: SAFETY} (or another filter reason); both are read from the raw body.
 */
final class GeminiDialect implements VendorDialect {

    static final String DISPLAY_NAME = "Gemini";

    /** Finish reasons that mean a filter withheld the answer (LangChain4j maps these to {@code CONTENT_FILTER}). */
    static final Set<String> BLOCKING_FINISH_REASONS = Set.of("SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII",
            "RECITATION", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION", "LANGUAGE");

    @Override
    public String displayName() {
        return DISPLAY_NAME;
    }

    /** The configured host root (normalised once, by the loader) with the API version LangChain4j's client speaks. */
    static String langChain4jBaseUrl(ProviderConfig config) {
        return config.baseUrl() + "/v1beta";
    }

    @Override
    public ChatModel chatModel(ProviderConfig config, HttpClientBuilder http) {
        return GoogleAiGeminiChatModel.builder()
                .httpClientBuilder(http)
                .baseUrl(langChain4jBaseUrl(config))
                .apiKey(config.revealApiKey())
                .modelName(config.model())
                .maxOutputTokens(config.maxTokens())
                .temperature(config.temperature())
                .maxRetries(0)
                .build();
    }

    @Override
    public StreamingChatModel streamingChatModel(ProviderConfig config, HttpClientBuilder http) {
        return GoogleAiGeminiStreamingChatModel.builder()
                .httpClientBuilder(http)
                .baseUrl(langChain4jBaseUrl(config))
                .apiKey(config.revealApiKey())
                .modelName(config.model())
                .maxOutputTokens(config.maxTokens())
                .temperature(config.temperature())
                .build();
    }

    @Override
    public ModelCatalog modelCatalog(ProviderConfig config, HttpClientBuilder http) {
        return GoogleAiGeminiModelCatalog.builder()
                .httpClientBuilder(http)
                .baseUrl(langChain4jBaseUrl(config))
                .apiKey(config.revealApiKey())
                .build();
    }

    @Override
    public boolean hasJsonMode() {
        return true;
    }

    @Override
    public Classification classifyHttpError(int status, ErrorBody body) {
        if (status == 400 && body.reasons().contains("API_KEY_INVALID")) {
            return Classification.of(FailureKind.AUTHENTICATION);
        }
        return Classification.forStatus(status);
    }

    /**
     * A 429 {@code RESOURCE_EXHAUSTED} says when to come back in a detail, not a header:
     * {@code {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "34.4s"}}.
     */
    @Override
    public Optional<Duration> retryDelay(String errorBody) {
        JsonNode root = FailureClassifier.readTree(errorBody);
        if (root == null) {
            return Optional.empty();
        }
        for (JsonNode detail : root.path("error").path("details")) {
            if (detail.path("@type").asText("").endsWith("google.rpc.RetryInfo")) {
                return RetryHints.protobufDuration(detail.path("retryDelay").asText(null));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> refusal(String answer) {
        JsonNode body = FailureClassifier.readTree(answer);
        if (body == null) {
            return Optional.empty();
        }
        String blockReason = body.path("promptFeedback").path("blockReason").asText("");
        if (!blockReason.isEmpty()) {
            return Optional.of("prompt blocked: " + blockReason);
        }
        String finishReason = body.path("candidates").path(0).path("finishReason").asText("");
        if (BLOCKING_FINISH_REASONS.contains(finishReason)) {
            return Optional.of("answer blocked: finishReason " + finishReason);
        }
        return Optional.empty();
    }
}
