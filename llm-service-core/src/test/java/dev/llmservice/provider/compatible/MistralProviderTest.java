package dev.llmservice.provider.compatible;

import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.VendorCase;
import dev.llmservice.provider.VendorContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;

import static dev.llmservice.provider.ProviderTestKit.API_KEY;
import static dev.llmservice.provider.compatible.CompatibleBodies.openAiError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mistral's OpenAI-compatible API. No recording exists: its docs name the statuses (401 a bad key, 429 rate limited)
 * and say the chat completions and models endpoints are OpenAI's, so the bodies are OpenAI's shape; a provider here
 * goes by the status.
 */
class MistralProviderTest extends VendorContract {

    static final VendorCase MISTRAL = new VendorCase(new MistralProviderType(), "mistral-large-latest", API_KEY,
            new VendorCase.Paths("/v1/chat/completions", "/v1/models"),
            VendorCase.bearer(API_KEY),
            VendorCase.chatCompletionsBody("mistral-large-latest", "max_tokens"),
            CompatibleBodies.success("mistral-large-latest"),
            new VendorCase.Answer(401, "{\"message\":\"Unauthorized\",\"request_id\":\"c1f0e5d2a7b8\"}"),
            new VendorCase.Answer(429, openAiError("Requests rate limit exceeded", "rate_limited", null)), null,
            new VendorCase.Answer(503, "<html><body>Service Unavailable</body></html>"),
            new VendorCase.Answer(400, openAiError("Invalid model: mistral-huge", "invalid_model", "1500")),
            CompatibleBodies.models("mistral-large-latest"));

    private final MistralProviderType type = new MistralProviderType();

    MistralProviderTest() {
        super(MISTRAL);
    }

    @ParameterizedTest
    @CsvSource({
            "https://api.mistral.ai/v1,  https://api.mistral.ai/v1",
            "https://api.mistral.ai/v1/, https://api.mistral.ai/v1",
            "https://api.mistral.ai,     https://api.mistral.ai/v1"})
    void baseUrlIncludesV1(String given, String expected) {
        assertThat(type.normalizeBaseUrl(URI.create(given))).isEqualTo(URI.create(expected));
    }

    @Test
    void baseUrlWithoutVersionStillReachesChatCompletions() {
        answerChat(200, successBody());

        configuredWithBaseUrl(type, fakeUrl()).generate(GenerationRequest.of("Hi"));

        onlyChatRequest();
    }

    @Test
    void defaultsAreTheVendorsEndpointAndLargeModel() {
        assertThat(type.name()).isEqualTo("mistral");
        assertThat(type.defaultBaseUrl()).isEqualTo(URI.create("https://api.mistral.ai/v1"));
        assertThat(type.defaultModel()).isEqualTo("mistral-large-latest");
    }
}
