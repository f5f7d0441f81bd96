package dev.llmservice.consensus.policy;

import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.Vote;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link ConsensusPolicy#evaluate(List)}: a pure function of the votes.
 *
 * @param decision   BUY or SELL when {@code status} is DECIDED, else HOLD
 * @param status     why
 * @param confidence {@code S_lead / W} when decided, else 0
 * @param agreement  {@code S_lead / R} when decided, else 0
 * @param scores     {@code S_d} per decision
 * @param margin     {@code |S_BUY − S_SELL|}: the lead of the stronger direction over the weaker
 * @param quorum     the quorum check
 * @param dissent    the counted OK votes whose decision differs from {@code decision}, in input order
 */
public record Tally(
        Decision decision, ConsensusStatus status, double confidence, double agreement, Scores scores, double margin,
        Quorum quorum, List<Vote> dissent) {

    public Tally {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(quorum, "quorum");
        dissent = List.copyOf(dissent);
        if (status.isDecided() != decision.isDirection()) {
            throw new IllegalArgumentException("decision " + decision + " does not fit status " + status.code());
        }
    }
}
