package dev.llmservice.benchmarks;

import dev.llmservice.config.ApiKey;
import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.TokenUsage;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Market data and in-process providers for the benchmarks. */
public final class BenchmarkFixtures {

    /** Replies in the shapes models really give: plain, fenced, with prose, with a percentage. */
    static final String[] REPLIES = {
            "{\"decision\": \"BUY\", \"confidence\": 0.8, \"reasoning\": \"RSI recovering from 33 and price back above EMA 20.\"}",
            "```json\n{\n  \"decision\": \"BUY\",\n  \"confidence\": 0.7,\n  \"reasoning\": \"MACD histogram turning up.\"\n}\n```",
            "Looking at the last candles, momentum is fading.\n\n{\"decision\": \"sell\", \"confidence\": \"60%\", "
                    + "\"reasoning\": \"Lower highs for two hours.\"}\n\nThis is not financial advice.",
            "{\"decision\": \"HOLD\", \"confidence\": 50, \"reasoning\": \"No clear edge.\"}"};

    private BenchmarkFixtures() {
    }

    /** {@code count} five-minute BTC/USDT candles in the documented JSON form, freqtrade arrays. */
    public static String marketDataJson(int count) {
        StringBuilder sb = new StringBuilder("{\"pair\":\"BTC/USDT\",\"timeframe\":\"5m\",\"candles\":[");
        long t = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
        double close = 64_000;
        for (int i = 0; i < count; i++) {
            double open = close;
            close = Math.round((64_000 + 900 * Math.sin(i / 9.0) + 35 * Math.cos(i * 1.7)) * 100) / 100.0;
            double high = Math.round((Math.max(open, close) + 42.5) * 100) / 100.0;
            double low = Math.round((Math.min(open, close) - 37.25) * 100) / 100.0;
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%d,%.2f,%.2f,%.2f,%.2f,%.3f]",
                    t + i * 300_000L, open, high, low, close, 12.5 + (i % 11)));
        }
        return sb.append("]}").toString();
    }

    static ProviderConfig config(String name) {
        return new ProviderConfig(name, ApiKey.of("bench-key-" + name + "-0123456789"), true, "model-" + name, 1.0,
                1024, 0.7, Duration.ofSeconds(30), 0, URI.create("http://127.0.0.1:9"));
    }

    /** A provider that waits {@code delay} (the simulated network), then replies. */
    static LlmProvider provider(String name, Duration delay, String reply) {
        ProviderConfig config = config(name);
        return new LlmProvider() {
            @Override
            public ProviderConfig config() {
                return config;
            }

            @Override
            public GenerationResult generate(GenerationRequest request) {
                if (!delay.isZero()) {
                    try {
                        Thread.sleep(delay.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new ProviderException(name, FailureKind.OTHER, "interrupted");
                    }
                }
                return new GenerationResult(name, config.model(), reply, new TokenUsage(950, 40), delay, "stop");
            }

            @Override
            public HealthCheckResult healthCheck() {
                return HealthCheckResult.healthy(name, Duration.ZERO, Instant.EPOCH);
            }
        };
    }
}
