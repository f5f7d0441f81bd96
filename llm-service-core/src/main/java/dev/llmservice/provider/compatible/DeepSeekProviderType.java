package dev.llmservice.provider.compatible;

import dev.llmservice.provider.BuiltInModels;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.internal.BaseUrlConvention;
import dev.llmservice.provider.internal.ChatModelProviderType;
import dev.llmservice.provider.internal.Classification;
import dev.llmservice.provider.internal.ErrorBody;

import java.net.URI;

/**
 * DeepSeek's OpenAI-compatible API ({@code https://api.deepseek.com}, model {@code deepseek-chat}). Its error codes,
 * as its documentation lists them: 401 a wrong key; 402 "Insufficient Balance", the account has run out of money, a
 * quota failure that no retry fixes; 422 invalid parameters; 429 too fast; 500 and 503 (overloaded) worth a retry
 * after a brief wait.
 *
 * <p>Base URL convention: as DeepSeek's docs give it to the OpenAI SDKs, {@code https://api.deepseek.com}
 * ({@code /v1} works too); used as given.
 */
public final class DeepSeekProviderType extends ChatModelProviderType {

    public static final String NAME = "deepseek";
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.deepseek.com");

    public DeepSeekProviderType() {
        super(NAME, "DeepSeek", BuiltInModels.DEEPSEEK, DEFAULT_BASE_URL, BaseUrlConvention.asGiven(DEFAULT_BASE_URL
                + " as DeepSeek's docs give it (" + DEFAULT_BASE_URL + "/v1 works too); used as given"), () -> new Dialect());
    }

    /** 402 is the balance running out: a quota failure (rate limited, never retried). */
    static final class Dialect extends CompatibleDialect {
        Dialect() {
            super("DeepSeek");
        }

        @Override
        public Classification classifyHttpError(int status, ErrorBody body) {
            if (status == 402) {
                return Classification.permanent(FailureKind.RATE_LIMITED);
            }
            return Classification.forStatus(status);
        }
    }
}
