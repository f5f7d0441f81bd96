package dev.llmservice.resilience;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.anthropic.AnthropicProviderType;
import dev.llmservice.provider.gemini.GeminiProviderType;
import dev.llmservice.provider.grok.GrokProviderType;
import dev.llmservice.provider.internal.ProviderRuntime;
import dev.llmservice.provider.openai.OpenAiProviderType;

import java.util.function.BiFunction;

import static dev.llmservice.provider.ProviderTestKit.factory;
import static dev.llmservice.provider.ProviderTestKit.fixture;

/**
 * The four built-in vendors as the fault-injection tests need them: how to build the provider, where it posts, and
 * the vendor's own bodies for success and for each kind of trouble (recorded fixtures where they exist; the others
 * are hand-written in the vendor's documented error shape and say so).
 */
enum Vendor {

    ANTHROPIC(factory(new AnthropicProviderType()), "claude-sonnet-4-5", "/v1/messages",
            fixture("anthropic-messages-basic.json"),
            fixture("anthropic-error-429-rate-limit.json"),
            "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}",
            fixture("anthropic-error-529-overloaded.json"),
            fixture("anthropic-messages-basic.json").replaceFirst("(?s)\"content\": \\[.*?\\],", "\"content\": [],")),

    OPENAI(factory(new OpenAiProviderType()), "gpt-4.1", "/v1/chat/completions",
            fixture("openai-chat-basic.json"),
            fixture("openai-error-429-rate-limit.json"),
            "{\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\","
                    + "\"type\":\"server_error\",\"param\":null,\"code\":null}}",
            "{\"error\":{\"message\":\"The engine is currently overloaded, please try again later.\","
                    + "\"type\":\"server_error\",\"param\":null,\"code\":null}}",
            fixture("openai-chat-basic.json").replaceFirst("\"content\": \"[^\"]*\"", "\"content\": \"\"")),

    /** The 429 here has no {@code RetryInfo}: the recorded one (with {@code retryDelay: 34.4s}) has its own test. */
    GEMINI(factory(new GeminiProviderType()), "gemini-2.5-pro", "/v1beta/models/gemini-2.5-pro:generateContent",
            fixture("gemini-generate-basic.json"),
            "{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted (e.g. check quota).\","
                    + "\"status\":\"RESOURCE_EXHAUSTED\"}}",
            "{\"error\":{\"code\":500,\"message\":\"An internal error has occurred.\",\"status\":\"INTERNAL\"}}",
            fixture("gemini-error-503-unavailable.json"),
            fixture("gemini-empty-content.json")),

    /** No recorded xAI 429 or 5xx body exists; these follow xAI's {@code {"code","error"}} shape. */
    GROK(factory(new GrokProviderType()), "grok-4", "/v1/chat/completions",
            fixture("xai-chat-basic.json"),
            "{\"code\":\"Some resource has been exhausted\",\"error\":\"Too many requests.\"}",
            "{\"code\":\"Internal error\",\"error\":\"Internal server error.\"}",
            "{\"code\":\"The service is currently unavailable\",\"error\":\"Service temporarily unavailable.\"}",
            fixture("xai-chat-basic.json").replaceFirst("\"content\": \"[^\"]*\"", "\"content\": \"\""));

    final BiFunction<ProviderConfig, ProviderRuntime, LlmProvider> factory;
    final String model;
    final String chatPath;
    final String success;
    final String rateLimit;
    final String serverError;
    final String overloaded;
    final String emptyContent;

    Vendor(BiFunction<ProviderConfig, ProviderRuntime, LlmProvider> factory, String model, String chatPath,
           String success, String rateLimit, String serverError, String overloaded, String emptyContent) {
        this.factory = factory;
        this.model = model;
        this.chatPath = chatPath;
        this.success = success;
        this.rateLimit = rateLimit;
        this.serverError = serverError;
        this.overloaded = overloaded;
        this.emptyContent = emptyContent;
    }

    String providerName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A body cut off in the middle: not valid JSON. */
    String truncated() {
        return success.substring(0, success.length() / 2);
    }
}
