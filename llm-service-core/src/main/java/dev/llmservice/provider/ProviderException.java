package dev.llmservice.provider;

import java.util.Objects;

/**
 * A classified failure of a provider call. The message is safe to show: it never contains an API key.
 */
public class ProviderException extends RuntimeException {

    private final String provider;
    private final FailureKind kind;
    private final int httpStatus;

    /**
     * @param httpStatus the vendor's HTTP status, or 0 when there was no HTTP answer
     */
    public ProviderException(String provider, FailureKind kind, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.provider = Objects.requireNonNull(provider, "provider");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
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
}
