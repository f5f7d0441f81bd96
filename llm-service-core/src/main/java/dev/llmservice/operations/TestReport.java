package dev.llmservice.operations;

/**
 * One real, minimal generation ({@code llm-providers --test NAME --json}, {@code POST /api/v1/providers/{name}/test}).
 *
 * @param name         provider name
 * @param state        its state before the test ({@code enabled}, {@code disabled}, ...); a disabled provider is
 *                     tested all the same
 * @param stateSource  where that state comes from: {@code default}, {@code environment}, {@code override} or
 *                     {@code configuration}
 * @param ok           whether it answered
 * @param model        the model that answered, else the configured one
 * @param latencyMs    wall time of the call in milliseconds (retries included); 0 when nothing was sent
 * @param usage        tokens used; {@code null} on failure
 * @param finishReason {@code stop}, {@code length}, {@code content_filter}, {@code tool_calls} or {@code other};
 *                     {@code null} on failure
 * @param reply        the first words of the answer ({@code …} when cut); {@code null} on failure
 * @param error        why it failed; {@code null} on success
 */
public record TestReport(String name, String state, String stateSource, boolean ok, String model, long latencyMs, Usage usage,
                         String finishReason, String reply, Failure error) {

    /** Token counts as the vendor reported them (0 where it did not say). */
    public record Usage(int inputTokens, int outputTokens, int totalTokens) {
    }

    /**
     * @param reason     a failure kind ({@code authentication}, {@code rate_limited}, {@code unavailable},
     *                   {@code timeout}, {@code bad_response}, {@code refused}, {@code invalid_request},
     *                   {@code other}) or, when nothing was sent, {@code not_configured} / {@code misconfigured}
     * @param httpStatus the vendor's HTTP status, {@code null} when there was no HTTP answer
     * @param message    a short explanation; never contains the key
     */
    public record Failure(String reason, Integer httpStatus, String message) {
    }
}
