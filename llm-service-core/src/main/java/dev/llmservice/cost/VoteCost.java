package dev.llmservice.cost;

import java.math.BigDecimal;

/**
 * What one provider call cost: a known amount in USD, or {@code null} with the reason it is unknown. Never a
 * guessed number.
 *
 * @param usd  the cost in USD, or {@code null} when no price is known
 * @param note why {@code usd} is {@code null} (e.g. {@code no price for model foo-1}); {@code null} when known
 */
public record VoteCost(BigDecimal usd, String note) {

    public VoteCost {
        if ((usd == null) == (note == null)) {
            throw new IllegalArgumentException("a cost is either known (usd) or unknown with a note, not both or neither");
        }
    }

    public static VoteCost known(BigDecimal usd) {
        return new VoteCost(usd, null);
    }

    public static VoteCost unknown(String note) {
        return new VoteCost(null, note);
    }

    /** {@code no price for model X}: the note of a model missing from the price table and the overrides. */
    public static VoteCost noPriceFor(String model) {
        return unknown("no price for model " + model);
    }

    public boolean isKnown() {
        return usd != null;
    }
}
