package dev.llmservice.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmservice.provider.internal.ChatModelProviderType;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One vendor as {@link VendorContract} runs it: the provider type, where its fake answers, what its requests must
 * carry and what it answers in each situation the contract drives (recorded bodies where they exist, else bodies built
 * from the vendor's documented shape, as each test class says).
 *
 * @param type           the provider type under test; the provider is named like it
 * @param defaults       what the type has when a provider sets nothing: model, endpoint, whether a key is needed
 * @param model          the model configured ({@code P_MODEL})
 * @param apiKey         the key configured; {@code null} for a provider without one
 * @param paths          where the generate and list-models calls go on the fake
 * @param authentication asserts that a request carries the vendor's credentials (and version headers), or none for a
 *                       provider without a key, and never the key in the URL
 * @param requestBody    asserts the body of the contract's request: system prompt {@code Be brief.}, user prompt
 *                       {@code Say hello.}, no JSON mode, 256 tokens, temperature 0.3
 * @param success        a successful answer and what the provider makes of it
 * @param answers        its answers to a rejected key, too many requests, server trouble and a bad request
 * @param modelsBody     the list-models answer
 * @param baseUrls       how {@code P_BASE_URL} is put in the vendor's convention
 */
public record VendorCase(
        ChatModelProviderType type,
        Defaults defaults,
        String model,
        String apiKey,
        Paths paths,
        Consumer<LoggedRequest> authentication,
        Consumer<JsonNode> requestBody,
        Success success,
        Answers answers,
        String modelsBody,
        BaseUrls baseUrls) {

    public VendorCase {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(requestBody, "requestBody");
        Objects.requireNonNull(success, "success");
        Objects.requireNonNull(answers, "answers");
        Objects.requireNonNull(modelsBody, "modelsBody");
        Objects.requireNonNull(baseUrls, "baseUrls");
    }

    public Answer badKey() {
        return answers.badKey();
    }

    public Answer rateLimit() {
        return answers.rateLimit();
    }

    public Answer unavailable() {
        return answers.unavailable();
    }

    public Answer invalidRequest() {
        return answers.invalidRequest();
    }

    /**
     * @param model       the default model, {@code null} when {@code P_MODEL} is required
     * @param baseUrl     the default endpoint, {@code null} when {@code P_BASE_URL} is required
     * @param keyRequired whether a provider without {@code P_API_KEY} is not configured
     */
    public record Defaults(String model, String baseUrl, boolean keyRequired) {
    }

    /**
     * @param badKey         the answer to a rejected key
     * @param rateLimit      the answer to too many requests (HTTP 429)
     * @param rateLimitDelay the wait {@code rateLimit}'s body itself asks for (Gemini's {@code RetryInfo});
     *                       {@code null} when it asks none, so backoff applies
     * @param unavailable    a 5xx (or Anthropic's 529) answer
     * @param invalidRequest a 400 that is not about the key
     */
    public record Answers(Answer badKey, Answer rateLimit, Duration rateLimitDelay, Answer unavailable,
                          Answer invalidRequest) {

        public Answers {
            Objects.requireNonNull(badKey, "badKey");
            Objects.requireNonNull(rateLimit, "rateLimit");
            Objects.requireNonNull(unavailable, "unavailable");
            Objects.requireNonNull(invalidRequest, "invalidRequest");
        }
    }

    /**
     * @param asUsersWriteIt what a user may append to the fake's root and still reach the chat path (a version path,
     *                       a trailing slash)
     * @param normalised     given to expected: {@code P_BASE_URL} as written and as the provider uses it
     */
    public record BaseUrls(String asUsersWriteIt, Map<String, String> normalised) {
    }

    /** The provider's name: its type's, as in the default {@code LLM_PROVIDERS}. */
    public String providerName() {
        return type.name();
    }

    /**
     * @param chat   path of the generate call, e.g. {@code /v1/messages}
     * @param models path of the list-models call, e.g. {@code /v1/models}
     */
    public record Paths(String chat, String models) {
    }

    /**
     * @param body          the answer's body
     * @param text          the reply text the provider returns
     * @param usage         the tokens it reports
     * @param reportedModel the model the vendor says answered
     */
    public record Success(String body, String text, TokenUsage usage, String reportedModel) {
    }

    /** An HTTP answer: status and body. */
    public record Answer(int status, String body) {
    }

    /** OpenAI's scheme: {@code Authorization: Bearer KEY}, nothing in the URL. */
    public static Consumer<LoggedRequest> bearer(String key) {
        return request -> {
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + key);
            assertThat(request.getUrl()).doesNotContain(key);
        };
    }

    /** A provider without a key: no {@code Authorization} header at all (not even an empty {@code Bearer}). */
    public static Consumer<LoggedRequest> noCredentials() {
        return request -> assertThat(request.containsHeader("Authorization"))
                .as("Authorization header sent without a key: " + request.getHeader("Authorization")).isFalse();
    }

    /**
     * The body of OpenAI's chat completions for the contract's request, with the token limit in {@code tokenField}
     * ({@code max_tokens} or {@code max_completion_tokens}): model, limit, temperature, both messages, no JSON mode.
     */
    public static Consumer<JsonNode> chatCompletionsBody(String model, String tokenField) {
        return body -> {
            assertThat(body.path("model").asText()).isEqualTo(model);
            assertThat(body.path(tokenField).asInt()).isEqualTo(256);
            assertThat(body.has("max_tokens".equals(tokenField) ? "max_completion_tokens" : "max_tokens")).isFalse();
            assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
            assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("system");
            assertThat(body.path("messages").path(0).path("content").asText()).isEqualTo("Be brief.");
            assertThat(body.path("messages").path(1).path("role").asText()).isEqualTo("user");
            assertThat(body.path("messages").path(1).path("content").asText()).isEqualTo("Say hello.");
            assertThat(body.has("response_format")).isFalse();
            assertThat(body.path("stream").asBoolean(false)).isFalse();
        };
    }
}
