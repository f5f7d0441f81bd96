package dev.llmservice.provider.internal;

import dev.llmservice.provider.FailureKind;

import java.util.Objects;

/**
 * How one failed call is classified: its kind and whether a retry may help.
 *
 * @param kind      the kind
 * @param retryable whether the same request may succeed if sent again
 */
public record Classification(FailureKind kind, boolean retryable) {

    public Classification {
        Objects.requireNonNull(kind, "kind");
    }

    /** {@code kind}, retryable when the kind {@linkplain FailureKind#isTransient() is transient}. */
    public static Classification of(FailureKind kind) {
        return new Classification(kind, kind.isTransient());
    }

    /** {@code kind}, never retried. */
    public static Classification permanent(FailureKind kind) {
        return new Classification(kind, false);
    }

    /**
     * The meaning every vendor shares: 401/403 authentication, 408 timeout, 429 rate limited, 5xx (and Anthropic's
     * 529) unavailable, any other 4xx an invalid request (400 bad parameter, 404 unknown model), anything else other.
     */
    public static Classification forStatus(int status) {
        if (status == 401 || status == 403) {
            return of(FailureKind.AUTHENTICATION);
        }
        if (status == 408) {
            return of(FailureKind.TIMEOUT);
        }
        if (status == 429) {
            return of(FailureKind.RATE_LIMITED);
        }
        if (status >= 500 && status <= 599) {
            return of(FailureKind.UNAVAILABLE);
        }
        if (status >= 400 && status <= 499) {
            return of(FailureKind.INVALID_REQUEST);
        }
        return of(FailureKind.OTHER);
    }
}
