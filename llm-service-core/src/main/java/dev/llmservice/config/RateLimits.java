package dev.llmservice.config;

/**
 * A provider's vendor rate limits, {@code P_RPM} and {@code P_TPM}: at most this many requests, and this many tokens
 * (input and output together), per minute. Each is {@code null} when not set: then that limit is not enforced here
 * (the vendor's own still applies). Enforced by {@code dev.llmservice.ratelimit.RateLimiter}.
 *
 * @param requestsPerMinute {@code P_RPM}, 1 to {@value Defaults#MAX_REQUESTS_PER_MINUTE}, or {@code null}
 * @param tokensPerMinute   {@code P_TPM}, 1 to {@value Defaults#MAX_TOKENS_PER_MINUTE}, or {@code null}
 */
public record RateLimits(Integer requestsPerMinute, Integer tokensPerMinute) {

    /** No limit: the default. */
    public static final RateLimits NONE = new RateLimits(null, null);

    public RateLimits {
        if (requestsPerMinute != null) {
            Range.REQUESTS_PER_MINUTE.require("requestsPerMinute", requestsPerMinute, requestsPerMinute);
        }
        if (tokensPerMinute != null) {
            Range.TOKENS_PER_MINUTE.require("tokensPerMinute", tokensPerMinute, tokensPerMinute);
        }
    }

    /** Whether either limit is set. */
    public boolean any() {
        return requestsPerMinute != null || tokensPerMinute != null;
    }

    /** For people: {@code 60 requests/min, 100000 tokens/min}, {@code 60 requests/min} or {@code none}. */
    public String describe() {
        if (!any()) {
            return "none";
        }
        String requests = requestsPerMinute == null ? null : requestsPerMinute + " requests/min";
        String tokens = tokensPerMinute == null ? null : tokensPerMinute + " tokens/min";
        return requests == null ? tokens : tokens == null ? requests : requests + ", " + tokens;
    }
}
