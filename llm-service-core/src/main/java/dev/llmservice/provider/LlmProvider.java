package dev.llmservice.provider;

import dev.llmservice.config.ProviderConfig;

/**
 * One configured LLM provider. Implementations are thread-safe and hold no per-call state.
 */
public interface LlmProvider {

    /** Lower-case provider name, e.g. {@code anthropic}. */
    default String name() {
        return config().name();
    }

    /** The configuration this provider was created from. */
    ProviderConfig config();

    /**
     * Sends one prompt and waits for the whole answer, within the configured timeout and retries.
     *
     * @throws ProviderException classified by {@link FailureKind}; its message never contains the API key
     */
    GenerationResult generate(GenerationRequest request);

    /**
     * A cheap check that the key works and the vendor answers: by default the vendor's list-models call,
     * which costs no tokens. Never throws; a failure is an unhealthy result with a classified reason.
     */
    HealthCheckResult healthCheck();
}
