package dev.llmservice.provider.compatible;

import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.VendorCase;
import dev.llmservice.provider.VendorContract;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.llmservice.provider.ProviderTestKit.API_KEY;
import static dev.llmservice.provider.compatible.CompatibleBodies.openRouterError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenRouter's OpenAI-compatible API. No recording exists: the error bodies are the shape OpenRouter's "Errors" page
 * documents ({@code {"error": {"code": <the status>, "message", "metadata"}}}), with its statuses and meanings
 * (shared/fixtures/openai-compatible-vendors.md); a successful answer is OpenAI's shape with an upstream model id.
 */
class OpenRouterProviderTest extends VendorContract {

    static final String MODEL = "anthropic/claude-sonnet-4.5";

    static final VendorCase OPENROUTER = new VendorCase(new OpenRouterProviderType(),
            new VendorCase.Defaults(null, "https://openrouter.ai/api/v1", true),
            MODEL, API_KEY,
            new VendorCase.Paths("/chat/completions", "/models"),
            VendorCase.bearer(API_KEY),
            VendorCase.chatCompletionsBody(MODEL, "max_tokens"),
            CompatibleBodies.success(MODEL),
            new VendorCase.Answers(
                new VendorCase.Answer(401, openRouterError(401, "No auth credentials found")),
                new VendorCase.Answer(429, openRouterError(429, "Rate limit exceeded")), null,
                // The chosen model is down or answered invalidly.
                new VendorCase.Answer(502, openRouterError(502, "Provider returned error")),
                new VendorCase.Answer(400, openRouterError(400, "anthropic/claude-9 is not a valid model ID"))),
            CompatibleBodies.models(MODEL),
            new VendorCase.BaseUrls("/", Map.of(
                    "https://openrouter.ai/api/v1", "https://openrouter.ai/api/v1",
                    "https://openrouter.ai/api/v1/", "https://openrouter.ai/api/v1")));

    OpenRouterProviderTest() {
        super(OPENROUTER);
    }

    @Test
    void noCreditsLeftIsAQuotaFailureThatIsNotRetried() {
        answerChat(402, openRouterError(402, "Insufficient credits. Add more using https://openrouter.ai/credits"));

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("OpenRouter answered HTTP 402 (rate limited): Insufficient credits. Add "
                + "more using https://openrouter.ai/credits");
        server().verify(exactly(1), chatRequests());
    }

    @Test
    void inputFlaggedByModerationIsARefusalNotAKeyProblem() {
        answerChat(403, openRouterError(403, "Input was flagged by moderation"));

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.REFUSED);
        assertThat(e.retryable()).isFalse();
        server().verify(exactly(1), chatRequests());
    }

    @Test
    void noProviderMeetingTheRoutingRequirementsIsRetried() {
        answerChat(503, openRouterError(503, "No available provider meets the routing requirements"));

        ProviderException e = failureOf(() -> provider(2).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.UNAVAILABLE);
        server().verify(exactly(3), chatRequests());
    }

    @Test
    void anErrorSentWithHttp200IsThatErrorNeverAnAnswer() {
        // An error after the model started: HTTP 200, the error object instead of choices.
        answerChat(200, openRouterError(502, "Upstream model stopped mid-stream"));

        ProviderException e = failureOf(() -> provider(1).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e.getMessage()).startsWith("OpenRouter answered HTTP 200 with an error 502 (unavailable): "
                + "Upstream model stopped mid-stream");
        server().verify(exactly(2), chatRequests());
    }

    @Test
    void anErrorSentWithHttp200ThenAnAnswerReturnsTheAnswer() {
        server().stubFor(post(urlPathEqualTo("/chat/completions")).inScenario("mid-stream").whenScenarioStateIs(STARTED)
                .willReturn(json(200, openRouterError(502, "Provider returned error"))).willSetStateTo("again"));
        server().stubFor(post(urlPathEqualTo("/chat/completions")).inScenario("mid-stream").whenScenarioStateIs("again")
                .willReturn(json(200, successBody())));

        GenerationResult result = provider(1).generate(GenerationRequest.of("Hi"));

        assertThat(result.text()).isEqualTo(CompatibleBodies.TEXT);
        assertThat(sleeper.sleeps()).hasSize(1);
    }

    @Test
    void anErrorWithoutAnHttpStatusInA200IsAnUpstreamFailure() {
        answerChat(200, "{\"error\":{\"code\":\"server_error\",\"message\":\"Something went wrong\"}}");

        ProviderException e = failureOf(() -> provider(0).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("HTTP 200 with an error 502");
    }

    @Test
    void anAnswerThatMentionsAnErrorInItsTextIsStillAnAnswer() {
        answerChat(200, successBody().replace(CompatibleBodies.TEXT, "The \\\"error\\\" field is empty."));

        assertThat(provider(0).generate(GenerationRequest.of("Hi")).text()).isEqualTo("The \"error\" field is empty.");
    }

    @Test
    void timedOutUpstreamIsATimeout() {
        answerChat(408, openRouterError(408, "Request timed out"));

        assertThat(failureOf(() -> provider(0).generate(GenerationRequest.of("Hi"))).kind())
                .isEqualTo(FailureKind.TIMEOUT);
    }

    @Test
    void healthCheckOfAKeyWithoutCreditsIsUnhealthy() {
        answerModels(402, openRouterError(402, "Insufficient credits"));

        HealthCheckResult health = provider(0).healthCheck();

        assertThat(health.healthy()).isFalse();
        assertThat(health.reason()).isEqualTo(FailureKind.RATE_LIMITED);
    }

}
