package dev.llmservice.provider;

import java.time.Duration;
import java.util.Objects;

/**
 * A provider's complete answer.
 *
 * @param provider     provider name
 * @param model        the model that answered (as the vendor reported it, else the configured one)
 * @param text         the reply text; empty, never {@code null}
 * @param usage        token usage
 * @param latency      wall time of the call, retries included
 * @param finishReason vendor-neutral reason the answer ended: {@code stop}, {@code length}, {@code content_filter},
 *                     {@code tool_calls}, {@code other}
 */
public record GenerationResult(
        String provider, String model, String text, TokenUsage usage, Duration latency, String finishReason) {

    public GenerationResult {
        Objects.requireNonNull(provider, "provider");
        text = text == null ? "" : text;
        usage = usage == null ? TokenUsage.NONE : usage;
        Objects.requireNonNull(latency, "latency");
        finishReason = finishReason == null ? "other" : finishReason;
    }
}
