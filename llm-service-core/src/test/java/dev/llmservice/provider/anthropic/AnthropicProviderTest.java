package dev.llmservice.provider.anthropic;

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

class AnthropicProviderTest extends VendorContract {

    static final VendorCase ANTHROPIC = new VendorCase(new AnthropicProviderType(),
            new VendorCase.Defaults("claude-sonnet-4-5", "https://api.anthropic.com", true),
            "claude-sonnet-4-5", API_KEY,
            new VendorCase.Paths("/v1/messages", "/v1/models"),
            request -> {
                assertThat(request.getHeader("x-api-key")).isEqualTo(API_KEY);
                assertThat(request.getHeader("anthropic-version")).isEqualTo("2023-06-01");
                assertThat(request.containsHeader("Authorization")).isFalse();
                assertThat(request.getUrl()).doesNotContain(API_KEY);
            },
            body -> {
                assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-5");
                assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
                assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
                assertThat(body.path("system").toString()).contains("Be brief.");
                assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("user");
                assertThat(body.path("messages").toString()).contains("Say hello.");
            },
            new VendorCase.Success(fixture("anthropic-messages-basic.json"),
                    "Hello! Nice to meet you. How are you doing today? Is there anything I can help you with?",
                    new TokenUsage(10, 25), "claude-sonnet-4-20250514"),
            new VendorCase.Answers(
                new VendorCase.Answer(401, fixture("anthropic-error-401-authentication.json")),
                new VendorCase.Answer(429, fixture("anthropic-error-429-rate-limit.json")), null,
                new VendorCase.Answer(529, fixture("anthropic-error-529-overloaded.json")),
                new VendorCase.Answer(400, fixture("anthropic-error-400-invalid-request.json"))),
            fake("anthropic-models-list.json"),
            new VendorCase.BaseUrls("/v1/", Map.of(
                    "https://api.anthropic.com", "https://api.anthropic.com",
                    "https://api.anthropic.com/", "https://api.anthropic.com",
                    "https://api.anthropic.com/v1", "https://api.anthropic.com",
                    "https://api.anthropic.com/v1/", "https://api.anthropic.com",
                    "http://proxy.local:8080/claude/v1", "http://proxy.local:8080/claude")));

    AnthropicProviderTest() {
        super(ANTHROPIC);
    }

    @Test
    void jsonRequestIsAskedForInThePromptBecauseAnthropicHasNoJsonMode() {
        answerChat(200, successBody());

        provider(0).generate(new GenerationRequest(null, "List three colours.", true));

        JsonNode body = bodyOf(onlyChatRequest());
        assertThat(body.path("system").toString()).contains("JSON object");
        assertThat(body.has("response_format")).isFalse();
        assertThat(body.has("output_format")).isFalse();
        assertThat(provider(0).supportsJsonMode()).isFalse();
    }

    @Test
    void overloadedIsUnavailableWithTheVendorsMessage() {
        answerChat(529, fixture("anthropic-error-529-overloaded.json"));

        ProviderException e = failureOf(() -> provider(0).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).isEqualTo("Anthropic answered HTTP 529 (unavailable): Overloaded");
    }

    @Test
    void refusalStopReasonIsRefusedWithTheExplanation() {
        answerChat(200, fixture("anthropic-messages-refusal-SYNTHETIC.json"));

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.REFUSED);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("refusal").contains("violative cyber content");
        onlyChatRequest();
    }

    @Test
    void replyWithoutTextBlocksIsBadResponse() {
        answerChat(200, fixture("anthropic-messages-basic.json").replaceFirst("(?s)\"content\": \\[.*?\\],",
                "\"content\": [],"));

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.BAD_RESPONSE);
        assertThat(e.getMessage()).isEqualTo("Anthropic sent an unusable reply (bad response): the reply has no text "
                + "(finish reason stop)");
        onlyChatRequest();
    }

    @Test
    void finishAtMaxTokensIsLength() {
        answerChat(200, successBody().replace("\"end_turn\"", "\"max_tokens\""));

        assertThat(provider(0).generate(GenerationRequest.of("Hi")).finishReason()).isEqualTo("length");
    }

}
