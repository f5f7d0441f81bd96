package dev.llmservice.provider.grok;

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

class GrokProviderTest extends VendorContract {

    @RegisterExtension
    static final WireMockExtension XAI = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final GrokProviderType type = new GrokProviderType();

    @Override
    protected WireMockExtension server() {
        return XAI;
    }

    @Override
    protected LlmProvider create(ProviderConfig config) {
        return ProviderTestKit.create(type, config, runtime(sleeper));
    }

    @Override
    protected String providerName() {
        return "grok";
    }

    @Override
    protected String model() {
        return "grok-4";
    }

    @Override
    protected String chatPath() {
        return "/v1/chat/completions";
    }

    @Override
    protected String modelsPath() {
        return "/v1/models";
    }

    @Override
    protected void assertAuthenticated(LoggedRequest request) {
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(request.getUrl()).doesNotContain(API_KEY);
    }

    @Override
    protected String successBody() {
        return fixture("xai-chat-basic.json");
    }

    @Override
    protected String expectedText() {
        return "Hi\nHello World";
    }

    @Override
    protected TokenUsage expectedUsage() {
        return new TokenUsage(28, 4);
    }

    @Override
    protected String expectedReportedModel() {
        return "grok-3";
    }

    /** xAI answers an invalid key with 400 and its own {"code","error"} shape, not 401. */
    @Override
    protected int badKeyStatus() {
        return 400;
    }

    @Override
    protected String badKeyBody() {
        return fixture("xai-error-400-invalid-api-key.json");
    }

    /**
     * No recorded xAI 429 body exists (shared/fixtures/README.md): the message is quoted from a public report, the
     * {@code code} text is a guess in the style of xAI's other codes (gRPC status descriptions).
     */
    @Override
    protected String rateLimitBody() {
        return "{\"code\":\"Some resource has been exhausted\",\"error\":\"Your team has either used all available "
                + "credits or reached its monthly spending limit.\"}";
    }

    @Override
    protected int unavailableStatus() {
        return 503;
    }

    @Override
    protected String unavailableBody() {
        return "{\"code\":\"The service is currently unavailable\",\"error\":\"Service temporarily unavailable.\"}";
    }

    @Override
    protected String invalidRequestBody() {
        return "{\"code\":\"Client specified an invalid argument\",\"error\":\"Model grok-9 does not exist.\"}";
    }

    @Override
    protected String modelsBody() {
        return fake("xai-models-list.json");
    }

    @Test
    void requestCarriesModelMaxTokensTemperatureAndMessages() {
        answerChat(200, successBody());

        provider(0).generate(new GenerationRequest("Be brief.", "Say hi.", false));

        JsonNode body = bodyOf(onlyChatRequest());
        assertThat(body.path("model").asText()).isEqualTo("grok-4");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.path("messages").path(0).path("content").asText()).isEqualTo("Be brief.");
        assertThat(body.path("messages").path(1).path("content").asText()).isEqualTo("Say hi.");
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
        answerChat(400, invalidRequestBody());

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.INVALID_REQUEST);
        assertThat(e.getMessage()).isEqualTo("Grok answered HTTP 400 (invalid request): Model grok-9 does not exist.");
    }

    @ParameterizedTest
    @CsvSource({
            "https://api.x.ai/v1,  https://api.x.ai/v1",
            "https://api.x.ai/v1/, https://api.x.ai/v1",
            "https://api.x.ai,     https://api.x.ai/v1",
            "https://api.x.ai/,    https://api.x.ai/v1"})
    void baseUrlIncludesV1(String given, String expected) {
        assertThat(type.normalizeBaseUrl(URI.create(given))).isEqualTo(URI.create(expected));
    }

    @Test
    void baseUrlWithoutVersionStillReachesChatCompletions() {
        answerChat(200, successBody());

        configuredWithBaseUrl(type, fakeUrl() + "/").generate(GenerationRequest.of("Hi"));

        onlyChatRequest();
    }

    @Test
    void defaultsAreTheVendorsEndpointAndCurrentModel() {
        assertThat(type.name()).isEqualTo("grok");
        assertThat(type.defaultBaseUrl()).isEqualTo(URI.create("https://api.x.ai/v1"));
        assertThat(type.defaultModel()).isEqualTo("grok-4");
    }
}
