package dev.llmservice.provider;

import java.util.Objects;

/**
 * A classified failure of a provider call. The message is safe to show: it never contains an API key.
 */
public class ProviderException extends RuntimeException {

    private final String provider;
    private final FailureKind kind;
    private final int httpStatus;
    private final boolean retryable;

    /**
     * A failure that is retryable exactly when its kind {@linkplain FailureKind#isTransient() is transient}.
     *
     * @param httpStatus the vendor's HTTP status, or 0 when there was no HTTP answer
     */
    public ProviderException(String provider, FailureKind kind, int httpStatus, String message, Throwable cause) {
        this(provider, kind, httpStatus, message, cause, kind != null && kind.isTransient());
    }

    /**
     * @param httpStatus the vendor's HTTP status, or 0 when there was no HTTP answer
     * @param retryable  whether sending the same request again may succeed
     */
    public ProviderException(
            String provider, FailureKind kind, int httpStatus, String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.provider = Objects.requireNonNull(provider, "provider");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    public ProviderException(String provider, FailureKind kind, String message) {
        this(provider, kind, 0, message, null);
    }

    public String provider() {
        return provider;
    }

    public FailureKind kind() {
        return kind;
    }

    /** The vendor's HTTP status, or 0 when there was no HTTP answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Whether sending the same request again may succeed. By default the kind decides
     * ({@link FailureKind#isTransient()}); a vendor answer can say otherwise, e.g. OpenAI's 429
     * {@code insufficient_quota}.
     */
    public boolean retryable() {
        return retryable;
    }
}
