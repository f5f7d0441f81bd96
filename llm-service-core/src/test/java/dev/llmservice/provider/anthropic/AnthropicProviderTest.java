package dev.llmservice.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.ProviderTestKit;
import dev.llmservice.provider.TokenUsage;
import dev.llmservice.provider.VendorContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.llmservice.provider.ProviderTestKit.API_KEY;
import static dev.llmservice.provider.ProviderTestKit.fake;
import static dev.llmservice.provider.ProviderTestKit.fixture;
import static dev.llmservice.provider.ProviderTestKit.runtime;
import static org.assertj.core.api.Assertions.assertThat;

class AnthropicProviderTest extends VendorContract {

    @RegisterExtension
    static final WireMockExtension ANTHROPIC = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final AnthropicProviderType type = new AnthropicProviderType();

    @Override
    protected WireMockExtension server() {
        return ANTHROPIC;
    }

    @Override
    protected LlmProvider create(ProviderConfig config) {
        return ProviderTestKit.create(type, config, runtime(sleeper));
    }

    @Override
    protected String providerName() {
        return "anthropic";
    }

    @Override
    protected String model() {
        return "claude-sonnet-4-5";
    }

    @Override
    protected String chatPath() {
        return "/v1/messages";
    }

    @Override
    protected String modelsPath() {
        return "/v1/models";
    }

    @Override
    protected void assertAuthenticated(LoggedRequest request) {
        assertThat(request.getHeader("x-api-key")).isEqualTo(API_KEY);
        assertThat(request.getHeader("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.containsHeader("Authorization")).isFalse();
        assertThat(request.getUrl()).doesNotContain(API_KEY);
    }

    @Override
    protected String successBody() {
        return fixture("anthropic-messages-basic.json");
    }

    @Override
    protected String expectedText() {
        return "Hello! Nice to meet you. How are you doing today? Is there anything I can help you with?";
    }

    @Override
    protected TokenUsage expectedUsage() {
        return new TokenUsage(10, 25);
    }

    @Override
    protected String expectedReportedModel() {
        return "claude-sonnet-4-20250514";
    }

    @Override
    protected int badKeyStatus() {
        return 401;
    }

    @Override
    protected String badKeyBody() {
        return fixture("anthropic-error-401-authentication.json");
    }

    @Override
    protected String rateLimitBody() {
        return fixture("anthropic-error-429-rate-limit.json");
    }

    @Override
    protected int unavailableStatus() {
        return 529;
    }

    @Override
    protected String unavailableBody() {
        return fixture("anthropic-error-529-overloaded.json");
    }

    @Override
    protected String invalidRequestBody() {
        return fixture("anthropic-error-400-invalid-request.json");
    }

    @Override
    protected String modelsBody() {
        return fake("anthropic-models-list.json");
    }

    @Test
    void requestCarriesModelMaxTokensTemperatureAndSystemPrompt() {
        answerChat(200, successBody());

        provider(0).generate(new GenerationRequest("Be brief.", "Say hello.", false));

        JsonNode body = bodyOf(onlyChatRequest());
        assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.path("system").toString()).contains("Be brief.");
        assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").toString()).contains("Say hello.");
    }

    @Test
    void jsonRequestIsAskedForInThePromptBecauseAnthropicHasNoJsonMode() {
        answerChat(200, successBody());

        provider(0).generate(new GenerationRequest(null, "List three colours.", true));

        JsonNode body = bodyOf(onlyChatRequest());
        assertThat(body.path("system").toString()).contains("JSON object");
        assertThat(body.has("response_format")).isFalse();
        assertThat(body.has("output_format")).isFalse();
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

    @ParameterizedTest
    @CsvSource({
            "https://api.anthropic.com,        https://api.anthropic.com",
            "https://api.anthropic.com/,       https://api.anthropic.com",
            "https://api.anthropic.com/v1,     https://api.anthropic.com",
            "https://api.anthropic.com/v1/,    https://api.anthropic.com",
            "http://proxy.local:8080/claude/v1, http://proxy.local:8080/claude"})
    void baseUrlIsTheHostRoot(String given, String expected) {
        assertThat(type.normalizeBaseUrl(URI.create(given))).isEqualTo(URI.create(expected));
    }

    @Test
    void baseUrlGivenWithVersionStillReachesTheMessagesPath() {
        answerChat(200, successBody());

        configuredWithBaseUrl(type, fakeUrl() + "/v1/").generate(GenerationRequest.of("Hi"));

        onlyChatRequest();
    }

    @Test
    void defaultsAreTheVendorsEndpointAndCurrentModel() {
        assertThat(type.name()).isEqualTo("anthropic");
        assertThat(type.defaultBaseUrl()).isEqualTo(URI.create("https://api.anthropic.com"));
        assertThat(type.defaultModel()).isEqualTo("claude-sonnet-4-5");
    }
}
