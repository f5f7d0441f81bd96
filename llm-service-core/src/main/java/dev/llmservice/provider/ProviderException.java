package dev.llmservice.provider;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A classified failure of a provider call. The message is safe to show: it never contains an API key.
 */
public class ProviderException extends RuntimeException {

    private final String provider;
    private final FailureKind kind;
    private final int httpStatus;
    private final boolean retryable;
    private final Duration retryAfter;

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
        this(provider, kind, httpStatus, message, cause, retryable, null);
    }

    /**
     * @param httpStatus the vendor's HTTP status, or 0 when there was no HTTP answer
     * @param retryable  whether sending the same request again may succeed
     * @param retryAfter how long the vendor asked us to wait before trying again, or {@code null} when it did not say
     *                   (not negative)
     */
    public ProviderException(String provider, FailureKind kind, int httpStatus, String message, Throwable cause,
                             boolean retryable, Duration retryAfter) {
        super(message, cause);
        this.provider = Objects.requireNonNull(provider, "provider");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
        this.retryable = retryable;
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative, but was " + retryAfter);
        }
        this.retryAfter = retryAfter;
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

    /**
     * How long the vendor asked us to wait before trying again: its {@code retry-after-ms} or {@code retry-after}
     * header (seconds or an HTTP date), or Gemini's {@code RetryInfo.retryDelay}; empty when it did not say.
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The same failure (kind, status, retryability, retry-after, cause and stack trace) with another message. */
    public ProviderException withMessage(String message) {
        ProviderException copy = new ProviderException(provider, kind, httpStatus, message, getCause(), retryable,
                retryAfter);
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
