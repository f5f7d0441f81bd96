package dev.llmservice.provider.compatible;

import dev.llmservice.provider.VendorCase;
import dev.llmservice.provider.VendorContract;

import java.util.Map;

import static dev.llmservice.provider.ProviderTestKit.API_KEY;
import static dev.llmservice.provider.compatible.CompatibleBodies.openAiError;

/**
 * Mistral's OpenAI-compatible API. No recording exists: its docs name the statuses (401 a bad key, 429 rate limited)
 * and say the chat completions and models endpoints are OpenAI's, so the bodies are OpenAI's shape; a provider here
 * goes by the status.
 */
class MistralProviderTest extends VendorContract {

    static final VendorCase MISTRAL = new VendorCase(new MistralProviderType(),
            new VendorCase.Defaults("mistral-large-latest", "https://api.mistral.ai/v1", true),
            "mistral-large-latest", API_KEY,
            new VendorCase.Paths("/v1/chat/completions", "/v1/models"),
            VendorCase.bearer(API_KEY),
            VendorCase.chatCompletionsBody("mistral-large-latest", "max_tokens"),
            CompatibleBodies.success("mistral-large-latest"),
            new VendorCase.Answers(
                new VendorCase.Answer(401, "{\"message\":\"Unauthorized\",\"request_id\":\"c1f0e5d2a7b8\"}"),
                new VendorCase.Answer(429, openAiError("Requests rate limit exceeded", "rate_limited", null)), null,
                new VendorCase.Answer(503, "<html><body>Service Unavailable</body></html>"),
                new VendorCase.Answer(400, openAiError("Invalid model: mistral-huge", "invalid_model", "1500"))),
            CompatibleBodies.models("mistral-large-latest"),
            new VendorCase.BaseUrls("", Map.of(
                    "https://api.mistral.ai/v1", "https://api.mistral.ai/v1",
                    "https://api.mistral.ai/v1/", "https://api.mistral.ai/v1",
                    "https://api.mistral.ai", "https://api.mistral.ai/v1")));

    MistralProviderTest() {
        super(MISTRAL);
    }

}
