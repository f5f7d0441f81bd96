package dev.llmservice.provider.compatible;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.ProviderTestKit;
import dev.llmservice.provider.VendorCase;
import dev.llmservice.provider.VendorContract;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.llmservice.provider.ProviderTestKit.API_KEY;
import static dev.llmservice.provider.compatible.CompatibleBodies.openAiError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A local Ollama server through its OpenAI compatibility, with no key (as it runs by default). No recording exists: its
 * docs say {@code /v1/chat/completions} and {@code /v1/models} answer as OpenAI's, so the bodies are OpenAI's shape. A
 * 401 comes only from a proxy in front of it.
 */
class OllamaProviderTest extends VendorContract {

    static final VendorCase OLLAMA = new VendorCase(new OllamaProviderType(),
            new VendorCase.Defaults(null, "http://localhost:11434/v1", false),
            "llama3.2", null,
            new VendorCase.Paths("/v1/chat/completions", "/v1/models"),
            VendorCase.noCredentials(),
            VendorCase.chatCompletionsBody("llama3.2", "max_tokens"),
            CompatibleBodies.success("llama3.2"),
            new VendorCase.Answers(
                new VendorCase.Answer(401, "{\"error\":\"unauthorized\"}"),
                new VendorCase.Answer(429, openAiError("server busy, please try again. maximum pending requests "
                        + "exceeded", "api_error", null)), null,
                new VendorCase.Answer(500, openAiError("llama runner process has terminated", "api_error", null)),
                new VendorCase.Answer(400, openAiError("invalid message format", "invalid_request_error", null))),
            CompatibleBodies.models("llama3.2"),
            new VendorCase.BaseUrls("", Map.of(
                    "http://localhost:11434", "http://localhost:11434/v1",
                    "http://localhost:11434/", "http://localhost:11434/v1",
                    "http://gpu-box:11434/v1/", "http://gpu-box:11434/v1")));

    OllamaProviderTest() {
        super(OLLAMA);
    }

    @Test
    void aModelThatWasNotPulledIsAnInvalidRequestNamingIt() {
        answerChat(404, openAiError("model \\\"llama3.2\\\" not found, try pulling it first", "api_error", null));

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.INVALID_REQUEST);
        assertThat(e.getMessage()).isEqualTo("Ollama answered HTTP 404 (invalid request): model \"llama3.2\" not "
                + "found, try pulling it first");
    }

    @Test
    void aKeyIsSentAsBearerWhenOneIsSetForAProxyInFrontOfIt() {
        answerChat(200, successBody());
        answerModels(200, vendor().modelsBody());

        create(ProviderTestKit.config("ollama", "llama3.2", API_KEY, fakeUrl(), 0, TIMEOUT)).generate(
                GenerationRequest.of("Hi"));
        create(ProviderTestKit.config("ollama", "llama3.2", API_KEY, fakeUrl(), 0, TIMEOUT)).healthCheck();

        VendorCase.bearer(API_KEY).accept(onlyChatRequest());
        for (LoggedRequest request : server().findAll(modelsRequests())) {
            VendorCase.bearer(API_KEY).accept(request);
        }
    }

}
