package dev.llmservice.provider.compatible;

import dev.llmservice.provider.internal.OpenAiCompatibleDialect;

import java.util.Objects;

/**
 * A server that speaks OpenAI's Chat Completions API: LangChain4j's OpenAI client with the base URL as given, the
 * token limit as {@code max_tokens} (the field every compatible server takes; {@code max_completion_tokens} is
 * OpenAI's own newer name), and errors read as OpenAI's. Without a key LangChain4j sends no {@code Authorization}
 * header at all. The presets subclass it for their vendor's error quirks.
 */
class CompatibleDialect extends OpenAiCompatibleDialect {

    private final String displayName;

    CompatibleDialect(String displayName) {
        this.displayName = Objects.requireNonNull(displayName, "displayName");
    }

    @Override
    public String displayName() {
        return displayName;
    }
}
