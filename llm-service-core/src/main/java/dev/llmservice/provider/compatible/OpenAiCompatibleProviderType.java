package dev.llmservice.provider.compatible;

import dev.llmservice.provider.internal.BaseUrlConvention;
import dev.llmservice.provider.internal.ChatModelProviderType;

/**
 * Any server that speaks OpenAI's Chat Completions API (vLLM, LM Studio, llama.cpp's server, LiteLLM, a company
 * gateway...), through LangChain4j's {@code OpenAiChatModel}: {@code POST {base}/chat/completions}, and
 * {@code GET {base}/models} for the health check.
 *
 * <p>{@code P_BASE_URL} and {@code P_MODEL} are required: there is no default server or model. {@code P_API_KEY} is
 * optional: without one no {@code Authorization} header is sent. The base URL is used as given (a trailing slash
 * dropped): the server's OpenAI API root, including its version path when it has one, as users of its OpenAI SDK
 * configure it.
 */
public final class OpenAiCompatibleProviderType extends ChatModelProviderType {

    public static final String NAME = "openai-compatible";
    static final String DISPLAY_NAME = "OpenAI-compatible";

    public OpenAiCompatibleProviderType() {
        super(NAME, DISPLAY_NAME, null, null, false, BaseUrlConvention.asGiven("required: the server's OpenAI API root "
                + "as its OpenAI SDK users set it, version path included, e.g. http://localhost:8000/v1 (used as given)"),
                () -> new CompatibleDialect(DISPLAY_NAME));
    }
}
