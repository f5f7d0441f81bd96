package dev.llmservice.provider.compatible;

import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.VendorCase;
import dev.llmservice.provider.VendorContract;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static dev.llmservice.provider.ProviderTestKit.API_KEY;
import static dev.llmservice.provider.compatible.CompatibleBodies.openAiError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DeepSeek's OpenAI-compatible API. No recording exists: the bodies are OpenAI's shape, which DeepSeek's API answers
 * in, with the words and status codes of DeepSeek's "Error Codes" page (shared/fixtures/openai-compatible-vendors.md).
 */
class DeepSeekProviderTest extends VendorContract {

    static final VendorCase DEEPSEEK = new VendorCase(new DeepSeekProviderType(),
            new VendorCase.Defaults("deepseek-chat", "https://api.deepseek.com", true),
            "deepseek-chat", API_KEY,
            new VendorCase.Paths("/chat/completions", "/models"),
            VendorCase.bearer(API_KEY),
            VendorCase.chatCompletionsBody("deepseek-chat", "max_tokens"),
            CompatibleBodies.success("deepseek-chat"),
            new VendorCase.Answers(
                new VendorCase.Answer(401, openAiError("Authentication Fails, Your api key: ****cdef is invalid",
                        "authentication_error", "invalid_request_error")),
                new VendorCase.Answer(429, openAiError("Rate Limit Reached", "rate_limit_error", null)), null,
                new VendorCase.Answer(503, openAiError("Server Overloaded", "server_error", null)),
                new VendorCase.Answer(400, openAiError("Invalid Format", "invalid_request_error", null))),
            CompatibleBodies.models("deepseek-chat"),
            new VendorCase.BaseUrls("/", Map.of(
                    "https://api.deepseek.com", "https://api.deepseek.com",
                    "https://api.deepseek.com/", "https://api.deepseek.com",
                    "https://api.deepseek.com/v1/", "https://api.deepseek.com/v1")));

    DeepSeekProviderTest() {
        super(DEEPSEEK);
    }

    @Test
    void insufficientBalanceIsAQuotaFailureThatIsNotRetried() {
        answerChat(402, openAiError("Insufficient Balance", "unknown_error", "invalid_request_error"));

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(e.retryable()).isFalse();
        assertThat(e.httpStatus()).isEqualTo(402);
        assertThat(e.getMessage()).isEqualTo("DeepSeek answered HTTP 402 (rate limited): Insufficient Balance");
        server().verify(exactly(1), chatRequests());
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void serverErrorIsRetriedAfterABriefWait() {
        answerChat(500, openAiError("Server Error", "server_error", null));

        ProviderException e = failureOf(() -> provider(1).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.UNAVAILABLE);
        server().verify(exactly(2), chatRequests());
    }

    @Test
    void invalidParametersAreAnInvalidRequestThatIsNotRetried() {
        answerChat(422, openAiError("Invalid Parameters", "invalid_request_error", null));

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.INVALID_REQUEST);
        server().verify(exactly(1), chatRequests());
    }

    @Test
    void theEchoedKeyInARejectionShowsOnlyTheMask() {
        answerChat(401, openAiError("Authentication Fails, Your api key: " + API_KEY + " is invalid",
                "authentication_error", "invalid_request_error"));

        ProviderException e = failureOf(() -> provider(0).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertKeyFree(e);
    }

}
