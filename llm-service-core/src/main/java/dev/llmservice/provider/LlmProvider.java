package dev.llmservice.provider;

import dev.llmservice.config.ProviderConfig;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

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
     * Sends one prompt and waits for the whole answer, within the configured timeout and retries: at most
     * {@code P_MAX_RETRIES + 1} requests of at most {@code P_TIMEOUT} each, plus the waits between them.
     *
     * @throws ProviderException classified by {@link FailureKind}; its message never contains the API key
     */
    GenerationResult generate(GenerationRequest request);

    /**
     * As {@link #generate(GenerationRequest)}, but never past {@code deadline}: each request is cut to the time left,
     * and a retry whose wait (backoff or the vendor's {@code retry-after}) would end at or after the deadline is not
     * made; the call then fails at once with the last failure, saying why it stopped. A deadline already passed sends
     * nothing and fails with {@link FailureKind#TIMEOUT}.
     *
     * <p>This is how an orchestrator (consensus) that must answer by a given instant calls providers. The deadline is
     * compared with the provider's clock ({@link java.time.Clock#systemUTC()} in production).
     *
     * <p>The default, for providers that cannot bound their own calls, ignores the deadline and calls
     * {@link #generate(GenerationRequest)}: the caller must still stop waiting at its deadline. The built-in providers
     * honour it.
     *
     * @param deadline the instant after which the caller no longer wants the answer; not {@code null}
     * @throws ProviderException classified by {@link FailureKind}; its message never contains the API key
     */
    default GenerationResult generate(GenerationRequest request, Instant deadline) {
        Objects.requireNonNull(deadline, "deadline");
        return generate(request);
    }

    /**
     * As {@link #generate(GenerationRequest, Instant)}, telling {@code onRetry} of each retry of this call before its
     * wait begins (the CLI's {@code --test} shows them, so that a wait for the vendor's {@code retry-after} is not
     * mistaken for a hang). The listener hears of this call only.
     *
     * <p>The default, for providers that do not retry through {@link dev.llmservice.provider.retry.RetryPolicy}, calls
     * {@link #generate(GenerationRequest, Instant)} and tells the listener nothing. The built-in providers tell it of
     * every retry; a provider that wraps another must pass the listener on.
     *
     * @param deadline the instant after which the caller no longer wants the answer; not {@code null}
     * @param onRetry  told of each retry, on the calling thread; {@link RetryListener#NONE} for nobody
     * @throws ProviderException classified by {@link FailureKind}; its message never contains the API key
     */
    default GenerationResult generate(GenerationRequest request, Instant deadline, RetryListener onRetry) {
        Objects.requireNonNull(onRetry, "onRetry");
        return generate(request, deadline);
    }

    /**
     * As {@link #generate(GenerationRequest)}, handing the reply's text to {@code onText} piece by piece as the vendor
     * sends it, in order; the pieces joined are the result's text. Retries happen only while nothing was handed over:
     * a failure after the first piece ends the call, never retryable (the caller has shown part of an answer that a
     * second request would not continue).
     *
     * <p>The default, for providers that cannot stream, calls {@link #generate(GenerationRequest)} and hands the whole
     * text over at once. The built-in providers stream (LangChain4j's streaming models, the vendor's server-sent
     * events); a provider that wraps another must pass the call on.
     *
     * @param onText told of each piece of text, on the calling thread; a failure it throws fails the call
     * @throws ProviderException classified by {@link FailureKind}; its message never contains the API key
     */
    default GenerationResult stream(GenerationRequest request, Consumer<String> onText) {
        Objects.requireNonNull(onText, "onText");
        GenerationResult result = generate(request);
        if (!result.text().isEmpty()) {
            onText.accept(result.text());
        }
        return result;
    }

    /**
     * Whether the vendor has a JSON mode that constrains the reply to one JSON object
     * ({@code response_format: json_object}, Gemini's {@code responseMimeType}); without one a
     * {@link GenerationRequest#jsonResponse() JSON request} is asked for in the prompt only, which a caller that was
     * promised JSON mode (the OpenAI-compatible endpoint) must refuse.
     *
     * <p>The default, for providers that do not say, is {@code false}; a provider that wraps another must ask it.
     */
    default boolean supportsJsonMode() {
        return false;
    }

    /**
     * A cheap check that the key works and the vendor answers: by default the vendor's list-models call,
     * which costs no tokens. Never throws; a failure is an unhealthy result with a classified reason.
     */
    HealthCheckResult healthCheck();
}
