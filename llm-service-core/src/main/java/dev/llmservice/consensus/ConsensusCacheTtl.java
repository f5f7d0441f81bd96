package dev.llmservice.consensus;

import dev.llmservice.config.ConfigProblem;
import dev.llmservice.config.Environment;
import dev.llmservice.consensus.marketdata.Timeframe;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code LLM_CONSENSUS_CACHE_TTL}: how long the result of a consensus is given again to identical requests (see
 * {@code dev.llmservice.operations.LocalConsensus}). Unset: until the next candle of the request's timeframe opens (the candle grid of the
 * market data: one timeframe after its newest candle, and every timeframe from there); {@code 0}: off, every request
 * asks the providers; a number of seconds: that long after the result.
 *
 * @param fixed the time a result is kept, {@link Duration#ZERO} for off, or {@code null} for until the next candle
 */
public record ConsensusCacheTtl(Duration fixed) {

    public static final String VARIABLE = "LLM_CONSENSUS_CACHE_TTL";
    /** The longest accepted: 31 days. Declared before the constants below: the constructor checks against it. */
    public static final Duration MAX = Duration.ofDays(31);
    /** The default: until the next candle opens. */
    public static final ConsensusCacheTtl UNTIL_NEXT_CANDLE = new ConsensusCacheTtl(null);
    /** {@code LLM_CONSENSUS_CACHE_TTL=0}. */
    public static final ConsensusCacheTtl OFF = new ConsensusCacheTtl(Duration.ZERO);
    /** What the variable accepts, in the words of its problem message. */
    public static final String ACCEPTED = "a number of seconds from 0 to " + MAX.toSeconds()
            + " (0: off; unset: until the next candle of the timeframe opens)";

    private static final Pattern SECONDS = Pattern.compile("\\d+(\\.\\d{1,3})?");

    public ConsensusCacheTtl {
        if (fixed != null && (fixed.isNegative() || fixed.compareTo(MAX) > 0)) {
            throw new IllegalArgumentException("fixed must be from 0 to " + MAX + ", but was " + fixed);
        }
    }

    /**
     * The TTL {@code env} sets; {@code problems} gets one naming the variable and the value when it is invalid (then
     * {@code null} is returned).
     */
    public static ConsensusCacheTtl load(Environment env, List<ConfigProblem> problems) {
        String raw = env.get(VARIABLE);
        if (raw == null || raw.isBlank()) {
            return UNTIL_NEXT_CANDLE;
        }
        String value = raw.strip();
        if (SECONDS.matcher(value).matches()) {
            BigDecimal seconds = new BigDecimal(value);
            if (seconds.compareTo(BigDecimal.valueOf(MAX.toSeconds())) <= 0) {
                return new ConsensusCacheTtl(Duration.ofMillis(seconds.movePointRight(3).longValueExact()));
            }
        }
        problems.add(new ConfigProblem(VARIABLE, value, ACCEPTED));
        return null;
    }

    public boolean isOff() {
        return Duration.ZERO.equals(fixed);
    }

    /**
     * Until when a result made {@code now} for market data whose newest candle opened at {@code lastCandle} is given
     * again: {@code now} plus the fixed time, or the first open of a candle of {@code timeframe} after {@code now}.
     */
    public Instant keepUntil(Instant now, Instant lastCandle, Timeframe timeframe) {
        if (fixed != null) {
            return now.plus(fixed);
        }
        long step = timeframe.duration().toMillis();
        long next = lastCandle.toEpochMilli() + step;
        long nowMs = now.toEpochMilli();
        if (next <= nowMs) {
            next += ((nowMs - next) / step + 1) * step;
        }
        return Instant.ofEpochMilli(next);
    }

    /** For people: {@code off}, {@code 300 s} or {@code until the next candle}. */
    public String describe() {
        return fixed == null ? "until the next candle" : isOff() ? "off" : fixed.toMillis() / 1000.0 + " s";
    }
}
