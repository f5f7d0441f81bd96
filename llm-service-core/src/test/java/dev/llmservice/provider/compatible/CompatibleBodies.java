package dev.llmservice.provider.compatible;

import dev.llmservice.provider.TokenUsage;
import dev.llmservice.provider.VendorCase;

import static dev.llmservice.provider.ProviderTestKit.fake;
import static dev.llmservice.provider.ProviderTestKit.fixture;

/**
 * Bodies for the OpenAI-compatible vendors, of which no recording exists: their APIs answer in OpenAI's shapes (as
 * their documentation says, shared/fixtures/openai-compatible-vendors.md), so these are OpenAI's recorded bodies with
 * the vendor's model, and error bodies in the shape each vendor documents, with the words of its documentation.
 */
final class CompatibleBodies {

    /** The text of {@link #success(String)}. */
    static final String TEXT = "Hello! I am a helpful assistant here to provide you with information and assistance "
            + "to the best of my ability. How can I help you today?";
    static final TokenUsage USAGE = new TokenUsage(23, 29);

    private CompatibleBodies() {
    }

    /** OpenAI's recorded chat completion, as if {@code model} had answered. */
    static VendorCase.Success success(String model) {
        return new VendorCase.Success(fixture("openai-chat-basic.json").replace("gpt-3.5-turbo-0125", model), TEXT,
                USAGE, model);
    }

    /** OpenAI's list-models answer with {@code model} in it. */
    static String models(String model) {
        return fake("openai-models-list.json").replace("gpt-4.1", model);
    }

    /** OpenAI's error shape: {@code {"error": {"message", "type", "param", "code"}}}. */
    static String openAiError(String message, String type, String code) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
                + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }

    /** OpenRouter's documented shape: {@code {"error": {"code": <number>, "message", "metadata"}}}. */
    static String openRouterError(int code, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"metadata\":{}}}";
    }
}
