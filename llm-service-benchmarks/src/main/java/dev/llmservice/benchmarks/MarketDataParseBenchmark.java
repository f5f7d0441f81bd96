package dev.llmservice.benchmarks;

import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.marketdata.MarketDataParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Issue 18 item 3: reading 100 candles of market data in each documented form, the candles' dates as ISO-8601 text
 * (objects; freqtrade arrays with text dates; CSV) or epoch milliseconds (freqtrade arrays). Run with
 * {@code -prof gc} to see the bytes allocated per read ({@code gc.alloc.rate.norm}): the per-candle date parsing was
 * most of them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MarketDataParseBenchmark {

    @Param({"iso-objects", "iso-arrays", "epoch-arrays", "csv"})
    public String form;

    private String text;

    @Setup
    public void setUp() {
        StringBuilder sb = new StringBuilder(form.equals("csv") ? "date,open,high,low,close,volume\n"
                : "{\"pair\":\"BTC/USDT\",\"timeframe\":\"5m\",\"candles\":[");
        long t = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 100; i++) {
            double open = 64_000 + 900 * Math.sin(i / 9.0);
            double close = 64_000 + 900 * Math.sin((i + 1) / 9.0);
            double high = Math.max(open, close) + 42.5;
            double low = Math.min(open, close) - 37.25;
            Instant date = Instant.ofEpochMilli(t + i * 300_000L);
            String row = switch (form) {
                case "iso-objects" -> String.format(Locale.ROOT, "{\"date\":\"%s\",\"open\":%.2f,\"high\":%.2f,"
                        + "\"low\":%.2f,\"close\":%.2f,\"volume\":%.3f}", date, open, high, low, close, 12.5 + i % 11);
                case "iso-arrays" -> String.format(Locale.ROOT, "[\"%s\",%.2f,%.2f,%.2f,%.2f,%.3f]", date, open, high,
                        low, close, 12.5 + i % 11);
                case "epoch-arrays" -> String.format(Locale.ROOT, "[%d,%.2f,%.2f,%.2f,%.2f,%.3f]", date.toEpochMilli(),
                        open, high, low, close, 12.5 + i % 11);
                case "csv" -> String.format(Locale.ROOT, "%s,%.2f,%.2f,%.2f,%.2f,%.3f%n", date, open, high, low, close,
                        12.5 + i % 11);
                default -> throw new IllegalArgumentException(form);
            };
            sb.append(form.equals("csv") || i == 0 ? "" : ",").append(row);
        }
        text = form.equals("csv") ? sb.toString() : sb.append("]}").toString();
    }

    @Benchmark
    public MarketData parse() {
        return MarketDataParser.parse(text, "BTC/USDT", "5m");
    }
}
