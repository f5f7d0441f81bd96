package dev.llmservice.provider.grok;

import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.internal.Classification;
import dev.llmservice.provider.internal.ErrorBody;
import dev.llmservice.provider.internal.OpenAiCompatibleDialect;

import java.util.Locale;

/**
 * xAI specifics. The wire format is OpenAI's ({@code Authorization: Bearer}, {@code /v1/chat/completions},
 * {@code /v1/models}, {@code response_format: json_object}), and the token limit goes out as {@code max_tokens}, the
 * field xAI's examples use. Errors are not OpenAI-shaped: {@code {"code": "...", "error": "..."}}, and a bad key is a
 * 400 "Incorrect API key provided", not a 401.
 */
final class GrokDialect extends OpenAiCompatibleDialect {

    static final String DISPLAY_NAME = "Grok";

    @Override
    public String displayName() {
        return DISPLAY_NAME;
    }

    @Override
    public Classification classifyHttpError(int status, ErrorBody body) {
        String message = body.message().toLowerCase(Locale.ROOT);
        if (status == 400 && message.contains("api key")
                && (message.contains("incorrect") || message.contains("invalid"))) {
            return Classification.of(FailureKind.AUTHENTICATION);
        }
        return Classification.forStatus(status);
    }
}
