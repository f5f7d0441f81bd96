package dev.llmservice.consensus.marketdata;

import java.time.Instant;
import java.util.Objects;

/**
 * One OHLCV candle. Built by {@link MarketDataParser} or checked by {@link MarketData}'s constructor; the record
 * itself only refuses a missing date.
 *
 * @param date   the candle's open time, UTC
 * @param open   first price
 * @param high   highest price
 * @param low    lowest price
 * @param close  last price
 * @param volume traded volume, in the base currency
 */
public record Candle(Instant date, double open, double high, double low, double close, double volume) {

    public Candle {
        Objects.requireNonNull(date, "date");
    }
}
