package dev.llmservice.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.TokenUsage;
import dev.llmservice.provider.VendorCase;
import dev.llmservice.provider.VendorContract;
import dev.llmservice.provider.GenerationResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.time.Duration;

import static dev.llmservice.provider.ProviderTestKit.API_KEY;
import static dev.llmservice.provider.ProviderTestKit.fixture;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

class GeminiProviderTest extends VendorContract {

    static final VendorCase GEMINI = new VendorCase(new GeminiProviderType(),
            new VendorCase.Defaults("gemini-2.5-pro", "https://generativelanguage.googleapis.com", true),
            "gemini-2.5-pro", API_KEY,
            new VendorCase.Paths("/v1beta/models/gemini-2.5-pro:generateContent", "/v1beta/models"),
            request -> {
                assertThat(request.getHeader("x-goog-api-key")).isEqualTo(API_KEY);
                assertThat(request.getUrl()).doesNotContain(API_KEY).doesNotContain("key=");
                assertThat(request.containsHeader("Authorization")).isFalse();
            },
            body -> {
                JsonNode generation = body.path("generationConfig");
                assertThat(generation.path("maxOutputTokens").asInt()).isEqualTo(256);
                assertThat(generation.path("temperature").asDouble()).isEqualTo(0.3);
                assertThat(generation.path("responseMimeType").asText()).isEqualTo("text/plain");
                assertThat(body.path("systemInstruction").toString()).contains("Be brief.");
                assertThat(body.path("contents").path(0).path("role").asText()).isEqualTo("user");
                assertThat(body.path("contents").toString()).contains("Say hello.");
            },
            new VendorCase.Success(fixture("gemini-generate-basic.json"),
                    "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.",
                    new TokenUsage(9, 28), "gemini-3-pro-preview"),
            // Gemini answers an invalid key with 400 INVALID_ARGUMENT, reason API_KEY_INVALID, not 401.
            new VendorCase.Answers(
                new VendorCase.Answer(400, fixture("gemini-error-400-api-key-invalid.json")),
                // Its RetryInfo.retryDelay is "34.4s".
                new VendorCase.Answer(429, fixture("gemini-error-429-resource-exhausted.json")), Duration.ofMillis(34_400),
                new VendorCase.Answer(503, fixture("gemini-error-503-unavailable.json")),
                new VendorCase.Answer(400, fixture("gemini-error-400-invalid-argument.json"))),
            fixture("gemini-models-list.json"),
            new VendorCase.BaseUrls("/v1beta/", Map.of(
                    "https://generativelanguage.googleapis.com", "https://generativelanguage.googleapis.com",
                    "https://generativelanguage.googleapis.com/", "https://generativelanguage.googleapis.com",
                    "https://generativelanguage.googleapis.com/v1beta", "https://generativelanguage.googleapis.com",
                    "https://generativelanguage.googleapis.com/v1beta/", "https://generativelanguage.googleapis.com",
                    "https://generativelanguage.googleapis.com/v1", "https://generativelanguage.googleapis.com",
                    "http://gateway.local/gemini/v1beta", "http://gateway.local/gemini")));

    GeminiProviderTest() {
        super(GEMINI);
    }

    @Test
    void jsonRequestSetsResponseMimeType() {
        answerChat(200, successBody());

        provider(0).generate(new GenerationRequest(null, "Answer in JSON.", true));

        JsonNode generation = bodyOf(onlyChatRequest()).path("generationConfig");
        assertThat(generation.path("responseMimeType").asText()).isEqualTo("application/json");
    }

    @Test
    void invalidKeyIsAuthenticationWithGooglesMessage() {
        answerChat(400, badKeyBody());

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.getMessage()).isEqualTo(
                "Gemini answered HTTP 400 (authentication): API key not valid. Please pass a valid API key.");
    }

    @Test
    void blockedPromptWithoutCandidatesIsRefused() {
        answerChat(200, fixture("gemini-prompt-blocked-safety.json"));

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.REFUSED);
        assertThat(e.getMessage()).isEqualTo("Gemini declined to answer (refused): prompt blocked: SAFETY");
        onlyChatRequest();
    }

    @Test
    void answerStoppedForSafetyIsRefused() {
        answerChat(200, fixture("gemini-finish-reason-safety.json"));

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.REFUSED);
        assertThat(e.getMessage()).contains("finishReason SAFETY");
        onlyChatRequest();
    }

    @Test
    void answerStoppedForSafetyIsRefusedAlsoWhenTheReplyHasUsage() {
        // Current replies carry usageMetadata; then LangChain4j maps the reply (finish reason CONTENT_FILTER, text
        // "No") instead of failing, and the refusal must still be noticed.
        String withUsage = fixture("gemini-finish-reason-safety.json").replaceFirst("\\{",
                "{\"usageMetadata\": {\"promptTokenCount\": 5, \"candidatesTokenCount\": 1, \"totalTokenCount\": 6},");
        answerChat(200, withUsage);

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.REFUSED);
        assertThat(e.getMessage()).contains("finishReason SAFETY");
    }

    @Test
    void candidateWithoutPartsIsBadResponse() {
        answerChat(200, fixture("gemini-empty-content.json"));

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.BAD_RESPONSE);
        assertThat(e.httpStatus()).isEqualTo(200);
        onlyChatRequest();
    }


    @Test
    void streamReadsGeminisServerSentEvents() {
        // Gemini's ?alt=sse events: each a GenerateContentResponse, the finish reason and final usage in the last.
        String chunk = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"%s\"}],"
                + "\"role\": \"model\"}%s,\"index\": 0}],"
                + "\"usageMetadata\": {\"promptTokenCount\": 4,\"candidatesTokenCount\": %d,"
                + "\"totalTokenCount\": %d},\"modelVersion\": \"gemini-2.5-pro\"}\r\n\r\n";
        String sse = String.format(chunk, "Hello", "", 1, 5)
                + String.format(chunk, " world", ",\"finishReason\": \"STOP\"", 2, 6);
        server().stubFor(post(
                urlPathEqualTo(
                        "/v1beta/models/gemini-2.5-pro:streamGenerateContent"))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "text/event-stream").withBody(sse)));
        List<String> pieces = new ArrayList<>();

        GenerationResult result = provider(0).stream(GenerationRequest.of("Hi"), pieces::add);

        assertThat(pieces).containsExactly("Hello", " world");
        assertThat(result.text()).isEqualTo("Hello world");
        assertThat(result.usage()).isEqualTo(new TokenUsage(4, 2));
    }
}
