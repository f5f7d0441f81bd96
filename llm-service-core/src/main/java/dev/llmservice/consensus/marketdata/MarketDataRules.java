package dev.llmservice.consensus.marketdata;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks every market data set passes before any provider is called, and their limits in one place.
 * Each check adds a {@link MarketDataProblem} naming the field, the row and the value; none stops at the first.
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
        return count >= MIN_CANDLES
                ? List.of()
                : List.of(new MarketDataProblem("candles", null, count + " candles",
                        "at least " + MIN_CANDLES + " candles (EMA 50 needs 50)"));
    }

    /**
     * The problems within one candle and against the previous one (which may be {@code null}: the first row,
     * or a previous row too broken to compare with).
     *
     * @param row          the candle's row number, from 1
     * @param previousRow  the previous candle's row number, when {@code previous} is not {@code null}
     */
    public static List<MarketDataProblem> checkCandle(int row, Candle candle, int previousRow, Candle previous) {
        List<MarketDataProblem> problems = new ArrayList<>(0);
        boolean finite = true;
        finite &= checkFinite("open", row, candle.open(), problems);
        finite &= checkFinite("high", row, candle.high(), problems);
        finite &= checkFinite("low", row, candle.low(), problems);
        finite &= checkFinite("close", row, candle.close(), problems);
        finite &= checkFinite("volume", row, candle.volume(), problems);
        if (previous != null && !candle.date().isAfter(previous.date())) {
            problems.add(new MarketDataProblem("date", row, candle.date().toString(),
                    "later than row " + previousRow + " (" + previous.date() + ")"));
        }
        if (!finite) {
            return problems;
        }
        if (candle.high() < candle.low()) {
            problems.add(new MarketDataProblem("high", row, format(candle.high()),
                    "at least low (" + format(candle.low()) + ")"));
        } else {
            if (candle.open() < candle.low() || candle.open() > candle.high()) {
                problems.add(new MarketDataProblem("open", row, format(candle.open()), range(candle)));
            }
            if (candle.close() < candle.low() || candle.close() > candle.high()) {
                problems.add(new MarketDataProblem("close", row, format(candle.close()), range(candle)));
            }
        }
        if (candle.volume() < 0) {
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
