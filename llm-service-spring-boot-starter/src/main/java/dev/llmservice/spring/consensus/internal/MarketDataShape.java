package dev.llmservice.spring.consensus.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.json.Json;
import dev.llmservice.spring.consensus.InvalidMarketDataException;
import dev.llmservice.spring.consensus.InvalidMarketDataException.InputProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The structural checks of issue 3's market-data JSON, enough for the interim consensus service to reject
 * bad requests with every invalid field named. The consensus engine's own parser replaces this when it is
 * wired (it also checks dates, sizes and computes indicators).
 */
final class MarketDataShape {

    static final Set<String> TIMEFRAMES =
            Set.of("1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w");
    private static final Pattern PAIR = Pattern.compile("[A-Z0-9]+/[A-Z0-9]+(:[A-Z0-9]+)?");
    private static final List<String> COLUMNS = List.of("date", "open", "high", "low", "close", "volume");
    /** Stops a huge bad file from producing a huge answer. */
    private static final int MAX_PROBLEMS = 20;

    private MarketDataShape() {
    }

    /** The parsed document. @throws InvalidMarketDataException naming every problem found */
    static JsonNode check(String json) {
        List<InputProblem> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = json == null || json.isBlank() ? null : Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidMarketDataException(List.of(new InputProblem("body", "is not valid JSON" + where, null)));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidMarketDataException(List.of(new InputProblem("body",
                    "must be a JSON object with pair, timeframe and candles", null)));
        }
        JsonNode pair = root.get("pair");
        if (pair == null || pair.isNull()) {
            problems.add(new InputProblem("pair", "is required, e.g. BTC/USDT or BTC/USDT:USDT", null));
        } else if (!pair.isTextual() || !PAIR.matcher(pair.asText()).matches()) {
            problems.add(new InputProblem("pair", "must look like BTC/USDT or BTC/USDT:USDT", shorten(pair)));
        }
        JsonNode timeframe = root.get("timeframe");
        if (timeframe == null || timeframe.isNull()) {
            problems.add(new InputProblem("timeframe", "is required, one of " + sortedTimeframes(), null));
        } else if (!timeframe.isTextual() || !TIMEFRAMES.contains(timeframe.asText())) {
            problems.add(new InputProblem("timeframe", "must be one of " + sortedTimeframes(), shorten(timeframe)));
        }
        JsonNode candles = root.get("candles");
        if (candles == null || candles.isNull()) {
            problems.add(new InputProblem("candles", "is required: a non-empty array, oldest first", null));
        } else if (!candles.isArray() || candles.isEmpty()) {
            problems.add(new InputProblem("candles", "must be a non-empty array, oldest first", shorten(candles)));
        } else {
            for (int i = 0; i < candles.size() && problems.size() < MAX_PROBLEMS; i++) {
                checkCandle(candles.get(i), "candles[" + i + "]", problems);
            }
        }
        JsonNode indicators = root.get("indicators");
        if (indicators != null && !indicators.isNull() && !indicators.isObject()) {
            problems.add(new InputProblem("indicators", "must be an object when given", shorten(indicators)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidMarketDataException(problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS)));
        }
        return root;
    }

    private static void checkCandle(JsonNode candle, String path, List<InputProblem> problems) {
        double[] values = new double[COLUMNS.size()];
        if (candle.isArray()) {
            if (candle.size() != COLUMNS.size()) {
                problems.add(new InputProblem(path, "must be [epoch_ms, open, high, low, close, volume]", shorten(candle)));
                return;
            }
            for (int c = 0; c < COLUMNS.size(); c++) {
                if (!number(candle.get(c), path + "[" + c + "]", problems, values, c)) {
                    return;
                }
            }
        } else if (candle.isObject()) {
            boolean ok = true;
            JsonNode date = candle.get("date");
            if (date == null || !(date.isTextual() || date.isIntegralNumber())) {
                problems.add(new InputProblem(path + ".date", "is required: ISO-8601 UTC text or epoch milliseconds",
                        shorten(date)));
                ok = false;
            }
            for (int c = 1; c < COLUMNS.size(); c++) {
                ok &= number(candle.get(COLUMNS.get(c)), path + "." + COLUMNS.get(c), problems, values, c);
            }
            if (!ok) {
                return;
            }
        } else {
            problems.add(new InputProblem(path, "must be an object {date, open, high, low, close, volume} or an array",
                    shorten(candle)));
            return;
        }
        if (values[2] < values[3]) {
            problems.add(new InputProblem(path + ".high", "must not be below low (" + values[3] + ")",
                    String.valueOf(values[2])));
        }
        if (values[5] < 0) {
            problems.add(new InputProblem(path + ".volume", "must not be negative", String.valueOf(values[5])));
        }
    }

    private static boolean number(JsonNode node, String path, List<InputProblem> problems, double[] into, int index) {
        if (node == null || !node.isNumber() || !Double.isFinite(node.asDouble())) {
            problems.add(new InputProblem(path, "must be a finite number", shorten(node)));
            return false;
        }
        into[index] = node.asDouble();
        return true;
    }

    private static String shorten(JsonNode node) {
        if (node == null) {
            return null;
        }
        String text = node.isTextual() ? node.asText() : node.toString();
        return text.length() <= 40 ? text : text.substring(0, 40) + "\u2026";
    }

    private static String sortedTimeframes() {
        return "1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w";
    }
}
