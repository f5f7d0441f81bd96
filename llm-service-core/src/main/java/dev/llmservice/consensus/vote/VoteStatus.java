package dev.llmservice.consensus.vote;

import java.util.Locale;

/**
 * What became of one provider's vote. Only {@link #OK} votes; every other status is a failure that never
 * votes and is never replaced by a default decision.
 */
public enum VoteStatus {
    /** A parsed decision and confidence. */
    OK,
    /** The provider failed (authentication, rate limit, unavailable, invalid request, other). */
    ERROR,
    /** No answer within the provider's own timeout or the request's deadline. */
    TIMEOUT,
    /** An answer came back but held no decision and confidence that could be read without guessing. */
    UNPARSEABLE,
    /** The vendor declined to answer (a refusal or a safety block). */
    REFUSED,
    /** Still pending when an early decision made its answer irrelevant; the call was cancelled. */
    CANCELLED,
    /** The provider was selected but never called (for example the executor refused the task). */
    SKIPPED;

    /** {@code unparseable}: the form used in JSON and tables. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
