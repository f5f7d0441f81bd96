package dev.llmservice.provider.compatible;

import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderTestKit;
import dev.llmservice.provider.VendorCase;
import dev.llmservice.provider.VendorContract;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.llmservice.provider.ProviderTestKit.API_KEY;
import static dev.llmservice.provider.compatible.CompatibleBodies.openAiError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any server that speaks OpenAI's chat completions (here as vLLM serves it, under {@code /v1}), with a key; and the same
 * without one, which must send no {@code Authorization} header at all. The bodies are OpenAI's recorded ones.
 */
class OpenAiCompatibleProviderTest extends VendorContract {

    static final String MODEL = "Qwen/Qwen2.5-7B-Instruct";

    static final VendorCase COMPATIBLE = new VendorCase(new OpenAiCompatibleProviderType(),
            new VendorCase.Defaults(null, null, false),
            MODEL, API_KEY,
            new VendorCase.Paths("/chat/completions", "/models"),
            VendorCase.bearer(API_KEY),
            VendorCase.chatCompletionsBody(MODEL, "max_tokens"),
            CompatibleBodies.success(MODEL),
            new VendorCase.Answers(
                new VendorCase.Answer(401, openAiError("Unauthorized", "invalid_request_error", null)),
                new VendorCase.Answer(429, openAiError("Too many requests", "rate_limit_error", null)), null,
                new VendorCase.Answer(503, "Service Unavailable"),
                new VendorCase.Answer(400, openAiError("This model's maximum context length is 32768 tokens.",
                    "BadRequestError", null))),
            CompatibleBodies.models(MODEL),
            new VendorCase.BaseUrls("/", Map.of(
                    "http://localhost:8000/v1/", "http://localhost:8000/v1",
                    "http://gateway.internal/llm", "http://gateway.internal/llm")));

    OpenAiCompatibleProviderTest() {
        super(COMPATIBLE);
    }

    @Test
    void withoutAKeyNoAuthorizationHeaderIsSentToChatOrModels() {
        answerChat(200, successBody());
        answerModels(200, vendor().modelsBody());
        LlmProvider keyless = create(ProviderTestKit.config("local", MODEL, null, fakeUrl(), 0, TIMEOUT));

        assertThat(keyless.generate(GenerationRequest.of("Hi")).text()).isEqualTo(CompatibleBodies.TEXT);
        HealthCheckResult health = keyless.healthCheck();

        assertThat(health.healthy()).isTrue();
        VendorCase.noCredentials().accept(onlyChatRequest());
        server().findAll(modelsRequests()).forEach(VendorCase.noCredentials());
        assertThat(keyless.toString()).contains("apiKey=none");
    }
}
