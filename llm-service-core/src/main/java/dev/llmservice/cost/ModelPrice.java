package dev.llmservice.cost;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one model costs, in USD per million tokens, each side at least 0.
 *
 * @param inputPerMillion  USD per million input (prompt) tokens
 * @param outputPerMillion USD per million output (completion) tokens
 */
public record ModelPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {

    public ModelPrice {
        Objects.requireNonNull(inputPerMillion, "inputPerMillion");
        Objects.requireNonNull(outputPerMillion, "outputPerMillion");
        if (inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0) {
            throw new IllegalArgumentException("prices must be at least 0, but were " + inputPerMillion + " and "
                    + outputPerMillion);
        }
        // 2.00 and 2 are the same price.
        inputPerMillion = Usd.normalize(inputPerMillion);
        outputPerMillion = Usd.normalize(outputPerMillion);
    }

    /**
     * {@code input × inputPerMillion + output × outputPerMillion}, per million, in USD as {@link Usd} keeps it
     * (exact for prices with up to 6 decimals).
     */
    public BigDecimal cost(long inputTokens, long outputTokens) {
        return Usd.normalize(BigDecimal.valueOf(inputTokens).multiply(inputPerMillion)
                .add(BigDecimal.valueOf(outputTokens).multiply(outputPerMillion))
                .movePointLeft(6));
    }
}
