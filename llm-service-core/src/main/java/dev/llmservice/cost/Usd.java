package dev.llmservice.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts in USD as the journal keeps them: exact decimals to {@value #SCALE} places (a pico-dollar), written
 * without trailing zeros. Prices with up to 6 decimals give costs that are exact at this scale; finer ones are
 * rounded half-even, far below any amount a bill shows.
 */
public final class Usd {

    /** Decimal places kept: 10^-12 USD. */
    public static final int SCALE = 12;

    private Usd() {
    }

    /** {@code amount} rounded to {@value #SCALE} places, trailing zeros removed, never in exponent form. */
    public static BigDecimal normalize(BigDecimal amount) {
        BigDecimal n = amount.setScale(SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return n.scale() < 0 ? n.setScale(0) : n;
    }

    /** {@code amount} in pico-dollars (10^-12 USD), rounded as {@link #normalize} rounds. */
    public static long toPico(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    /** Pico-dollars back to USD, normalised. */
    public static BigDecimal fromPico(long pico) {
        return normalize(BigDecimal.valueOf(pico, SCALE));
    }
}
