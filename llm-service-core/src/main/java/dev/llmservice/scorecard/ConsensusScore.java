package dev.llmservice.scorecard;

import java.math.BigDecimal;
import java.util.List;

/**
 * How the consensus decisions turned out: the fields of {@link ProviderScore} without a name and a suggested
 * weight. The consensus "votes" once per scored entry whose status is a decision or a HOLD on the votes (decided,
 * tie, contested, below_threshold); an entry without quorum or with every call failed made no prediction and is not
 * scored here. Its confidence is the entry's ({@code 0} for a HOLD, by the policy's definition, so every right HOLD
 * adds 1 to the Brier sum). Its cost is that of every call of every scored entry.
 */
public record ConsensusScore(
        int votesScored,
        int hits,
        Double hitRate,
        List<Double> hitRateCi95,
        Double brier,
        Double meanReturnAfterBuy,
        Double meanReturnAfterSell,
        BigDecimal costUsd,
        BigDecimal costPerHitUsd) {
}
