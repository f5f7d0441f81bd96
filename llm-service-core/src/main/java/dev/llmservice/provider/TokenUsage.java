package dev.llmservice.provider;

/** Tokens a call used, as the vendor reported them; 0 where it did not say. */
public record TokenUsage(int inputTokens, int outputTokens) {

    public static final TokenUsage NONE = new TokenUsage(0, 0);

    public int totalTokens() {
        return inputTokens + outputTokens;
    }
}
