package dev.llmservice.consensus.vote;

import dev.llmservice.cost.CostCalculator;
import dev.llmservice.cost.VoteCost;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.TokenUsage;

import java.time.Duration;
import java.util.Objects;

/**
 * One provider's vote in a consensus request.
 *
 * <p>An {@link VoteStatus#OK} vote has a decision and a confidence; every other status has neither, and
 * carries a message (and, where the provider said why, a {@link FailureKind}) instead.
 *
 * @param provider   provider name, e.g. {@code anthropic}
 * @param model      the model that answered, or the configured one
 * @param weight     voting weight, finite and at least 0; 0 makes the provider an observer (shown, not counted)
 * @param status     what became of the vote
 * @param decision   the decision; {@code null} unless {@code status} is OK
 * @param confidence the provider's confidence from 0.0 to 1.0; {@code null} unless {@code status} is OK
 * @param reasoning  the provider's reasoning; empty when it gave none, {@code null} unless {@code status} is OK
 * @param latency    time from the start of the request to this vote's outcome
 * @param tokens     tokens the call used, {@link TokenUsage#NONE} when unknown
 * @param failure    the classified cause of a failure, or {@code null} (always {@code null} for OK and cancelled)
 * @param error      a human explanation of a non-OK status (never contains an API key); {@code null} when OK
 * @param cost       what the call cost ({@link CostCalculator}: tokens times the model's price), or {@code null}
 *                   when it was not priced (a vote made outside the orchestrator); a model without a known price
 *                   is a {@link VoteCost} without an amount, never a guessed number
 */
public record Vote(
        String provider,
        String model,
        double weight,
        VoteStatus status,
        Decision decision,
        Double confidence,
        String reasoning,
        Duration latency,
        TokenUsage tokens,
        FailureKind failure,
        String error,
        VoteCost cost) {

    public Vote {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(latency, "latency");
        tokens = tokens == null ? TokenUsage.NONE : tokens;
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be a finite number of at least 0, but was " + weight);
        }
        if (status == VoteStatus.OK) {
            Objects.requireNonNull(decision, "an ok vote needs a decision");
            Objects.requireNonNull(confidence, "an ok vote needs a confidence");
            if (!(confidence >= 0 && confidence <= 1)) {
                throw new IllegalArgumentException("confidence must be from 0.0 to 1.0, but was " + confidence);
            }
            reasoning = reasoning == null ? "" : reasoning;
            if (failure != null || error != null) {
                throw new IllegalArgumentException("an ok vote has no failure");
            }
        } else {
            if (decision != null || confidence != null || reasoning != null) {
                throw new IllegalArgumentException("a " + status.code() + " vote has no decision, confidence or reasoning");
            }
            Objects.requireNonNull(error, "a " + status.code() + " vote needs an error message");
        }
    }

    /** The vote as voted, not priced: any status but the cost. */
    public Vote(String provider, String model, double weight, VoteStatus status, Decision decision, Double confidence,
                String reasoning, Duration latency, TokenUsage tokens, FailureKind failure, String error) {
        this(provider, model, weight, status, decision, confidence, reasoning, latency, tokens, failure, error, null);
    }

    /** An OK vote. */
    public static Vote ok(String provider, String model, double weight, Decision decision, double confidence,
                          String reasoning, Duration latency, TokenUsage tokens) {
        return new Vote(provider, model, weight, VoteStatus.OK, decision, confidence, reasoning, latency, tokens, null, null);
    }

    /** A vote that did not count: any status but OK. */
    public static Vote failed(String provider, String model, double weight, VoteStatus status, FailureKind failure,
                              String error, Duration latency, TokenUsage tokens) {
        if (status == VoteStatus.OK) {
            throw new IllegalArgumentException("use Vote.ok for an ok vote");
        }
        return new Vote(provider, model, weight, status, null, null, null, latency, tokens, failure, error);
    }

    /** This vote with its cost. */
    public Vote withCost(VoteCost voteCost) {
        return new Vote(provider, model, weight, status, decision, confidence, reasoning, latency, tokens, failure, error,
                voteCost);
    }

    /** This vote priced by {@code costs}: its tokens at its model's price. */
    public Vote pricedBy(CostCalculator costs) {
        return withCost(costs.cost(provider, model, tokens));
    }

    /** Whether this vote counts: OK and a weight above 0. */
    public boolean counts() {
        return status == VoteStatus.OK && weight > 0;
    }

    /** Whether this provider is an observer (weight 0): shown, never counted. */
    public boolean isObserver() {
        return weight == 0;
    }

    public boolean isOk() {
        return status == VoteStatus.OK;
    }
}
