package dev.llmservice.provider;

import java.util.Map;

/**
 * The default model of each bundled provider type that has one, in one table. The design's originals
 * ({@code claude-3-5-sonnet-20241022}, {@code gpt-4-turbo}, {@code gemini-1.5-pro}, {@code grok-beta}) have been
 * retired by their vendors. Override any of them with {@code P_MODEL}. The {@code openai-compatible},
 * {@code openrouter} and {@code ollama} types have none: what a server has, or which upstream model to route to, only
 * the user knows, so {@code P_MODEL} is required.
 */
public final class BuiltInModels {

    public static final String ANTHROPIC = "claude-sonnet-4-5";
    public static final String OPENAI = "gpt-4.1";
    public static final String GEMINI = "gemini-2.5-pro";
    public static final String GROK = "grok-4";
    public static final String DEEPSEEK = "deepseek-chat";
    public static final String MISTRAL = "mistral-large-latest";

    /** Provider type to default model. */
    public static final Map<String, String> TABLE = Map.of(
            "anthropic", ANTHROPIC,
            "openai", OPENAI,
            "gemini", GEMINI,
            "grok", GROK,
            "deepseek", DEEPSEEK,
            "mistral", MISTRAL);

    private BuiltInModels() {
    }
}
