package dev.llmservice.spring.operations;

/**
 * The outcome of a test generation (JSON keys snake_case).
 *
 * @param provider     provider name
 * @param model        the model that answered, or the configured one when it failed
 * @param success      whether a reply came back
 * @param latencyMs    wall time, in milliseconds
 * @param inputTokens  tokens sent, as the vendor reported them
 * @param outputTokens tokens received
 * @param finishReason {@code stop}, {@code length}, ...; {@code null} on failure
 * @param reply        the first words of the reply; {@code null} on failure
 * @param failure      {@code authentication}, {@code rate_limited}, {@code unavailable}, {@code timeout},
 *                     {@code bad_response}, {@code refused}, {@code invalid_request} or {@code other};
 *                     {@code null} on success
 * @param message      what went wrong, never containing a key; {@code null} on success
 */
public record ProviderTestResult(
        String provider, String model, boolean success, long latencyMs, int inputTokens, int outputTokens,
        String finishReason, String reply, String failure, String message) {
}
