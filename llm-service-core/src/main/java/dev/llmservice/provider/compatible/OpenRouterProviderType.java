package dev.llmservice.provider.compatible;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.internal.BaseUrlConvention;
import dev.llmservice.provider.internal.ChatModelProviderType;
import dev.llmservice.provider.internal.Classification;
import dev.llmservice.provider.internal.ErrorBody;
import dev.llmservice.provider.internal.FailureClassifier;

import java.net.URI;
import java.util.OptionalInt;

/**
 * OpenRouter's OpenAI-compatible API ({@code https://openrouter.ai/api/v1}). {@code P_MODEL} is required: model ids
 * name the upstream vendor ({@code anthropic/claude-sonnet-4.5}, {@code openai/gpt-4.1}).
 *
 * <p>Its errors, as its documentation lists them: {@code {"error": {"code": <the HTTP status>, "message", "metadata"}}};
 * 401 an invalid or disabled key; 402 no credits left (a quota failure, never retried); 403 the input was flagged by
 * moderation (a refusal, not a key problem); 408 timed out; 429 rate limited; 502 the chosen model is down or
 * answered invalidly and 503 no provider meets the routing requirements (both worth a retry). An error that happens
 * after the model started comes with HTTP 200 and the error object instead of {@code choices}: it is a failure of the
 * status its {@code code} gives, never an answer.
 *
 * <p>Base URL convention: {@code https://openrouter.ai/api/v1}; used as given.
 */
public final class OpenRouterProviderType extends ChatModelProviderType {

    public static final String NAME = "openrouter";
    public static final URI DEFAULT_BASE_URL = URI.create("https://openrouter.ai/api/v1");

    public OpenRouterProviderType() {
        super(NAME, "OpenRouter", null, DEFAULT_BASE_URL, true,
                BaseUrlConvention.asGiven(DEFAULT_BASE_URL + " (used as given)"), () -> new Dialect());
    }

    static final class Dialect extends CompatibleDialect {

        /** What an error in a 200 answer stands for when its code is no HTTP error status: the model failed. */
        static final int UPSTREAM_FAILURE = 502;

        Dialect() {
            super("OpenRouter");
        }

        @Override
        public Classification classifyHttpError(int status, ErrorBody body) {
            if (status == 402) {
                return Classification.permanent(FailureKind.RATE_LIMITED);
            }
            if (status == 403) {
                return Classification.of(FailureKind.REFUSED);
            }
            return Classification.forStatus(status);
        }

        /** A 200 with {@code error} and without {@code choices} (or a model list's {@code data}). */
        @Override
        public OptionalInt errorInSuccessfulAnswer(String body) {
            if (body == null || !body.contains("\"error\"")) {
                return OptionalInt.empty();
            }
            JsonNode root = FailureClassifier.readTree(body);
            if (root == null || !root.path("error").isObject() || root.has("choices") || root.has("data")) {
                return OptionalInt.empty();
            }
            int code = root.path("error").path("code").asInt(0);
            return OptionalInt.of(code >= 400 && code <= 599 ? code : UPSTREAM_FAILURE);
        }
    }
}
