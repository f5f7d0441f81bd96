package dev.llmservice.journal;

import dev.llmservice.consensus.vote.Decision;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A vote as the scorecard reads it: the part of a {@link JournalVote} that scoring uses. A vote with a decision is an
 * answer (status OK, the only kind scored); one without failed, and only its cost counts. Its status, model,
 * weight, reasoning, latency and tokens are left out.
 *
 * @param provider   provider name, e.g. {@code anthropic}
 * @param decision   the decision; {@code null} when the vote is not an answer
 * @param confidence 0.0 to 1.0; {@code null} exactly when {@code decision} is
 * @param costUsd    the call's cost in USD, or {@code null} when no price is known
 */
public record ScoringVote(String provider, Decision decision, Double confidence, BigDecimal costUsd) {

    public ScoringVote {
        Objects.requireNonNull(provider, "provider");
        if ((decision == null) != (confidence == null)) {
            throw new IllegalArgumentException("a vote has both a decision and a confidence or neither (" + decision
                    + ", " + confidence + ")");
        }
    }

    /** The scoring part of {@code vote}. */
    public static ScoringVote of(JournalVote vote) {
        return new ScoringVote(vote.provider(), vote.decision(), vote.confidence(), vote.costUsd());
    }

    /** Whether this vote is an answer (it has a decision): the only kind the scorecard scores. */
    public boolean isOk() {
        return decision != null;
    }
}
