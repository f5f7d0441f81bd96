package dev.llmservice.consensus.marketdata;

import dev.llmservice.config.Environment;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarketDataLimitsTest {

    @Test
    void unsetOrBlankVariablesKeepTheDocumentedDefaults() {
        assertThat(MarketDataLimits.fromEnvironment(Environment.of(Map.of("LLM_MAX_CANDLES", " "))))
                .isEqualTo(MarketDataLimits.DEFAULTS)
                .isEqualTo(new MarketDataLimits(5_000, 50, 256));
    }

    @Test
    void variablesSetTheLimits() {
        assertThat(MarketDataLimits.fromEnvironment(Environment.of(Map.of(
                "LLM_MAX_CANDLES", "20000", "LLM_MAX_INDICATORS", "0", "LLM_MAX_INDICATOR_LENGTH", " 1000 "))))
                .isEqualTo(new MarketDataLimits(20_000, 0, 1_000));
    }

    @Test
    void everyInvalidVariableIsNamedWithItsValueAndRange() {
        assertThatThrownBy(() -> MarketDataLimits.fromEnvironment(Environment.of(Map.of(
                "LLM_MAX_CANDLES", "49", "LLM_MAX_INDICATORS", "lots", "LLM_MAX_INDICATOR_LENGTH", "0"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LLM_MAX_CANDLES was '49' but it must be a whole number from 50 to 1000000; "
                        + "LLM_MAX_INDICATORS was 'lots' but it must be a whole number from 0 to 1000; "
                        + "LLM_MAX_INDICATOR_LENGTH was '0' but it must be a whole number from 1 to 100000");
    }

    @Test
    void limitsBuiltInCodeAreCheckedToo() {
        assertThatThrownBy(() -> new MarketDataLimits(10, 50, 256))
                .hasMessage("maxCandles was '10' but it must be a whole number from 50 to 1000000");
    }
}
