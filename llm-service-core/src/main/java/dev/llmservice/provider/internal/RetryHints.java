package dev.llmservice.provider.internal;

import dev.llmservice.provider.FailureKind;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * What a failed answer says about trying again, read the way Anthropic's and OpenAI's own SDKs read it:
 * <ul>
 *   <li>{@code retry-after-ms}: milliseconds (decimals allowed), checked first;</li>
 *   <li>{@code retry-after}: seconds (decimals allowed) or an HTTP date (RFC 1123), relative to our clock;</li>
 *   <li>a vendor-specific hint in the body when no header says anything (Gemini's {@code RetryInfo.retryDelay},
 *       see {@link VendorDialect#retryDelay});</li>
 *   <li>{@code x-should-retry}: {@code true} or {@code false}, the server's own verdict (Anthropic sends it; OpenAI's
 *       SDKs honour it too).</li>
 * </ul>
 * Values that cannot be read, or are negative, are ignored. A date in the past means "now" (zero).
 *
 * @param retryAfter  how long to wait, or {@code null} when nothing said
 * @param shouldRetry the {@code x-should-retry} verdict, or {@code null} when absent or unreadable
 */
public record RetryHints(Duration retryAfter, Boolean shouldRetry) {

    public static final RetryHints NONE = new RetryHints(null, null);

    static final String RETRY_AFTER_MS = "retry-after-ms";
    static final String RETRY_AFTER = "retry-after";
    static final String SHOULD_RETRY = "x-should-retry";

    /** The hints in {@code response} (may be {@code null}), with {@code bodyDelay} as the last resort. */
    public static RetryHints read(CapturedResponse response, Clock clock, Optional<Duration> bodyDelay) {
        if (response == null) {
            return new RetryHints(bodyDelay.orElse(null), null);
        }
        Duration delay = millis(response.header(RETRY_AFTER_MS));
        if (delay == null) {
            delay = secondsOrDate(response.header(RETRY_AFTER), clock);
        }
        if (delay == null) {
            delay = bodyDelay.orElse(null);
        }
        return new RetryHints(delay, bool(response.header(SHOULD_RETRY)));
    }

    /**
     * Whether to retry, once the server's verdict is weighed in. {@code x-should-retry: false} always wins. A
     * {@code true} adds retries only where our own rules did not decide "never": it never retries a rejected key, a
     * 400 (bad parameter, context length), a refusal, an unusable reply, or a failure a vendor rule marked permanent
     * (OpenAI's {@code insufficient_quota}); it may retry, say, a 409 or an unexplained failure.
     */
    public boolean retryable(Classification c, int status) {
        if (Boolean.FALSE.equals(shouldRetry)) {
            return false;
        }
        if (c.retryable()) {
            return true;
        }
        return Boolean.TRUE.equals(shouldRetry) && status != 400
                && (c.kind() == FailureKind.INVALID_REQUEST || c.kind() == FailureKind.OTHER);
    }

    static Duration millis(String value) {
        BigDecimal number = number(value);
        return number == null ? null : Duration.ofNanos(number.movePointRight(6).longValue());
    }

    static Duration secondsOrDate(String value, Clock clock) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        BigDecimal seconds = number(value);
        if (seconds != null) {
            return Duration.ofNanos(seconds.movePointRight(9).longValue());
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration until = Duration.between(clock.instant(), at);
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A non-negative decimal number (at most nine digits each side of the point), else {@code null}. */
    private static BigDecimal number(String value) {
        if (value == null || !value.matches("\\d{1,9}(\\.\\d{1,9})?")) {
            return null;
        }
        return new BigDecimal(value);
    }

    private static Boolean bool(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    /**
     * Reads a protobuf JSON duration such as Gemini's {@code "34.4s"}; empty when {@code text} is not one.
     */
    public static Optional<Duration> protobufDuration(String text) {
        if (text == null || !text.matches("\\d{1,9}(\\.\\d{1,9})?s")) {
            return Optional.empty();
        }
        BigDecimal seconds = new BigDecimal(text.substring(0, text.length() - 1));
        return Optional.of(Duration.ofNanos(seconds.movePointRight(9).longValue()));
    }
}
