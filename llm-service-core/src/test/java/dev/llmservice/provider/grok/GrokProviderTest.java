package dev.llmservice.provider.grok;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.TokenUsage;
import dev.llmservice.provider.VendorCase;
import dev.llmservice.provider.VendorContract;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.llmservice.provider.ProviderTestKit.API_KEY;
import static dev.llmservice.provider.ProviderTestKit.fake;
import static dev.llmservice.provider.ProviderTestKit.fixture;
import static org.assertj.core.api.Assertions.assertThat;

class GrokProviderTest extends VendorContract {

    static final VendorCase GROK = new VendorCase(new GrokProviderType(),
            new VendorCase.Defaults("grok-4", "https://api.x.ai/v1", true),
            "grok-4", API_KEY,
            new VendorCase.Paths("/v1/chat/completions", "/v1/models"),
            VendorCase.bearer(API_KEY),
            VendorCase.chatCompletionsBody("grok-4", "max_tokens"),
            new VendorCase.Success(fixture("xai-chat-basic.json"), "Hi\nHello World", new TokenUsage(28, 4), "grok-3"),
            // xAI answers an invalid key with 400 and its own {"code","error"} shape, not 401.
            new VendorCase.Answers(
                new VendorCase.Answer(400, fixture("xai-error-400-invalid-api-key.json")),
                // No recorded xAI 429 body exists (shared/fixtures/README.md): the message is quoted from a public report,
                // the code text is a guess in the style of xAI's other codes (gRPC status descriptions).
                new VendorCase.Answer(429, "{\"code\":\"Some resource has been exhausted\",\"error\":\"Your team has "
                        + "either used all available credits or reached its monthly spending limit.\"}"), null,
                new VendorCase.Answer(503, "{\"code\":\"The service is currently unavailable\",\"error\":\"Service "
                        + "temporarily unavailable.\"}"),
                new VendorCase.Answer(400, "{\"code\":\"Client specified an invalid argument\",\"error\":\"Model grok-9 "
                        + "does not exist.\"}")),
            fake("xai-models-list.json"),
            new VendorCase.BaseUrls("/", Map.of(
                    "https://api.x.ai/v1", "https://api.x.ai/v1",
                    "https://api.x.ai/v1/", "https://api.x.ai/v1",
                    "https://api.x.ai", "https://api.x.ai/v1",
                    "https://api.x.ai/", "https://api.x.ai/v1")));

    private final GrokProviderType type = new GrokProviderType();

    GrokProviderTest() {
        super(GROK);
    }

    @Test
    void jsonRequestUsesJsonObjectMode() {
        answerChat(200, successBody());

        provider(0).generate(new GenerationRequest(null, "Say hi.", true));

        JsonNode body = bodyOf(onlyChatRequest());
        assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_object");
    }

    @Test
    void incorrectKeyMessageIsDecodedAndTheEchoMasked() {
        answerChat(400, badKeyBody());

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(e.getMessage()).isEqualTo("Grok answered HTTP 400 (authentication): Incorrect API key provided: "
                + "sk-t\u2026cdef. You can obtain an API key from https://console.x.ai.");
    }

    @Test
    void otherBadRequestIsInvalidRequestWithTheVendorsWords() {
        answerChat(vendor().invalidRequest());

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.INVALID_REQUEST);
        assertThat(e.getMessage()).isEqualTo("Grok answered HTTP 400 (invalid request): Model grok-9 does not exist.");
    }



}
