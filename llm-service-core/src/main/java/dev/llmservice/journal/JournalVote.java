package dev.llmservice.journal;

import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.consensus.vote.VoteStatus;
import dev.llmservice.cost.CostCalculator;
import dev.llmservice.cost.Usd;
import dev.llmservice.cost.VoteCost;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One provider's vote as the journal keeps it.
 *
 * @param provider     provider name, e.g. {@code anthropic}
 * @param model        the model that answered, or the configured one
 * @param weight       voting weight, at least 0
 * @param status       what became of the vote
 * @param decision     the decision; {@code null} unless {@code status} is OK
 * @param confidence   0.0 to 1.0; {@code null} unless {@code status} is OK
 * @param reasoning    the first {@value #MAX_REASONING} characters (code points) of the reasoning; {@code null}
 *                     unless {@code status} is OK
 * @param latency      time to the vote's outcome, whole milliseconds
 * @param inputTokens  input tokens the vendor reported (0 when it did not say)
 * @param outputTokens output tokens the vendor reported (0 when it did not say)
 * @param costUsd      the call's cost in USD (see {@link Usd}), or {@code null} when no price is known
 * @param costNote     why {@code costUsd} is {@code null}, e.g. {@code no price for model foo-1}; {@code null} when known
 */
public record JournalVote(
        String provider,
        String model,
        double weight,
        VoteStatus status,
        Decision decision,
        Double confidence,
        String reasoning,
        Duration latency,
        int inputTokens,
        int outputTokens,
        BigDecimal costUsd,
        String costNote) {

    /** The journal keeps this many characters (Unicode code points) of a vote's reasoning. */
    public static final int MAX_REASONING = 500;

    public JournalVote {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(latency, "latency");
        latency = latency.truncatedTo(ChronoUnit.MILLIS);
        reasoning = truncate(reasoning);
        if ((status == VoteStatus.OK) != (decision != null && confidence != null)) {
            throw new IllegalArgumentException("an ok vote has a decision and a confidence, any other none (" + status
                    + ", " + decision + ", " + confidence + ")");
        }
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts must be at least 0");
        }
        if ((costUsd == null) == (costNote == null)) {
            throw new IllegalArgumentException("a vote's cost is either known or unknown with a note");
        }
        costUsd = costUsd == null ? null : Usd.normalize(costUsd);
    }

    /** {@code vote} with its cost from {@code costs}. */
    public static JournalVote of(Vote vote, CostCalculator costs) {
        VoteCost cost = costs.cost(vote.provider(), vote.model(), vote.tokens());
        return new JournalVote(vote.provider(), vote.model(), vote.weight(), vote.status(), vote.decision(),
                vote.confidence(), vote.reasoning(), vote.latency(), vote.tokens().inputTokens(),
                vote.tokens().outputTokens(), cost.usd(), cost.note());
    }

    /** Whether this vote is an answer (status OK): the only kind the scorecard scores. */
    public boolean isOk() {
        return status == VoteStatus.OK;
    }

    /** The cost as a {@link VoteCost}. */
    public VoteCost cost() {
        return new VoteCost(costUsd, costNote);
    }

    private static String truncate(String text) {
        if (text == null || text.codePointCount(0, text.length()) <= MAX_REASONING) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_REASONING));
    }
}
