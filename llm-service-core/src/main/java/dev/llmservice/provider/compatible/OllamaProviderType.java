package dev.llmservice.provider.compatible;

import dev.llmservice.provider.internal.BaseUrlConvention;
import dev.llmservice.provider.internal.ChatModelProviderType;

import java.net.URI;

/**
 * A local Ollama server through its OpenAI compatibility ({@code http://localhost:11434/v1}): no key needed (one is
 * sent only if {@code P_API_KEY} is set, for a server behind an authenticating proxy), and {@code P_MODEL} required,
 * since the models are whatever was pulled on that machine ({@code ollama pull llama3.2}).
 *
 * <p>Base URL convention: including {@code /v1}, added if missing, so that Ollama's own address
 * ({@code http://localhost:11434}, as in {@code OLLAMA_HOST}) works as well.
 */
public final class OllamaProviderType extends ChatModelProviderType {

    public static final String NAME = "ollama";
    public static final URI DEFAULT_BASE_URL = URI.create("http://localhost:11434/v1");

    public OllamaProviderType() {
        super(NAME, "Ollama", null, DEFAULT_BASE_URL, false, BaseUrlConvention.withSuffix("/v1"),
                () -> new CompatibleDialect("Ollama"));
    }
}
