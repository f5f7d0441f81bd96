package dev.llmservice.journal;

import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.consensus.vote.VoteStatus;
import dev.llmservice.cost.CostCalculator;
import dev.llmservice.cost.Usd;
import dev.llmservice.cost.VoteCost;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.TokenUsage;

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
 * @param failure      the classified cause of a failure, or {@code null} (always for ok, cancelled and skipped votes)
 * @param error        why a vote that is not ok did not count (the first {@value #MAX_ERROR} characters); {@code null}
 *                     for an ok vote (and for votes recorded before the journal kept it)
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
        String costNote,
        FailureKind failure,
        String error) {

    /** The journal keeps this many characters (Unicode code points) of a vote's reasoning. */
    public static final int MAX_REASONING = 500;
    /** The journal keeps this many characters of a failed vote's error message (votes keep at most 300 anyway). */
    public static final int MAX_ERROR = 500;
    /** The error shown for a failed vote recorded before the journal kept error messages. */
    static final String ERROR_NOT_RECORDED = "(the error was not recorded)";

    public JournalVote {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(latency, "latency");
        latency = latency.truncatedTo(ChronoUnit.MILLIS);
        reasoning = truncate(reasoning, MAX_REASONING);
        error = truncate(error, MAX_ERROR);
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

    /** A vote without a failure kind or error message (an ok vote, or one recorded without them). */
    public JournalVote(String provider, String model, double weight, VoteStatus status, Decision decision,
                       Double confidence, String reasoning, Duration latency, int inputTokens, int outputTokens,
                       BigDecimal costUsd, String costNote) {
        this(provider, model, weight, status, decision, confidence, reasoning, latency, inputTokens, outputTokens,
                costUsd, costNote, null, null);
    }

    /** {@code vote} with its cost: the one it was priced with, else its price from {@code costs}. */
    public static JournalVote of(Vote vote, CostCalculator costs) {
        VoteCost cost = vote.cost() != null ? vote.cost() : costs.cost(vote.provider(), vote.model(), vote.tokens());
        return new JournalVote(vote.provider(), vote.model(), vote.weight(), vote.status(), vote.decision(),
                vote.confidence(), vote.reasoning(), vote.latency(), vote.tokens().inputTokens(),
                vote.tokens().outputTokens(), cost.usd(), cost.note(), vote.failure(), vote.error());
    }

    /** The vote as the consensus result shows it (reasoning and error as far as the journal kept them). */
    public Vote toVote() {
        return new Vote(provider, model, weight, status, decision, confidence, isOk() && reasoning == null ? "" : reasoning,
                latency, new TokenUsage(inputTokens, outputTokens), isOk() ? null : failure,
                isOk() ? null : error == null ? ERROR_NOT_RECORDED : error, cost());
    }

    /** Whether this vote is an answer (status OK): the only kind the scorecard scores. */
    public boolean isOk() {
        return status == VoteStatus.OK;
    }

    /** The cost as a {@link VoteCost}. */
    public VoteCost cost() {
        return new VoteCost(costUsd, costNote);
    }

    private static String truncate(String text, int max) {
        if (text == null || text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max));
    }
}
