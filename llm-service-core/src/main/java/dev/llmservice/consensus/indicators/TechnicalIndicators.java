package dev.llmservice.consensus.indicators;

import java.util.Arrays;

/**
 * The standard indicators, computed locally over price series, in the conventions of TA-Lib (which freqtrade
 * strategies use), so that the numbers match what a trader sees in their own charts:
 * <ul>
 *   <li><b>EMA n</b>: {@code α = 2/(n+1)}, seeded with the simple mean of the first {@code n} values; the first
 *       value is at index {@code n−1}.</li>
 *   <li><b>RSI n</b> (Wilder): gains and losses of the close-to-close changes; the first averages are simple
 *       means of the first {@code n} changes, then {@code avg = (avg·(n−1) + x)/n}; {@code RSI = 100 − 100/(1+RS)}.
 *       The first value is at index {@code n}. A series that never fell has RSI 100; one that never moved, 50.</li>
 *   <li><b>ATR n</b> (Wilder): true range {@code max(high−low, |high−prevClose|, |low−prevClose|)} from index 1;
 *       the first ATR, at index {@code n}, is the mean of the first {@code n} true ranges, then Wilder smoothing.</li>
 *   <li><b>MACD (fast, slow, signal)</b>: {@code EMA fast − EMA slow} from index {@code slow−1}; the signal line
 *       is the EMA of that line (seeded on its first {@code signal} values), first at index
 *       {@code slow+signal−2}; the histogram is line − signal.</li>
 * </ul>
 * Own code rather than a library: these are a few dozen lines of well-known arithmetic, they run in
 * microseconds on plain arrays, and they add no dependency. Every function returns an array as long as its
 * input with {@link Double#NaN} where the indicator has no value yet.
 */
public final class TechnicalIndicators {

    private TechnicalIndicators() {
    }

    /** The exponential moving average of {@code values}, ignoring a leading run of NaN. */
    public static double[] ema(double[] values, int period) {
        requirePeriod(period);
        double[] out = nans(values.length);
        int start = 0;
        while (start < values.length && Double.isNaN(values[start])) {
            start++;
        }
        int seedEnd = start + period - 1;
        if (seedEnd >= values.length) {
            return out;
        }
        double sum = 0;
        for (int i = start; i <= seedEnd; i++) {
            sum += values[i];
        }
        double alpha = 2.0 / (period + 1);
        double ema = sum / period;
        out[seedEnd] = ema;
        for (int i = seedEnd + 1; i < values.length; i++) {
            ema = alpha * values[i] + (1 - alpha) * ema;
            out[i] = ema;
        }
        return out;
    }

    /** Wilder's relative strength index of the closes, 0 to 100. */
    public static double[] rsi(double[] closes, int period) {
        requirePeriod(period);
        double[] out = nans(closes.length);
        if (closes.length <= period) {
            return out;
        }
        double gain = 0;
        double loss = 0;
        for (int i = 1; i <= period; i++) {
            double change = closes[i] - closes[i - 1];
            gain += Math.max(change, 0);
            loss += Math.max(-change, 0);
        }
        gain /= period;
        loss /= period;
        out[period] = rsi(gain, loss);
        for (int i = period + 1; i < closes.length; i++) {
            double change = closes[i] - closes[i - 1];
            gain = (gain * (period - 1) + Math.max(change, 0)) / period;
            loss = (loss * (period - 1) + Math.max(-change, 0)) / period;
            out[i] = rsi(gain, loss);
        }
        return out;
    }

    private static double rsi(double avgGain, double avgLoss) {
        if (avgLoss == 0) {
            return avgGain == 0 ? 50 : 100;
        }
        return 100 - 100 / (1 + avgGain / avgLoss);
    }

    /** Wilder's average true range, in price units. */
    public static double[] atr(double[] highs, double[] lows, double[] closes, int period) {
        requirePeriod(period);
        int n = closes.length;
        if (highs.length != n || lows.length != n) {
            throw new IllegalArgumentException("highs, lows and closes must have the same length, but were "
                    + highs.length + ", " + lows.length + " and " + n);
        }
        double[] out = nans(n);
        if (n <= period) {
            return out;
        }
        double atr = 0;
        for (int i = 1; i <= period; i++) {
            atr += trueRange(highs[i], lows[i], closes[i - 1]);
        }
        atr /= period;
        out[period] = atr;
        for (int i = period + 1; i < n; i++) {
            atr = (atr * (period - 1) + trueRange(highs[i], lows[i], closes[i - 1])) / period;
            out[i] = atr;
        }
        return out;
    }

    static double trueRange(double high, double low, double previousClose) {
        return Math.max(high - low, Math.max(Math.abs(high - previousClose), Math.abs(low - previousClose)));
    }

    /** MACD line, signal line and histogram. */
    public static Macd macd(double[] closes, int fast, int slow, int signal) {
        if (fast >= slow) {
            throw new IllegalArgumentException("fast must be shorter than slow, but were " + fast + " and " + slow);
        }
        double[] emaFast = ema(closes, fast);
        double[] emaSlow = ema(closes, slow);
        double[] line = new double[closes.length];
        for (int i = 0; i < closes.length; i++) {
            line[i] = emaFast[i] - emaSlow[i];
        }
        double[] signalLine = ema(line, signal);
        double[] histogram = new double[closes.length];
        for (int i = 0; i < closes.length; i++) {
            histogram[i] = line[i] - signalLine[i];
        }
        return new Macd(line, signalLine, histogram);
    }

    /** The three MACD series, each as long as the input. */
    public record Macd(double[] line, double[] signal, double[] histogram) {
    }

    /** The percentage change of the last value over the one {@code back} places earlier; NaN when too short. */
    public static double percentChange(double[] values, int back) {
        if (back < 1) {
            throw new IllegalArgumentException("back must be at least 1, but was " + back);
        }
        int last = values.length - 1;
        if (last - back < 0 || values[last - back] == 0) {
            return Double.NaN;
        }
        return (values[last] / values[last - back] - 1) * 100;
    }

    private static void requirePeriod(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be at least 1, but was " + period);
        }
    }

    private static double[] nans(int n) {
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        return out;
    }
}
