package dev.llmservice.testing;

import dev.llmservice.consensus.marketdata.Candle;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.marketdata.Timeframe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Deterministic, valid market data for tests: a gentle wave around 100. */
public final class TestMarketData {

    /** 2024-05-01T12:00:00Z. */
    public static final Instant START = Instant.parse("2024-05-01T12:00:00Z");
    public static final long START_MS = START.toEpochMilli();
    public static final long FIVE_MINUTES_MS = 5 * 60_000L;

    private TestMarketData() {
    }

    public static List<Candle> candles(int count) {
        List<Candle> candles = new ArrayList<>();
        double previousClose = 100;
        for (int i = 0; i < count; i++) {
            double open = previousClose;
            double close = round(100 + 5 * Math.sin(i / 6.0) + i * 0.05);
            double high = round(Math.max(open, close) + 0.4);
            double low = round(Math.min(open, close) - 0.3);
            candles.add(new Candle(START.plusMillis(i * FIVE_MINUTES_MS), open, high, low, close, round(10 + (i % 7))));
            previousClose = close;
        }
        return candles;
    }

    public static MarketData marketData(int count) {
        return new MarketData("BTC/USDT", Timeframe.M5, candles(count));
    }

    /** The documented JSON object form, candles as objects with ISO dates. */
    public static String json(int count) {
        StringBuilder sb = new StringBuilder("{\"pair\":\"BTC/USDT\",\"timeframe\":\"5m\",\"candles\":[");
        List<Candle> candles = candles(count);
        for (int i = 0; i < candles.size(); i++) {
            Candle c = candles.get(i);
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"date\":\"%s\",\"open\":%s,\"high\":%s,\"low\":%s,\"close\":%s,\"volume\":%s}",
                    c.date(), c.open(), c.high(), c.low(), c.close(), c.volume()));
        }
        return sb.append("]}").toString();
    }

    /** CSV with the documented header, dates as epoch milliseconds. */
    public static String csv(int count) {
        StringBuilder sb = new StringBuilder("date,open,high,low,close,volume\n");
        for (Candle c : candles(count)) {
            sb.append(c.date().toEpochMilli()).append(',').append(c.open()).append(',').append(c.high()).append(',')
                    .append(c.low()).append(',').append(c.close()).append(',').append(c.volume()).append('\n');
        }
        return sb.toString();
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }
}
