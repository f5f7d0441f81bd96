package dev.llmservice.provider.compatible;

import dev.llmservice.provider.BuiltInModels;
import dev.llmservice.provider.internal.BaseUrlConvention;
import dev.llmservice.provider.internal.ChatModelProviderType;

import java.net.URI;

/**
 * Mistral's OpenAI-compatible API ({@code https://api.mistral.ai/v1}, model {@code mistral-large-latest}): chat
 * completions and {@code GET /models} as OpenAI's, a Bearer key; 401 a bad key, 429 rate limited, as the status says.
 *
 * <p>Base URL convention: including {@code /v1}, added if missing.
 */
public final class MistralProviderType extends ChatModelProviderType {

    public static final String NAME = "mistral";
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.mistral.ai/v1");

    public MistralProviderType() {
        super(NAME, "Mistral", BuiltInModels.MISTRAL, DEFAULT_BASE_URL, BaseUrlConvention.withSuffix("/v1"),
                () -> new CompatibleDialect("Mistral"));
    }
}
