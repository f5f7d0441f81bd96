package dev.llmservice.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.TokenUsage;
import dev.llmservice.provider.VendorCase;
import dev.llmservice.provider.VendorContract;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static dev.llmservice.provider.ProviderTestKit.API_KEY;
import static dev.llmservice.provider.ProviderTestKit.MASKED_KEY;
import static dev.llmservice.provider.ProviderTestKit.fake;
import static dev.llmservice.provider.ProviderTestKit.fixture;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

class OpenAiProviderTest extends VendorContract {

    static final VendorCase OPENAI = new VendorCase(new OpenAiProviderType(),
            new VendorCase.Defaults("gpt-4.1", "https://api.openai.com/v1", true),
            "gpt-4.1", API_KEY,
            new VendorCase.Paths("/v1/chat/completions", "/v1/models"),
            VendorCase.bearer(API_KEY),
            // OpenAI deprecated max_tokens, and reasoning models reject it.
            VendorCase.chatCompletionsBody("gpt-4.1", "max_completion_tokens"),
            new VendorCase.Success(fixture("openai-chat-basic.json"), "Hello! I am a helpful assistant here to "
                    + "provide you with information and assistance to the best of my ability. How can I help you today?",
                    new TokenUsage(23, 29), "gpt-3.5-turbo-0125"),
            new VendorCase.Answers(
                new VendorCase.Answer(401, fixture("openai-error-401-invalid-api-key.json")),
                new VendorCase.Answer(429, fixture("openai-error-429-rate-limit.json")), null,
                // What a proxy in front of the API sends: HTML, not JSON. The status alone must decide.
                new VendorCase.Answer(502, "<html><head><title>502 Bad Gateway</title></head><body>Bad gateway</body></html>"),
                new VendorCase.Answer(400, fixture("openai-error-400-unsupported-parameter.json"))),
            fake("openai-models-list.json"),
            new VendorCase.BaseUrls("", Map.of(
                    "https://api.openai.com/v1", "https://api.openai.com/v1",
                    "https://api.openai.com/v1/", "https://api.openai.com/v1",
                    "https://api.openai.com", "https://api.openai.com/v1",
                    "https://api.openai.com/", "https://api.openai.com/v1",
                    "http://localhost:4000/openai", "http://localhost:4000/openai/v1")));

    private final OpenAiProviderType type = new OpenAiProviderType();

    OpenAiProviderTest() {
        super(OPENAI);
    }

    @Test
    void jsonRequestUsesJsonObjectModeAndMentionsJsonInThePrompt() {
        answerChat(200, fixture("openai-chat-structured-json.json"));

        GenerationResult result = provider(0).generate(new GenerationRequest(null, "Weather in SF?", true));

        JsonNode body = bodyOf(onlyChatRequest());
        assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_object");
        // OpenAI rejects json_object mode unless a message mentions JSON.
        assertThat(body.path("messages").toString()).containsIgnoringCase("json");
        assertThat(result.text()).isEqualTo("{\"city\":\"San Francisco\",\"temperature\":65,\"units\":\"f\"}");
    }

