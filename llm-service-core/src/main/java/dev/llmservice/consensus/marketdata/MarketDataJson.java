package dev.llmservice.consensus.marketdata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmservice.json.Json;

import java.io.UncheckedIOException;

/**
 * Writes {@link MarketData} in the documented JSON format, the one {@link MarketDataParser} reads and a server's
 * {@code POST /api/v1/consensus} accepts: {@code pair}, {@code timeframe}, {@code candles} as
 * {@code {date, open, high, low, close, volume}} objects (dates ISO-8601 UTC), and {@code indicators} when there
 * are any. Whatever the data was read from (CSV, freqtrade's arrays, a bare array plus a pair and timeframe
 * given separately), {@code MarketDataParser.parseJson(toJson(data), null, null)} equals {@code data}.
 */
public final class MarketDataJson {

    private MarketDataJson() {
    }

    public static ObjectNode toNode(MarketData data) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("pair", data.pair());
        o.put("timeframe", data.timeframe().code());
        ArrayNode candles = o.putArray("candles");
        for (Candle c : data.candles()) {
            ObjectNode candle = candles.addObject();
            candle.put("date", c.date().toString());
            candle.put("open", c.open());
            candle.put("high", c.high());
            candle.put("low", c.low());
            candle.put("close", c.close());
            candle.put("volume", c.volume());
        }
        if (!data.indicators().isEmpty()) {
            o.set("indicators", Json.mapper().valueToTree(data.indicators()));
        }
        return o;
    }

    /** The data as compact JSON. */
    public static String toJson(MarketData data) {
        try {
            return Json.mapper().writeValueAsString(toNode(data));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
