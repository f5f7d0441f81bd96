package dev.llmservice.provider;

import java.util.Map;

/**
 * The default model of each built-in provider, in one table. The design's originals
 * ({@code claude-3-5-sonnet-20241022}, {@code gpt-4-turbo}, {@code gemini-1.5-pro}, {@code grok-beta}) have been
 * retired by their vendors. Override any of them with {@code P_MODEL}.
 */
public final class BuiltInModels {

    public static final String ANTHROPIC = "claude-sonnet-4-5";
    public static final String OPENAI = "gpt-4.1";
    public static final String GEMINI = "gemini-2.5-pro";
    public static final String GROK = "grok-4";

    /** Provider name to default model. */
    public static final Map<String, String> TABLE = Map.of(
            "anthropic", ANTHROPIC,
            "openai", OPENAI,
            "gemini", GEMINI,
            "grok", GROK);

    private BuiltInModels() {
    }
}
