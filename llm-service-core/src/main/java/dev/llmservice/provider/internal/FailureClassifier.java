package dev.llmservice.provider.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.llmservice.config.ProviderConfig;
import dev.llmservice.json.Json;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.ProviderException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns whatever LangChain4j (or the JDK under it) threw into a {@link ProviderException} with a short, human,
 * key-free message that names the provider, the HTTP status and the vendor's own words.
 *
 * <p>What LangChain4j 1.19 throws: an HTTP error answer becomes a {@code dev.langchain4j.exception} subtype whose
 * root cause is an {@link HttpException} carrying the status and the raw body (the model catalogs throw the
 * {@code HttpException} itself); a timeout is its {@code TimeoutException} around the JDK's
 * {@link HttpTimeoutException}; a refused or reset connection is a plain {@link RuntimeException} around an
 * {@link IOException}; a body that is not JSON is a {@link RuntimeException} around Jackson's
 * {@link JsonProcessingException}; OpenAI's {@code refusal} is a {@link ContentFilteredException}; a 2xx body of an
 * unexpected shape can end in anything, often a {@link NullPointerException}.
 */
public final class FailureClassifier {

    private final String provider;
    private final VendorDialect dialect;
    private final SecretRedactor redactor;
    private final String baseUrl;
    private final Clock clock;

    public FailureClassifier(ProviderConfig config, VendorDialect dialect) {
        this(config, dialect, Clock.systemUTC());
    }

