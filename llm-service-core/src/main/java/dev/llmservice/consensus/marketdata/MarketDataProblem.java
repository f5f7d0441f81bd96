package dev.llmservice.consensus.marketdata;

import dev.llmservice.config.Excerpt;

import java.util.Objects;

/**
 * One thing wrong with market data: the field, the row, the value as given and what was expected.
 *
 * @param field    {@code high}, {@code date}, {@code pair}, {@code candles}, …
 * @param row      the candle's number, counted from 1 in file order (in CSV the header is not a row, so row
 *                 {@code n} is line {@code n + 1}); {@code null} for a field outside the candles
 * @param value    the value as given, shortened and escaped by {@link Excerpt} ({@code <missing>} when absent): of a
 *                 5 MB value only its first 100 characters and its length are kept
 * @param expected what would have been accepted
 */
public record MarketDataProblem(String field, Integer row, String value, String expected) {

    /** How a missing value is shown. */
    public static final String MISSING = "<missing>";

    public MarketDataProblem {
        Objects.requireNonNull(field, "field");
        value = Excerpt.of(Objects.requireNonNull(value, "value"));
        Objects.requireNonNull(expected, "expected");
    }

    /** {@code row 3: high was '99.5' but it must be at least low (100.0)}. */
    public String message() {
        return (row == null ? "" : "row " + row + ": ") + field + " was '" + value + "' but it must be " + expected;
    }

    @Override
    public String toString() {
        return message();
    }
}
