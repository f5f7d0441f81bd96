package dev.llmservice.consensus.policy;

import dev.llmservice.consensus.vote.Decision;

import java.util.Objects;

/**
 * What {@link ConsensusPolicy#foresee} found: the decision and status are already certain whatever the pending
 * providers answer (or fail to), and the confidence can only end within {@code confidenceRange}.
 */
public record EarlyDecision(Decision decision, ConsensusStatus status, ConfidenceRange confidenceRange) {

    public EarlyDecision {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(confidenceRange, "confidenceRange");
    }
}
