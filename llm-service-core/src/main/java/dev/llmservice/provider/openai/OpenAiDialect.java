package dev.llmservice.provider.openai;

import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.internal.Classification;
import dev.llmservice.provider.internal.ErrorBody;
import dev.llmservice.provider.internal.OpenAiCompatibleDialect;

/**
 * OpenAI specifics. LangChain4j takes the base URL with {@code /v1} as is and sends {@code Authorization: Bearer}.
 * The token limit goes out as {@code max_completion_tokens}: OpenAI deprecated {@code max_tokens}, and reasoning
 * models reject it (see the fixture {@code openai-error-400-unsupported-parameter.json}). JSON mode is
 * {@code response_format: {"type":"json_object"}}. LangChain4j turns the {@code refusal} field into a
 * {@code ContentFilteredException}.
 */
final class OpenAiDialect extends OpenAiCompatibleDialect {

    static final String DISPLAY_NAME = "OpenAI";

    @Override
    public String displayName() {
        return DISPLAY_NAME;
    }

    /** OpenAI deprecated {@code max_tokens}; its reasoning models refuse it. */
    @Override
    protected boolean limitsCompletionTokens() {
        return true;
    }

    /**
     * A 429 is not always worth retrying: {@code insufficient_quota} waits for billing, and "Request too large" for
     * a smaller request.
     */
    @Override
    public Classification classifyHttpError(int status, ErrorBody body) {
        if (status == 429 && ("insufficient_quota".equals(body.code()) || "insufficient_quota".equals(body.type())
                || body.message().startsWith("Request too large"))) {
            return Classification.permanent(FailureKind.RATE_LIMITED);
        }
        return Classification.forStatus(status);
    }
}
