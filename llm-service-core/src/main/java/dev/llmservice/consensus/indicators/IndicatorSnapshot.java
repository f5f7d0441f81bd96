package dev.llmservice.consensus.indicators;

import dev.llmservice.consensus.marketdata.Candle;

import java.util.List;

/**
 * The latest value of each indicator the consensus prompt shows, computed from the candles by
 * {@link TechnicalIndicators}. A value is NaN when there are too few candles for it
 * ({@link #LOOKBACK} candles are enough for all).
 *
 * @param rsi14           RSI 14, 0 to 100
 * @param ema20           EMA 20 of the closes
 * @param ema50           EMA 50 of the closes
 * @param macd            MACD line (12, 26)
 * @param macdSignal      MACD signal line (9)
 * @param macdHistogram   MACD line − signal
 * @param atr14           ATR 14, price units
 * @param changeLastPct   % change of the last close over the previous one
 * @param changeRecentPct % change of the last close over the close {@link #RECENT_CANDLES} candles earlier
 */
public record IndicatorSnapshot(
        double rsi14, double ema20, double ema50, double macd, double macdSignal, double macdHistogram,
        double atr14, double changeLastPct, double changeRecentPct) {

    public static final int RSI_PERIOD = 14;
    public static final int EMA_FAST = 20;
    public static final int EMA_SLOW = 50;
    public static final int MACD_FAST = 12;
    public static final int MACD_SLOW = 26;
    public static final int MACD_SIGNAL = 9;
    public static final int ATR_PERIOD = 14;
    /** The window of the recent change, in candles. */
    public static final int RECENT_CANDLES = 20;
    /** Candles needed for every value to exist: EMA 50's. */
    public static final int LOOKBACK = Math.max(EMA_SLOW,
            Math.max(MACD_SLOW + MACD_SIGNAL - 1, Math.max(RSI_PERIOD + 1, Math.max(ATR_PERIOD + 1, RECENT_CANDLES + 1))));

    /** Computes every indicator over {@code candles}, oldest first. */
    public static IndicatorSnapshot of(List<Candle> candles) {
        int n = candles.size();
        double[] high = new double[n];
        double[] low = new double[n];
        double[] close = new double[n];
        for (int i = 0; i < n; i++) {
            Candle c = candles.get(i);
            high[i] = c.high();
            low[i] = c.low();
            close[i] = c.close();
        }
        TechnicalIndicators.Macd macd = TechnicalIndicators.macd(close, MACD_FAST, MACD_SLOW, MACD_SIGNAL);
        return new IndicatorSnapshot(
                last(TechnicalIndicators.rsi(close, RSI_PERIOD)),
                last(TechnicalIndicators.ema(close, EMA_FAST)),
                last(TechnicalIndicators.ema(close, EMA_SLOW)),
                last(macd.line()),
                last(macd.signal()),
                last(macd.histogram()),
                last(TechnicalIndicators.atr(high, low, close, ATR_PERIOD)),
                TechnicalIndicators.percentChange(close, 1),
                TechnicalIndicators.percentChange(close, RECENT_CANDLES));
    }

    private static double last(double[] series) {
        return series.length == 0 ? Double.NaN : series[series.length - 1];
    }
}
