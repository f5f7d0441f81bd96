package dev.llmservice.consensus.marketdata;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks every market data set passes before any provider is called, and their limits in one place.
 * Each check adds a {@link MarketDataProblem} naming the field, the row and the value; none stops at the first.
 *
 * <p>Two kinds: what makes data real, which {@link MarketData}'s constructor applies to data built in code too
 * (a well-formed pair, a known timeframe, at least {@value #MIN_CANDLES} candles, prices above 0, high &ge; low,
 * dates from {@link #MIN_DATE} on and increasing), and what {@link MarketDataParser} also applies to input
 * (the {@link MarketDataLimits}, and no date later than one timeframe after now, on the parser's clock).
 */
public final class MarketDataRules {

    /**
     * The fewest candles accepted: the longest look-back of the indicators in the prompt, EMA 50, which needs
     * 50 closes for its first value (MACD 12/26/9 needs 34, RSI 14 and ATR 14 need 15).
     */
    public static final int MIN_CANDLES = 50;

    /**
     * Epoch milliseconds below this (1973-03-03T09:46:40Z) are taken for epoch <em>seconds</em> given by mistake
     * and rejected rather than read as dates in the early 1970s.
     */
    public static final long MIN_EPOCH_MILLIS = 100_000_000_000L;

    /**
     * The earliest candle date accepted, 2009-01-01T00:00:00Z: no crypto market is older (Bitcoin's first block
     * is of 2009-01-03). A date before it is a unit or time-zone mistake, not history.
     */
    public static final Instant MIN_DATE = Instant.parse("2009-01-01T00:00:00Z");

    /** The longest pair accepted; real ones are under 25 characters ({@code 1000SHIB/USDT:USDT}). */
    public static final int MAX_PAIR_LENGTH = 64;

    /** The longest supplied indicator name. */
    public static final int MAX_INDICATOR_KEY_LENGTH = 64;

    /**
     * A supplied indicator's name: a letter or {@code _}, then letters, digits, {@code _ . -}, at most
     * {@value #MAX_INDICATOR_KEY_LENGTH} characters in all (freqtrade's column names: {@code funding_rate},
     * {@code bb_upperband}). Nothing else, so a name can hold no line break, quote or instruction text.
     */
    public static final Pattern INDICATOR_KEY =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0," + (MAX_INDICATOR_KEY_LENGTH - 1) + "}");

    static final String INDICATOR_KEY_EXPECTED = "a name of 1 to " + MAX_INDICATOR_KEY_LENGTH
            + " letters, digits, '_', '.' or '-' starting with a letter or '_' (e.g. funding_rate)";

    private static final String SYMBOL = "[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*";
    /** {@code BASE/QUOTE}, or for futures {@code BASE/QUOTE:SETTLE}, as freqtrade writes pairs. */
    public static final Pattern PAIR = Pattern.compile(SYMBOL + "/" + SYMBOL + "(?::" + SYMBOL + ")?");

    static final String PAIR_EXPECTED = "BASE/QUOTE or, for futures, BASE/QUOTE:SETTLE (e.g. BTC/USDT or BTC/USDT:USDT)";
    static final String FINITE = "a finite number";

    private MarketDataRules() {
    }

    /** The problems with a pair, or none. {@code null} is missing. */
    public static List<MarketDataProblem> checkPair(String pair) {
        if (pair == null) {
            return List.of(new MarketDataProblem("pair", null, MarketDataProblem.MISSING, PAIR_EXPECTED));
        }
        if (pair.length() > MAX_PAIR_LENGTH) {
            return List.of(new MarketDataProblem("pair", null, pair, "at most " + MAX_PAIR_LENGTH + " characters: "
                    + PAIR_EXPECTED));
        }
        return PAIR.matcher(pair).matches()
                ? List.of()
                : List.of(new MarketDataProblem("pair", null, pair, PAIR_EXPECTED));
    }

    /** The problems with a timeframe code, or none. {@code null} is missing. */
    public static List<MarketDataProblem> checkTimeframe(String code) {
        if (code == null) {
            return List.of(new MarketDataProblem("timeframe", null, MarketDataProblem.MISSING,
                    "one of " + Timeframe.allCodes()));
        }
        return Timeframe.fromCode(code).isPresent()
                ? List.of()
                : List.of(new MarketDataProblem("timeframe", null, code, "one of " + Timeframe.allCodes()));
    }

    /** The problem with the number of candles, or none. */
    public static List<MarketDataProblem> checkCount(int count) {
        return checkCount(count, Integer.MAX_VALUE);
    }

    /** The problem with the number of candles, at most {@code max} ({@link MarketDataLimits#maxCandles()}), or none. */
    public static List<MarketDataProblem> checkCount(int count, int max) {
        if (count < MIN_CANDLES) {
            return List.of(new MarketDataProblem("candles", null, count + " candles",
                    "at least " + MIN_CANDLES + " candles (EMA 50 needs 50)"));
        }
        return count <= max
                ? List.of()
                : List.of(new MarketDataProblem("candles", null, count + " candles", "at most " + max
                        + " candles (the limit set by " + MarketDataLimits.MAX_CANDLES_VARIABLE + ")"));
    }

    /** The problem with the number of supplied indicators, or none. */
    public static List<MarketDataProblem> checkIndicatorCount(int count, MarketDataLimits limits) {
        return count <= limits.maxIndicators()
                ? List.of()
                : List.of(new MarketDataProblem("indicators", null, count + " entries", "at most "
                        + limits.maxIndicators() + " entries (the limit set by "
                        + MarketDataLimits.MAX_INDICATORS_VARIABLE + ")"));
    }

    /** The problem with a supplied indicator's name, or none. */
    public static List<MarketDataProblem> checkIndicatorKey(String key) {
        return INDICATOR_KEY.matcher(key).matches()
                ? List.of()
                : List.of(new MarketDataProblem("indicators", null, key, INDICATOR_KEY_EXPECTED));
    }

    /**
     * The problem with the length of a supplied indicator's value (with a valid name), or none.
     *
     * @param length characters of a text, numbers of a list
     */
    public static List<MarketDataProblem> checkIndicatorLength(String key, String shown, int length, boolean text,
                                                               MarketDataLimits limits) {
        return length <= limits.maxIndicatorLength()
                ? List.of()
                : List.of(new MarketDataProblem("indicators." + key, null, shown, (text
                        ? "text of at most " + limits.maxIndicatorLength() + " characters"
                        : "a list of at most " + limits.maxIndicatorLength() + " numbers")
                        + " (the limit set by " + MarketDataLimits.MAX_INDICATOR_LENGTH_VARIABLE + ")"));
    }

    /**
     * The problems within one candle and against the previous one (which may be {@code null}: the first row,
     * or a previous row too broken to compare with), with no latest date.
     *
     * @param row          the candle's row number, from 1
     * @param previousRow  the previous candle's row number, when {@code previous} is not {@code null}
     */
    public static List<MarketDataProblem> checkCandle(int row, Candle candle, int previousRow, Candle previous) {
        return checkCandle(row, candle, previousRow, previous, null);
    }

    /**
     * The problems within one candle and against the previous one, as {@link #checkCandle(int, Candle, int,
     * Candle)}, with the candle's date also at most {@code latest}.
     *
     * @param latest the latest date accepted (one timeframe after now), or {@code null} for no upper bound
     */
    public static List<MarketDataProblem> checkCandle(int row, Candle candle, int previousRow, Candle previous,
                                                      Instant latest) {
        List<MarketDataProblem> problems = new ArrayList<>(0);
        // Non-short-circuit &: every field is checked, and the prices are compared only when all are usable.
        boolean prices = checkPrice("open", row, candle.open(), problems)
                & checkPrice("high", row, candle.high(), problems)
                & checkPrice("low", row, candle.low(), problems)
                & checkPrice("close", row, candle.close(), problems);
        boolean volume = checkFinite("volume", row, candle.volume(), problems);
        if (candle.date().isBefore(MIN_DATE) || latest != null && candle.date().isAfter(latest)) {
            problems.add(new MarketDataProblem("date", row, candle.date().toString(), latest == null
                    ? "from " + MIN_DATE + " on"
                    : "from " + MIN_DATE + " to " + latest + " (one timeframe after now)"));
        } else if (previous != null && !candle.date().isAfter(previous.date())) {
            problems.add(new MarketDataProblem("date", row, candle.date().toString(),
                    "later than row " + previousRow + " (" + previous.date() + ")"));
        }
        if (prices && candle.high() < candle.low()) {
            problems.add(new MarketDataProblem("high", row, format(candle.high()),
                    "at least low (" + format(candle.low()) + ")"));
        } else if (prices) {
            if (candle.open() < candle.low() || candle.open() > candle.high()) {
                problems.add(new MarketDataProblem("open", row, format(candle.open()), range(candle)));
            }
            if (candle.close() < candle.low() || candle.close() > candle.high()) {
                problems.add(new MarketDataProblem("close", row, format(candle.close()), range(candle)));
            }
        }
        if (volume && candle.volume() < 0) {
            problems.add(new MarketDataProblem("volume", row, format(candle.volume()), "at least 0"));
        }
        return problems;
    }

    /** Every problem of a complete data set, for data built in code rather than parsed. */
    public static List<MarketDataProblem> check(String pair, String timeframe, List<Candle> candles) {
        List<MarketDataProblem> problems = new ArrayList<>();
        problems.addAll(checkPair(pair));
        problems.addAll(checkTimeframe(timeframe));
        problems.addAll(checkCount(candles.size()));
        Candle previous = null;
        for (int i = 0; i < candles.size(); i++) {
            Candle c = candles.get(i);
            problems.addAll(checkCandle(i + 1, c, i, previous));
            previous = c;
        }
        return problems;
    }

    private static String range(Candle candle) {
        return "from low to high (" + format(candle.low()) + " to " + format(candle.high()) + ")";
    }

    /** Finite and above 0; {@code false} when the value cannot be compared with the others. */
    private static boolean checkPrice(String field, int row, double value, List<MarketDataProblem> problems) {
        if (!checkFinite(field, row, value, problems)) {
            return false;
        }
        if (value > 0) {
            return true;
        }
        problems.add(new MarketDataProblem(field, row, format(value), "greater than 0"));
        return false;
    }

    private static boolean checkFinite(String field, int row, double value, List<MarketDataProblem> problems) {
        if (Double.isFinite(value)) {
            return true;
        }
        problems.add(new MarketDataProblem(field, row, Double.toString(value), FINITE));
        return false;
    }

    /** {@code 100} for 100.0, {@code 0.00001} for 1e-5: a number as a person would write it. */
    static String format(double value) {
        return Double.isFinite(value)
                ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
                : Double.toString(value);
    }
}
