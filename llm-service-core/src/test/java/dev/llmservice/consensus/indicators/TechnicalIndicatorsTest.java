package dev.llmservice.consensus.indicators;

import dev.llmservice.testing.TestMarketData;
import dev.llmservice.consensus.marketdata.MarketDataRules;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TechnicalIndicatorsTest {

    /** StockCharts' RSI example ("cs-rsi"), with its published 14-day RSI values from the 15th close on. */
    private static final double[] RSI_CLOSES = {44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.10, 45.42, 45.84, 46.08,
            45.89, 46.03, 45.61, 46.28, 46.28, 46.00, 46.03, 46.41, 46.22, 45.64, 46.21, 46.25, 45.71, 46.45, 45.78,
            45.35, 44.03, 44.18, 44.22, 44.57, 43.42, 42.66, 43.13};
    private static final double[] RSI_EXPECTED = {70.46, 66.25, 66.48, 69.35, 66.29, 57.92, 62.88, 63.21, 56.01,
            62.34, 54.67, 50.39, 40.02, 41.49, 41.90, 45.50, 37.32, 33.09, 37.79};

    /** StockCharts' EMA example ("cs-ema"), with its published 10-day EMA from the 10th close on. */
    private static final double[] EMA_CLOSES = {22.27, 22.19, 22.08, 22.17, 22.18, 22.13, 22.23, 22.43, 22.24, 22.29,
            22.15, 22.39, 22.38, 22.61, 23.36, 24.05, 23.75, 23.83, 23.95, 23.63, 23.82, 23.87, 23.65, 23.19, 23.10,
            23.33, 22.68, 23.10, 22.40, 22.17};
    private static final double[] EMA_EXPECTED = {22.22, 22.21, 22.24, 22.27, 22.33, 22.52, 22.80, 22.97, 23.13,
            23.28, 23.34, 23.43, 23.51, 23.53, 23.47, 23.40, 23.39, 23.26, 23.23, 23.08, 22.92};

    @Test
    void rsiMatchesThePublishedWilderExample() {
        double[] rsi = TechnicalIndicators.rsi(RSI_CLOSES, 14);
        assertThat(Arrays.copyOfRange(rsi, 0, 14)).containsOnly(Double.NaN);
        for (int i = 0; i < RSI_EXPECTED.length; i++) {
            assertThat(rsi[14 + i]).as("RSI at index " + (14 + i)).isCloseTo(RSI_EXPECTED[i], within(0.006));
        }
    }

    @Test
    void rsiIsHundredForARiseZeroForAFallAndFiftyForAFlatLine() {
        double[] up = new double[20];
        double[] down = new double[20];
        double[] flat = new double[20];
        for (int i = 0; i < 20; i++) {
            up[i] = 100 + i;
            down[i] = 100 - i;
            flat[i] = 100;
        }
        assertThat(TechnicalIndicators.rsi(up, 14)[19]).isEqualTo(100);
        assertThat(TechnicalIndicators.rsi(down, 14)[19]).isEqualTo(0);
        assertThat(TechnicalIndicators.rsi(flat, 14)[19]).isEqualTo(50);
    }

    @Test
    void emaMatchesThePublishedExampleSeededWithTheSimpleMean() {
        double[] ema = TechnicalIndicators.ema(EMA_CLOSES, 10);
        assertThat(Arrays.copyOfRange(ema, 0, 9)).containsOnly(Double.NaN);
        for (int i = 0; i < EMA_EXPECTED.length; i++) {
            assertThat(ema[9 + i]).as("EMA at index " + (9 + i)).isCloseTo(EMA_EXPECTED[i], within(0.006));
        }
    }

    @Test
    void macdOfAStraightLineIsTheDifferenceOfTheEmaLags() {
        // EMA n of x_i = i lags by exactly (n - 1) / 2, so MACD(12, 26) = 12.5 - 5.5 = 7 and the signal is 7 too.
        double[] line = new double[60];
        for (int i = 0; i < line.length; i++) {
            line[i] = i;
        }
        TechnicalIndicators.Macd macd = TechnicalIndicators.macd(line, 12, 26, 9);
        assertThat(macd.line()[24]).isNaN();
        assertThat(macd.line()[25]).isCloseTo(7, within(1e-9));
        assertThat(macd.signal()[32]).isNaN();
        assertThat(macd.signal()[33]).isCloseTo(7, within(1e-9));
        assertThat(macd.histogram()[59]).isCloseTo(0, within(1e-9));
        assertThat(TechnicalIndicators.ema(line, 20)[59]).isCloseTo(59 - 9.5, within(1e-9));
    }

    @Test
    void atrFollowsWilderWithGapsInTheTrueRange() {
        double[] high = {10, 11, 12, 11.5, 14, 12};
        double[] low = {8, 9, 9.5, 10.5, 13, 11};
        double[] close = {9, 10, 11, 11, 13.5, 11.5};
        double[] atr = TechnicalIndicators.atr(high, low, close, 3);
        assertThat(Arrays.copyOfRange(atr, 0, 3)).containsOnly(Double.NaN);
        assertThat(atr[3]).isCloseTo(5.5 / 3, within(1e-12));            // (2 + 2.5 + 1) / 3
        assertThat(atr[4]).isCloseTo((5.5 / 3 * 2 + 3) / 3, within(1e-12)); // gap up: |14 - 11| = 3
        assertThat(atr[5]).isCloseTo(((5.5 / 3 * 2 + 3) / 3 * 2 + 2.5) / 3, within(1e-12)); // gap down: |11 - 13.5|
    }

    @Test
    void percentChangeLooksBackTheGivenNumberOfValues() {
        assertThat(TechnicalIndicators.percentChange(new double[] {100, 90, 110}, 1)).isCloseTo(22.2222, within(1e-4));
        assertThat(TechnicalIndicators.percentChange(new double[] {100, 90, 110}, 2)).isCloseTo(10, within(1e-9));
        assertThat(TechnicalIndicators.percentChange(new double[] {100}, 1)).isNaN();
    }

    @Test
    void theMinimumCandleCountCoversEveryIndicator() {
        assertThat(IndicatorSnapshot.LOOKBACK).isEqualTo(MarketDataRules.MIN_CANDLES);
        IndicatorSnapshot s = IndicatorSnapshot.of(TestMarketData.candles(MarketDataRules.MIN_CANDLES));
        assertThat(new double[] {s.rsi14(), s.ema20(), s.ema50(), s.macd(), s.macdSignal(), s.macdHistogram(),
                s.atr14(), s.changeLastPct(), s.changeRecentPct()}).doesNotContain(Double.NaN);
        assertThat(s.rsi14()).isBetween(0.0, 100.0);
        assertThat(s.atr14()).isPositive();
    }
}
