package dev.llmservice.provider;

import java.util.Objects;

/**
 * One prompt for a provider.
 *
 * @param systemPrompt instructions sent as the system message, or {@code null}
 * @param prompt       the user message; not blank
 * @param jsonResponse ask for a JSON object, using the vendor's JSON mode where it has one
 */
public record GenerationRequest(String systemPrompt, String prompt, boolean jsonResponse) {

    public GenerationRequest {
        Objects.requireNonNull(prompt, "prompt");
        if (prompt.isBlank()) {
            throw new IllegalArgumentException("prompt must not be blank");
        }
    }

    /** A plain-text prompt with no system message. */
    public static GenerationRequest of(String prompt) {
        return new GenerationRequest(null, prompt, false);
    }
}
