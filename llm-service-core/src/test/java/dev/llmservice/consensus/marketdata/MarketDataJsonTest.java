package dev.llmservice.consensus.marketdata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.testing.TestMarketData;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MarketDataJsonTest {

    @Test
    void csvReadsBackFromItsJsonAsTheSameData() {
        MarketData fromCsv = MarketDataParser.parse(TestMarketData.csv(60), "ETH/USDT:USDT", "1h");

        MarketData back = MarketDataParser.parseJson(MarketDataJson.toJson(fromCsv), null, null);

        assertThat(back).isEqualTo(fromCsv);
        assertThat(back.pair()).isEqualTo("ETH/USDT:USDT");
        assertThat(back.timeframe()).isEqualTo(Timeframe.H1);
    }

    @Test
    void freqtradeArraysIndicatorsAndOddNumbersSurviveTheRoundTrip() {
        List<Candle> candles = new java.util.ArrayList<>(TestMarketData.candles(55));
        candles.set(54, new Candle(Instant.parse("2024-05-01T16:30:00.123Z"), 1.0E-7, 3.0000000000000004, 1.0E-7,
                0.1 + 0.2, 12345678901234.5));
        MarketData data = new MarketData("PEPE/USDT", Timeframe.M5, candles,
                java.util.Map.of("funding_rate", 0.0001, "regime", "range", "obv", List.of(1.0, 2.5)));

        MarketData back = MarketDataParser.parseJson(MarketDataJson.toJson(data), null, null);

        assertThat(back).isEqualTo(data);
    }

    @Test
    void writesTheDocumentedObjectFormWithIsoDates() {
        JsonNode json = MarketDataJson.toNode(TestMarketData.marketData(50));

        assertThat(json.get("pair").asText()).isEqualTo("BTC/USDT");
        assertThat(json.get("timeframe").asText()).isEqualTo("5m");
        assertThat(json.get("candles")).hasSize(50);
        assertThat(json.at("/candles/0/date").asText()).isEqualTo("2024-05-01T12:00:00Z");
        assertThat(json.has("indicators")).isFalse();
    }
}
