package dev.llmservice.scorecard;

import java.math.BigDecimal;
import java.util.List;

/**
 * How one provider's answers turned out. Every rate is {@code null} when nothing was scored.
 *
 * @param name                 provider name
 * @param votesScored          its {@code ok} votes on entries the candles reach
 * @param hits                 of those, how many were right (see {@link Scorecards})
 * @param hitRate              {@code hits / votes_scored}
 * @param hitRateCi95          the 95 % Wilson score interval of the hit rate, {@code [lo, hi]}
 * @param brier                mean of {@code (confidence − hit)²}, hit being 1 or 0: 0 is perfect, 0.25 is a coin
 *                             flip at confidence 0.5
 * @param meanReturnAfterBuy   mean return {@code r} after its BUY votes; {@code null} when it voted none
 * @param meanReturnAfterSell  mean return {@code r} after its SELL votes; {@code null} when it voted none
 * @param costUsd              what all its calls on the scored entries cost (failed ones too); {@code null} when a
 *                             price was unknown
 * @param costPerHitUsd        {@code cost_usd / hits}; {@code null} without hits or cost
 * @param suggestedWeight      a {@code P_WEIGHT} from 0.0 to 1.0 (see {@link Scorecards}); {@code null} below
 *                             {@value Scorecards#MIN_VOTES_FOR_WEIGHT} scored votes
 */
public record ProviderScore(
        String name,
        int votesScored,
        int hits,
        Double hitRate,
        List<Double> hitRateCi95,
        Double brier,
        Double meanReturnAfterBuy,
        Double meanReturnAfterSell,
        BigDecimal costUsd,
        BigDecimal costPerHitUsd,
        Double suggestedWeight) {
}
