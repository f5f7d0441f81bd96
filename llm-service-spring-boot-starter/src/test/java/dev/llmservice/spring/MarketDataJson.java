package dev.llmservice.spring;

import java.time.Instant;
import java.util.Locale;

/** Valid issue-3 market data for the consensus endpoint: a gentle wave around 100, 5-minute candles. */
public final class MarketDataJson {

    /** Enough candles for the engine ({@code MarketDataRules.MIN_CANDLES} is 50). */
    public static final int CANDLES = 60;

    private MarketDataJson() {
    }

    public static String valid() {
        return json("BTC/USDT", "5m", CANDLES);
    }

    public static String json(String pair, String timeframe, int count) {
        StringBuilder sb = new StringBuilder("{\"pair\":\"").append(pair).append("\",\"timeframe\":\"")
                .append(timeframe).append("\",\"candles\":[");
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        double previousClose = 100;
        for (int i = 0; i < count; i++) {
            double open = previousClose;
            double close = round(100 + 5 * Math.sin(i / 6.0) + i * 0.05);
            double high = round(Math.max(open, close) + 0.4);
            double low = round(Math.min(open, close) - 0.3);
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"date\":\"%s\",\"open\":%s,\"high\":%s,\"low\":%s,\"close\":%s,\"volume\":%s}",
                    start.plusSeconds(300L * i), open, high, low, close, 10 + (i % 7)));
            previousClose = close;
        }
        return sb.append("]}").toString();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
