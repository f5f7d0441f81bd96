package dev.llmservice.consensus.marketdata;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validated market data for one pair and timeframe: the input of a consensus request.
 *
 * <p>The documented JSON format (read by {@link MarketDataParser}), in freqtrade's vocabulary:
 * <pre>{@code
 * {
 *   "pair": "BTC/USDT",                  // or futures "BTC/USDT:USDT"
 *   "timeframe": "5m",                   // 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w
 *   "candles": [                         // oldest first, at least 50
 *     {"date": "2024-05-01T12:00:00Z", "open": 1.0, "high": 1.2, "low": 0.9, "close": 1.1, "volume": 10.5},
 *     [1714565100000, 1.1, 1.3, 1.0, 1.2, 8.0]     // freqtrade's array: [epoch_ms, o, h, l, c, v]
 *   ],
 *   "indicators": {"funding_rate": 0.0001}         // optional extras, passed to the models as JSON data
 * }
 * }</pre>
 * {@code date} is ISO-8601 in UTC ({@code Z} or {@code +00:00}) or epoch milliseconds. A bare array of
 * candles, and CSV with the header {@code date,open,high,low,close,volume}, are read too; the pair and the
 * timeframe then come from the caller.
 *
 * <p>Every instance is valid: the constructor applies {@link MarketDataRules} and throws
 * {@link InvalidMarketDataException} listing every problem. The size limits ({@link MarketDataLimits}) and the
 * latest date accepted (one timeframe after now) are the parser's: they concern input, not data built in code.
 *
 * @param pair       e.g. {@code BTC/USDT} or {@code BTC/USDT:USDT}
 * @param timeframe  candle length
 * @param candles    oldest first, dates strictly increasing, at least {@link MarketDataRules#MIN_CANDLES}
 * @param indicators extra named values supplied with the data (numbers, text or lists of numbers), in the
 *                   order given; empty when none
 */
public record MarketData(String pair, Timeframe timeframe, List<Candle> candles, Map<String, Object> indicators) {

    public MarketData {
        Objects.requireNonNull(timeframe, "timeframe");
        Objects.requireNonNull(candles, "candles");
        candles = List.copyOf(candles);
        indicators = indicators == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(indicators));
        List<MarketDataProblem> problems = MarketDataRules.check(pair, timeframe.code(), candles);
        if (!problems.isEmpty()) {
            throw new InvalidMarketDataException(problems);
        }
    }

    /** Market data without extra indicators. */
    public MarketData(String pair, Timeframe timeframe, List<Candle> candles) {
        this(pair, timeframe, candles, Map.of());
    }

    /** The newest candle. */
    public Candle lastCandle() {
        return candles.get(candles.size() - 1);
    }

    /** The open time of the newest candle. */
    public Instant lastCandleDate() {
        return lastCandle().date();
    }

    /** One timeframe after {@link #lastCandleDate()}: when a signal computed from this data goes stale. */
    public Instant validUntil() {
        return lastCandleDate().plus(timeframe.duration());
    }
}
