package dev.llmservice.spring.consensus;

import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.marketdata.MarketDataLimits;
import dev.llmservice.consensus.marketdata.MarketDataParser;
import dev.llmservice.consensus.marketdata.MarketDataProblem;
import dev.llmservice.spring.consensus.InvalidMarketDataException.InputProblem;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Reads the market data of a request body ({@code POST /api/v1/consensus} and {@code POST /api/v1/scorecard} alike)
 * with {@link MarketDataParser}, within the {@link MarketDataLimits} and with candle dates no later than one
 * timeframe after now on the given clock.
 *
 * <p>A parser problem becomes an {@link InputProblem} whose field is a JSON path into the request body: a candle's
 * problem in row {@code n} (counted from 1) is {@code candles[n-1].field}, a malformed or missing body is
 * {@code body}.
 */
public final class MarketDataReader {

    private final MarketDataLimits limits;
    private final Clock clock;

    /** @param clock "now", for the latest candle date accepted */
    public MarketDataReader(MarketDataLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws InvalidMarketDataException naming every invalid field, before anything is done with the data
     */
    public MarketData read(String marketDataJson) {
        if (marketDataJson == null || marketDataJson.isBlank()) {
            throw new InvalidMarketDataException(List.of(new InputProblem("body",
                    "must be a JSON object with pair, timeframe and candles", null)));
        }
        try {
            return MarketDataParser.parseJson(marketDataJson, null, null, limits, clock);
        } catch (dev.llmservice.consensus.marketdata.InvalidMarketDataException e) {
            throw new InvalidMarketDataException(e.problems().stream().map(MarketDataReader::toInputProblem).toList());
        }
    }

    static InputProblem toInputProblem(MarketDataProblem p) {
        String field;
        if (p.row() != null) {
            String candle = "candles[" + (p.row() - 1) + "]";
            field = "candle".equals(p.field()) ? candle : candle + "." + p.field();
        } else {
            field = "json".equals(p.field()) ? "body" : p.field();
        }
        String value = MarketDataProblem.MISSING.equals(p.value()) ? null : p.value();
        return new InputProblem(field, "must be " + p.expected(), value);
    }
}
