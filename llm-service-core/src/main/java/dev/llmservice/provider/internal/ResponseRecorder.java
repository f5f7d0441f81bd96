package dev.llmservice.provider.internal;

/**
 * Where the transport ({@link CapturingHttpClientBuilder}) leaves the HTTP answers of one attempt, success or failure,
 * with the headers LangChain4j drops: {@link FailureClassifier} reads a failure's status, headers and body from it, and
 * {@link ChatModelProvider} a success's raw body (refusals LangChain4j does not map).
 *
 * <p>One per attempt (or health check), made, written and read by the one thread that runs it: LangChain4j's
 * synchronous calls send on the caller's thread.
 */
public final class ResponseRecorder {

    private CapturedResponse last;

    /** Keeps {@code response} as the last answer. */
    void record(CapturedResponse response) {
        last = response;
    }

    /** The last answer received, or {@code null} when none came (nothing sent, no connection, a timeout). */
    public CapturedResponse last() {
        return last;
    }

    /** The body of the last answer if it was a 2xx, else {@code null}. */
    public String successfulBody() {
        return last != null && last.successful() ? last.body() : null;
    }
}
