package dev.llmservice.scorecard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hit rates, calibration, returns and cost per provider and for the consensus, over the journal entries of one pair
 * and timeframe. Written as JSON by {@link dev.llmservice.json.Json} in this shape:
 * <pre>{@code
 * {"pair", "timeframe", "horizon", "min_move", "entries_scored", "entries_pending",
 *  "providers": [{"name", "votes_scored", "hits", "hit_rate", "hit_rate_ci95": [lo, hi], "brier",
 *                 "mean_return_after_buy", "mean_return_after_sell", "cost_usd", "cost_per_hit_usd",
 *                 "suggested_weight"}],
 *  "consensus": {the same fields but name and suggested_weight}}
 * }</pre>
 *
 * @param pair           the pair scored
 * @param timeframe      its timeframe code, e.g. {@code 5m}
 * @param horizon        candles after the entry's newest one whose close decides (default 1)
 * @param minMove        the move {@code m} a BUY or SELL must beat, as a fraction (0.001 = 0.1 %)
 * @param entriesScored  entries whose horizon candle is in the candles given
 * @param entriesPending entries of this pair and timeframe whose horizon candle is not (yet) in them
 * @param providers      one per provider that voted in a scored entry, by name
 * @param consensus      the consensus decisions
 */
public record Scorecard(
        String pair,
        String timeframe,
        int horizon,
        double minMove,
        int entriesScored,
        int entriesPending,
        List<ProviderScore> providers,
        ConsensusScore consensus) {

    public Scorecard {
        providers = List.copyOf(providers);
    }

    /**
     * The suggested weights as {@code .env} lines, e.g. {@code ANTHROPIC_WEIGHT=1.00}, one per provider with a
     * suggestion, in {@link #providers()} order.
     */
    public List<String> weightLines() {
        List<String> lines = new ArrayList<>();
        for (ProviderScore p : providers) {
            if (p.suggestedWeight() != null) {
                lines.add(p.name().toUpperCase(Locale.ROOT) + "_WEIGHT=" + String.format(Locale.ROOT, "%.2f",
                        p.suggestedWeight()));
            }
        }
        return lines;
    }
}
