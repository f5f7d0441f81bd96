package dev.llmservice.spring.metrics;

import dev.llmservice.spring.consensus.ConsensusOutcome;
import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.vote.Vote;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Locale;

/**
 * Counts and times consensus requests by decision and status ({@link LlmMetrics#CONSENSUS_REQUESTS}) and adds up what
 * their votes cost by provider and model ({@link LlmMetrics#COST}; a vote whose price is unknown adds nothing).
 */
public final class ConsensusMetrics {

    /** Status tag of a request rejected before any provider was asked. */
    public static final String STATUS_INVALID_INPUT = "invalid_input";
    /** Status tag of a request that failed without a result. */
    public static final String STATUS_ERROR = "error";

    private final MeterRegistry meters;
    private final CostMetrics costs;

    public ConsensusMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.costs = new CostMetrics(meters);
    }

    public void record(ConsensusOutcome outcome, Duration took) {
        record(outcome.decision().toLowerCase(Locale.ROOT), outcome.status(), took);
        if (outcome.result() instanceof ConsensusResult result) {
            for (Vote v : result.votes()) {
                costs.record(v.provider(), v.model(), v.cost());
            }
        }
    }

    /** A request that produced no decision ({@link #STATUS_INVALID_INPUT}, {@link #STATUS_ERROR}). */
    public void recordWithoutDecision(String status, Duration took) {
        record("none", status, took);
    }

    private void record(String decision, String status, Duration took) {
        Timer.builder(LlmMetrics.CONSENSUS_REQUESTS)
                .description("Consensus requests by decision and status")
                .tag(LlmMetrics.TAG_DECISION, decision)
                .tag(LlmMetrics.TAG_STATUS, status)
                .register(meters)
                .record(took);
    }
}
