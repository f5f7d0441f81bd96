package dev.llmservice.provider;

import java.util.List;
import java.util.Objects;

/**
 * One prompt for a provider, optionally after earlier turns of a conversation and with settings of its own.
 *
 * <p>The consensus asks with a system prompt and one user prompt ({@link #GenerationRequest(String, String, boolean)});
 * a chat client (the server's OpenAI-compatible endpoint) passes the conversation so far as {@code history} and may
 * choose the model, temperature and reply length for this request alone ({@link GenerationOptions}).
 *
 * @param systemPrompt instructions sent as the system message, or {@code null}
 * @param history      the conversation before {@code prompt}, oldest first: user and assistant turns; may be empty,
 *                     never {@code null}
 * @param prompt       the last user message; not blank
 * @param jsonResponse ask for a JSON object, using the vendor's JSON mode where it has one
 *                     ({@link LlmProvider#supportsJsonMode()}), else asking for it in the system prompt
 * @param options      this request's model, temperature and token limit where they differ from the provider's
 *                     configuration; {@link GenerationOptions#CONFIGURED} for none
 */
public record GenerationRequest(String systemPrompt, List<Turn> history, String prompt, boolean jsonResponse,
                                GenerationOptions options) {

    public GenerationRequest {
        history = List.copyOf(Objects.requireNonNull(history, "history"));
        Objects.requireNonNull(prompt, "prompt");
        if (prompt.isBlank()) {
            throw new IllegalArgumentException("prompt must not be blank");
        }
        Objects.requireNonNull(options, "options");
    }

    /** A system prompt and one user prompt, with the provider's configured settings. */
    public GenerationRequest(String systemPrompt, String prompt, boolean jsonResponse) {
        this(systemPrompt, List.of(), prompt, jsonResponse, GenerationOptions.CONFIGURED);
    }

    /** A plain-text prompt with no system message. */
    public static GenerationRequest of(String prompt) {
        return new GenerationRequest(null, prompt, false);
    }

    /** Who said a turn of a conversation. */
    public enum Role {
        USER,
        ASSISTANT
    }

    /**
     * One earlier message of a conversation.
     *
     * @param role who said it
     * @param text what was said; not {@code null} (may be empty: an assistant turn that only called a tool)
     */
    public record Turn(Role role, String text) {

        public Turn {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(text, "text");
        }
    }
}
