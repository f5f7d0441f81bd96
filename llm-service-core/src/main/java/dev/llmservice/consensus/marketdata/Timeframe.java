package dev.llmservice.consensus.marketdata;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** A candle length, in freqtrade's notation: {@code 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w}. */
public enum Timeframe {
    M1("1m", Duration.ofMinutes(1)),
    M3("3m", Duration.ofMinutes(3)),
    M5("5m", Duration.ofMinutes(5)),
    M15("15m", Duration.ofMinutes(15)),
    M30("30m", Duration.ofMinutes(30)),
    H1("1h", Duration.ofHours(1)),
    H2("2h", Duration.ofHours(2)),
    H4("4h", Duration.ofHours(4)),
    H6("6h", Duration.ofHours(6)),
    H8("8h", Duration.ofHours(8)),
    H12("12h", Duration.ofHours(12)),
    D1("1d", Duration.ofDays(1)),
    D3("3d", Duration.ofDays(3)),
    W1("1w", Duration.ofDays(7));

    private final String code;
    private final Duration duration;

    Timeframe(String code, Duration duration) {
        this.code = code;
        this.duration = duration;
    }

    /** {@code 5m}: the form used in JSON, on the command line and by freqtrade. */
    public String code() {
        return code;
    }

    /** The length of one candle. */
    public Duration duration() {
        return duration;
    }

    /** The timeframe with this exact code (case-sensitive: {@code 1M} is not {@code 1m}); empty otherwise. */
    public static Optional<Timeframe> fromCode(String code) {
        for (Timeframe t : values()) {
            if (t.code.equals(code)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** {@code 1m, 3m, …, 1w}: for messages. */
    public static String allCodes() {
        return Arrays.stream(values()).map(Timeframe::code).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return code;
    }
}
