package dev.llmservice.consensus.policy;

import java.util.Locale;

/** Why the consensus came out as it did. Only {@link #DECIDED} carries a BUY or SELL. */
public enum ConsensusStatus {
    /** BUY or SELL won: its lead over the other direction and its score both reached their thresholds. */
    DECIDED,
    /** BUY and SELL scored exactly the same, above zero. Decision HOLD. */
    TIE,
    /** The leading direction reached the score threshold but not the margin over the other one. Decision HOLD. */
    CONTESTED,
    /** No direction reached the score threshold (this includes every counted vote being HOLD). Decision HOLD. */
    BELOW_THRESHOLD,
    /** Too little weight, or too few ok votes, came back, or no provider was available to ask. Decision HOLD. */
    NO_QUORUM,
    /** Providers were asked and none returned an ok vote. Decision HOLD. */
    ALL_FAILED,
    /**
     * No provider was asked: today's spend (UTC) had reached the daily budget ({@code LLM_DAILY_BUDGET_USD}).
     * Decision HOLD. Never the outcome of the rule; the operations layer sets it before anything is spent.
     */
    BUDGET_EXHAUSTED;

    /** {@code below_threshold}: the form used in JSON. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isDecided() {
        return this == DECIDED;
    }
}