    /** @param clock reads {@code retry-after} dates */
    public FailureClassifier(ProviderConfig config, VendorDialect dialect, Clock clock) {
        this.provider = config.name();
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.redactor = new SecretRedactor(config.apiKey());
        this.baseUrl = config.baseUrl().toString();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param failure  what the call threw
     * @param response the last HTTP answer received during the call (success or failure, with headers), or
     *                 {@code null} when none came
     * @param budget   how long the call was allowed to take: the timeout, or less when the caller's deadline was nearer
     */
    public ProviderException classify(Throwable failure, CapturedResponse response, AttemptBudget budget) {
        if (failure instanceof ProviderException classified) {
            return classified;
        }
        String name = dialect.displayName();
        String successfulBody = response != null && response.successful() ? response.body() : null;
        HttpException http = find(failure, HttpException.class);
        if (http != null) {
            int status = http.statusCode();
            ErrorBody body = ErrorBody.parse(http.getMessage());
            Classification c = dialect.classifyHttpError(status, body);
            CapturedResponse answer = response != null && response.status() == status ? response : null;
            RetryHints hints = RetryHints.read(answer, clock, dialect.retryDelay(http.getMessage()));
            // An error the vendor put in a 2xx answer (VendorDialect.errorInSuccessfulAnswer) says what it is.
            String answered = successfulBody != null
                    ? " answered HTTP " + response.status() + " with an error " + status + " ("
                    : " answered HTTP " + status + " (";
            return create(new Classification(c.kind(), hints.retryable(c, status)), status,
                    name + answered + c.kind().label() + "): " + body.message(), failure, hints.retryAfter());
        }
        ContentFilteredException filtered = find(failure, ContentFilteredException.class);
        if (filtered != null) {
            return create(Classification.of(FailureKind.REFUSED), 200,
                    name + " declined to answer: " + ErrorBody.shorten(String.valueOf(filtered.getMessage())), failure);
        }
        if (isTimeout(failure)) {
            return create(Classification.of(FailureKind.TIMEOUT), 0,
                    name + " did not answer within " + budget.describe() + " (timeout) at " + baseUrl, failure);
        }
        if (find(failure, InterruptedException.class) != null) {
            return create(Classification.permanent(FailureKind.OTHER), 0,
                    name + " call was interrupted (cancelled by the caller)", failure);
        }
        JsonProcessingException unreadable = find(failure, JsonProcessingException.class);
        if (unreadable != null) {
            String excerpt = successfulBody == null ? "" : ": " + ErrorBody.excerpt(successfulBody);
            return create(Classification.of(FailureKind.BAD_RESPONSE), successfulBody == null ? 0 : 200,
                    name + " sent a reply that is not valid JSON (bad response)" + excerpt, failure);
        }
        if (find(failure, IOException.class) != null || find(failure, UnresolvedAddressException.class) != null
                || find(failure, UnresolvedModelServerException.class) != null) {
            return create(Classification.of(FailureKind.UNAVAILABLE), 0,
                    name + " could not be reached at " + baseUrl + " (unavailable): " + connectionProblem(failure),
                    failure);
        }
        if (successfulBody != null) {
            // LangChain4j received a 2xx answer and failed to map it: a refusal in a shape it does not expect, or junk.
            Optional<String> refusal = dialect.refusal(successfulBody);
            if (refusal.isPresent()) {
                return refused(refusal.get(), failure);
            }
            // The exception (often a NullPointerException deep in LangChain4j's mapping) stays in the cause; the body
            // tells a person more.
            return create(Classification.of(FailureKind.BAD_RESPONSE), 200,
                    name + " sent a reply of an unexpected shape (bad response): " + ErrorBody.excerpt(successfulBody),
                    failure);
        }
        if (find(failure, AuthenticationException.class) != null) {
            return create(Classification.of(FailureKind.AUTHENTICATION), 0,
                    name + " rejected the API key (authentication): " + rootMessage(failure), failure);
        }
        if (find(failure, RateLimitException.class) != null) {
            return create(Classification.of(FailureKind.RATE_LIMITED), 0,
                    name + " is rate limiting (rate limited): " + rootMessage(failure), failure);
        }
        return create(Classification.of(FailureKind.OTHER), 0,
                name + " call failed (other): " + rootMessage(failure), failure);
    }

    /** A refusal found in a 2xx body. */
    public ProviderException refused(String what, Throwable cause) {
        return create(Classification.of(FailureKind.REFUSED), 200,
                dialect.displayName() + " declined to answer (refused): " + what, cause);
    }

    /** A 2xx reply that carries nothing usable. */
    public ProviderException badResponse(String what) {
        return create(Classification.of(FailureKind.BAD_RESPONSE), 200,
                dialect.displayName() + " sent an unusable reply (bad response): " + what, null);
    }

    /** The caller's deadline passed before a request could be sent: nothing was sent, and retrying cannot help. */
    public ProviderException deadlinePassed() {
        return create(Classification.permanent(FailureKind.TIMEOUT), 0,
                dialect.displayName() + " was not called: the caller's deadline had passed (timeout)", null);
    }

    private ProviderException create(Classification c, int status, String message, Throwable cause) {
        return create(c, status, message, cause, null);
    }

    /** The one place a {@link ProviderException} is made: the message and the cause chain are redacted. */
    private ProviderException create(Classification c, int status, String message, Throwable cause,
                                     Duration retryAfter) {
        return new ProviderException(provider, c.kind(), status, redactor.redact(message), redactor.sanitize(cause),
                c.retryable(), retryAfter);
    }

    /** Parses a 2xx body for the dialect; {@code null} when it is not JSON. */
    public static JsonNode readTree(String body) {
        if (body == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isTimeout(Throwable t) {
        return find(t, dev.langchain4j.exception.TimeoutException.class) != null
                || find(t, HttpTimeoutException.class) != null
                || find(t, SocketTimeoutException.class) != null
                || find(t, java.util.concurrent.TimeoutException.class) != null;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** A few words on why no connection could be made or kept. */
    private static String connectionProblem(Throwable t) {
        if (find(t, UnresolvedAddressException.class) != null || find(t, UnknownHostException.class) != null
                || find(t, UnresolvedModelServerException.class) != null) {
            return "unknown host";
        }
        if (find(t, ConnectException.class) != null) {
            // The JDK client's ConnectException usually has no message; a refused connection is the common case.
            String message = find(t, ConnectException.class).getMessage();
            return message == null || message.isBlank() ? "connection refused" : message;
        }
        IOException io = find(t, IOException.class);
        String message = io == null ? null : io.getMessage();
        return message == null || message.isBlank() ? rootMessage(t) : ErrorBody.shorten(message);
    }

    /** The innermost exception, described by its message or, when it has none, by its class. */
    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank()
                ? root.getClass().getSimpleName()
                : ErrorBody.shorten(root.getClass().getSimpleName() + ": " + message.replaceAll("\\s+", " "));
    }
}
