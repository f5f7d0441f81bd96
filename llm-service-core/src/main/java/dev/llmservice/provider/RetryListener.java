package dev.llmservice.provider;

/**
 * Told of each retry a provider is about to make, before it starts waiting: a person watching a call (the CLI's
 * {@code --test}) learns why nothing seems to happen, e.g.
 * {@code anthropic: rate limited (429), retrying in 2.0 s (attempt 2 of 4)} ({@link RetryEvent#describe()}).
 *
 * <p>Passed with each call ({@link LlmProvider#generate(GenerationRequest, java.time.Instant, RetryListener)}), so it
 * hears only of that call's retries; nothing is kept in the provider or the thread. Called on the thread that makes
 * the call; it should return quickly. A listener that throws is logged and ignored: it never changes the call.
 */
@FunctionalInterface
public interface RetryListener {

    /** Hears nothing. */
    RetryListener NONE = event -> { };

    /** A retry is about to be made once {@link RetryEvent#delay()} has passed. */
    void onRetry(RetryEvent event);
}