    @Test
    void refusalFieldIsRefusedWithTheModelsWords() {
        answerChat(200, fixture("openai-chat-refusal.json"));

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.REFUSED);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("OpenAI declined to answer: I'm very sorry, but I can't assist with that.");
        onlyChatRequest();
    }

    @Test
    void finishAtMaxTokensIsLength() {
        answerChat(200, fixture("openai-chat-finish-length.json"));

        GenerationResult result = provider(0).generate(GenerationRequest.of("Hi"));

        assertThat(result.finishReason()).isEqualTo("length");
        assertThat(result.text()).isEqualTo("{\"");
    }

    @Test
    void emptyContentIsBadResponse() {
        answerChat(200, successBody().replaceFirst("\"content\": \"[^\"]*\"", "\"content\": \"\""));

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("no text");
        onlyChatRequest();
    }

    @Test
    void insufficientQuotaIsRateLimitedButNotRetried() {
        answerChat(429, fixture("openai-error-429-insufficient-quota.json"));

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).startsWith("OpenAI answered HTTP 429 (rate limited): You exceeded your current quota");
        server().verify(exactly(1), chatRequests());
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void echoedKeyInTheVendorsMessageIsMasked() {
        // OpenAI quotes the start and end of the key it rejected; our message shows the standard mask instead.
        answerChat(401, badKeyBody().replace("sk-proj-****", "sk-test-DISTI****")
                .replace("SJh4", "cdef"));

        ProviderException e = failureOf(() -> provider(0).generate(GenerationRequest.of("Hi")));

        assertThat(e.getMessage()).contains("Incorrect API key provided: " + MASKED_KEY + ". You can find")
                .doesNotContain("DISTI").doesNotContain("****");
        assertKeyFree(e);
    }




    /** OpenAI's streamed answer: chat.completion.chunk events, the usage last, then DONE, as its reference shows. */
    static String stream(String... pieces) {
        String head = "{\"id\":\"chatcmpl-Xs9\",\"object\":\"chat.completion.chunk\",\"created\":1764900000,"
                + "\"model\":\"gpt-4.1-2025-04-14\",\"choices\":";
        StringBuilder sse = new StringBuilder("data: " + head
                + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
        for (String piece : pieces) {
            sse.append("data: ").append(head).append("[{\"index\":0,\"delta\":{\"content\":\"").append(piece)
                    .append("\"},\"finish_reason\":null}]}\n\n");
        }
        sse.append("data: ").append(head).append("[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        sse.append("data: ").append(head).append("[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":")
                .append(pieces.length).append(",\"total_tokens\":").append(9 + pieces.length).append("}}\n\n");
        return sse.append("data: [DONE]\n\n").toString();
    }

    static ResponseDefinitionBuilder events(String body) {
        return aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    @Test
    void streamHandsOverThePiecesAsTheVendorSendsThemAndReturnsTheWholeAnswer() throws Exception {
        server().stubFor(post(
                urlPathEqualTo("/v1/chat/completions"))
                .willReturn(events(stream("Hel", "lo", " there"))));
        List<String> pieces = new ArrayList<>();

        GenerationResult result = provider(0).stream(GenerationRequest.of("Hi"), pieces::add);

        assertThat(pieces).containsExactly("Hel", "lo", " there");
        assertThat(result.text()).isEqualTo("Hello there");
        assertThat(result.usage()).isEqualTo(new TokenUsage(9, 3));
        assertThat(result.finishReason()).isEqualTo("stop");
        JsonNode sent = bodyOf(onlyChatRequest());
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("max_completion_tokens").asInt()).isEqualTo(256);
    }

    @Test
    void aStreamIsRetriedWhileNothingWasHandedOver() {
        server().stubFor(post(urlPathEqualTo("/v1/chat/completions")).inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(json(429, fixture("openai-error-429-rate-limit.json"))).willSetStateTo("free"));
        server().stubFor(post(urlPathEqualTo("/v1/chat/completions")).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(events(stream("Fine."))));
        List<String> pieces = new ArrayList<>();

        GenerationResult result = provider(2).stream(GenerationRequest.of("Hi"), pieces::add);

        assertThat(pieces).containsExactly("Fine.");
        assertThat(result.text()).isEqualTo("Fine.");
        assertThat(sleeper.sleeps()).hasSize(1);
        server().verify(exactly(2), chatRequests());
    }

    @Test
    void aStreamedErrorIsClassifiedAsThePlainRequestsWouldBe() {
        answerChat(401, fixture("openai-error-401-invalid-api-key.json"));

        ProviderException e = failureOf(() -> provider(3).stream(GenerationRequest.of("Hi"), piece -> { }));

        assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(e.getMessage()).doesNotContain(API_KEY);
        server().verify(exactly(1), chatRequests());
    }
}
