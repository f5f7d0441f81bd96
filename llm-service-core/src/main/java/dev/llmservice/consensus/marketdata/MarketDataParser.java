package dev.llmservice.consensus.marketdata;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.llmservice.config.Excerpt;
import dev.llmservice.json.Json;

import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads market data in the documented formats (see {@link MarketData}) and validates it, reporting every
 * problem at once in an {@link InvalidMarketDataException}.
 *
 * <p>The {@code pair} and {@code timeframe} arguments may be {@code null}. Given, they fill in what the data
 * lacks (CSV and bare candle arrays carry neither); when the JSON names them too, both must agree.
 *
 * <p>Besides {@link MarketDataRules}' checks, input must stay within {@link MarketDataLimits} (the most candles,
 * the most supplied indicators, the longest indicator value; indicator names of {@link
 * MarketDataRules#INDICATOR_KEY}), its dates must be no later than one timeframe after now on the given clock,
 * and a JSON document must end after its value. Each method without limits and clock uses
 * {@link MarketDataLimits#DEFAULTS} and the system clock. More candles than the limit are counted, not read.
 *
 * <p>Thread-safe and stateless.
 */
public final class MarketDataParser {

    /** The CSV header, compared ignoring case and spaces. */
    public static final String CSV_HEADER = "date,open,high,low,close,volume";

    // The fast double parser gives the same, correctly rounded values as Double.parseDouble at a fraction of the
    // cost; numbers are most of a market-data body (60 candles: 300 of them).
    private static final ObjectReader JSON = Json.mapper().reader()
            .with(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .with(StreamReadFeature.USE_FAST_DOUBLE_PARSER);
    private static final String[] FIELDS = {"date", "open", "high", "low", "close", "volume"};
    private static final String CANDLE_SHAPE =
            "an object {date, open, high, low, close, volume} or an array [epoch_ms, open, high, low, close, volume]";
    private static final String DATE_EXPECTED = "ISO-8601 in UTC (e.g. 2024-05-01T12:00:00Z) or epoch milliseconds";

    private MarketDataParser() {
    }

    /**
     * Reads JSON or CSV, telling them apart by the first character that is not white space (<code>&#123;</code> or
     * {@code [} is JSON).
     *
     * @throws InvalidMarketDataException listing every problem
     */
    public static MarketData parse(String text, String pair, String timeframe) {
        return parse(text, pair, timeframe, MarketDataLimits.DEFAULTS, Clock.systemUTC());
    }

    /**
     * Reads JSON or CSV as {@link #parse(String, String, String)} does, within {@code limits}, with dates up to
     * one timeframe after {@code clock}'s now.
     *
     * @throws InvalidMarketDataException listing every problem
     */
    public static MarketData parse(String text, String pair, String timeframe, MarketDataLimits limits, Clock clock) {
        Objects.requireNonNull(text, "text");
        String t = stripBom(text).stripLeading();
        return t.startsWith("{") || t.startsWith("[")
                ? parseJson(text, pair, timeframe, limits, clock)
                : parseCsv(text, pair, timeframe, limits, clock);
    }

    /**
     * Reads the JSON format: an object with {@code pair}, {@code timeframe}, {@code candles} and optional
     * {@code indicators}, or a bare array of candles.
     *
     * @throws InvalidMarketDataException listing every problem
     */
    public static MarketData parseJson(String json, String pair, String timeframe) {
        return parseJson(json, pair, timeframe, MarketDataLimits.DEFAULTS, Clock.systemUTC());
    }

    /**
     * Reads the JSON format within {@code limits}, with dates up to one timeframe after {@code clock}'s now.
     * Nothing but white space may follow the JSON value.
     *
     * @throws InvalidMarketDataException listing every problem
     */
    public static MarketData parseJson(String json, String pair, String timeframe, MarketDataLimits limits,
                                       Clock clock) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try (JsonParser parser = JSON.createParser(stripBom(json))) {
            root = JSON.readTree(parser);
            JsonLocation trailer = trailer(parser);
            if (trailer != null) {
                throw new InvalidMarketDataException(List.of(new MarketDataProblem("json", null, where(trailer),
                        "one JSON value with nothing after it")));
            }
        } catch (JsonProcessingException e) {
            throw new InvalidMarketDataException(List.of(new MarketDataProblem("json", null, where(e.getLocation()),
                    "well-formed JSON (" + shortJacksonMessage(e) + ")")));
        } catch (IOException e) {
            // A String source does no I/O; kept for the checked signature.
            throw new IllegalStateException(e);
        }
        return parseJson(root, pair, timeframe, limits, clock);
    }

    /**
     * Where something follows the JSON value, or {@code null} when nothing but white space does. Checked here
     * rather than with {@code DeserializationFeature.FAIL_ON_TRAILING_TOKENS}, which reports a trailing
     * <code>&#125;</code> as an unbalanced close marker: this way every trailer gets the same message.
     */
    private static JsonLocation trailer(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() == null ? null : parser.currentTokenLocation();
        } catch (JsonProcessingException e) {
            return e.getLocation() != null ? e.getLocation() : parser.currentLocation();
        }
    }

    private static String where(JsonLocation location) {
        return location == null ? "the input"
                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /**
     * Reads an already parsed JSON tree (for servers that bind the request body themselves).
     *
     * @throws InvalidMarketDataException listing every problem
     */
    public static MarketData parseJson(JsonNode root, String pair, String timeframe) {
        return parseJson(root, pair, timeframe, MarketDataLimits.DEFAULTS, Clock.systemUTC());
    }

    /**
     * Reads an already parsed JSON tree within {@code limits}, with dates up to one timeframe after
     * {@code clock}'s now.
     *
     * @throws InvalidMarketDataException listing every problem
     */
    public static MarketData parseJson(JsonNode root, String pair, String timeframe, MarketDataLimits limits,
                                       Clock clock) {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(clock, "clock");
        List<MarketDataProblem> problems = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new InvalidMarketDataException(List.of(new MarketDataProblem("json", null, MarketDataProblem.MISSING,
                    "an object with pair, timeframe and candles, or an array of candles")));
        }
        JsonNode candlesNode;
        Map<String, Object> indicators = new LinkedHashMap<>();
        if (root.isArray()) {
            candlesNode = root;
        } else if (root.isObject()) {
            pair = merge("pair", root.get("pair"), pair, problems);
            timeframe = merge("timeframe", root.get("timeframe"), timeframe, problems);
            candlesNode = root.get("candles");
            readIndicators(root.get("indicators"), limits, indicators, problems);
        } else {
            throw new InvalidMarketDataException(List.of(new MarketDataProblem("json", null, shown(root),
                    "an object with pair, timeframe and candles, or an array of candles")));
        }
        List<MarketDataProblem> head = new ArrayList<>();
        if (!hasProblem(problems, "pair")) {
            head.addAll(MarketDataRules.checkPair(pair));
        }
        if (!hasProblem(problems, "timeframe")) {
            head.addAll(MarketDataRules.checkTimeframe(timeframe));
        }
        problems.addAll(0, head);

        List<Candle> candles = new ArrayList<>();
        if (candlesNode == null || !candlesNode.isArray()) {
            problems.add(new MarketDataProblem("candles", null, candlesNode == null ? MarketDataProblem.MISSING
                    : shown(candlesNode), "an array of candles, oldest first"));
        } else {
            List<MarketDataProblem> count = MarketDataRules.checkCount(candlesNode.size(), limits.maxCandles());
            problems.addAll(count);
            if (candlesNode.size() <= limits.maxCandles()) {
                RowChecker rows = new RowChecker(problems, latest(timeframe, clock));
                int row = 0;
                for (JsonNode c : candlesNode) {
                    row++;
                    rows.accept(row, readJsonCandle(row, c, problems), candles);
                }
            }
        }
        return build(pair, timeframe, candles, indicators, problems);
    }

    /**
     * Reads CSV with the header {@value #CSV_HEADER} (any case, spaces ignored), one candle per line, oldest
     * first. Blank lines are skipped; fields may be wrapped in double quotes. Dates as in JSON.
     *
     * @param pair      required, as CSV does not carry it
     * @param timeframe required, as CSV does not carry it
     * @throws InvalidMarketDataException listing every problem
     */
    public static MarketData parseCsv(String csv, String pair, String timeframe) {
        return parseCsv(csv, pair, timeframe, MarketDataLimits.DEFAULTS, Clock.systemUTC());
    }

    /**
     * Reads CSV within {@code limits}, with dates up to one timeframe after {@code clock}'s now.
     *
     * @throws InvalidMarketDataException listing every problem
     */
    public static MarketData parseCsv(String csv, String pair, String timeframe, MarketDataLimits limits,
                                      Clock clock) {
        Objects.requireNonNull(csv, "csv");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(clock, "clock");
        List<MarketDataProblem> problems = new ArrayList<>();
        problems.addAll(MarketDataRules.checkPair(pair));
        problems.addAll(MarketDataRules.checkTimeframe(timeframe));
        List<String> lines = stripBom(csv).lines().filter(l -> !l.isBlank()).toList();
        List<Candle> candles = new ArrayList<>();
        if (lines.isEmpty()) {
            problems.add(new MarketDataProblem("header", null, MarketDataProblem.MISSING, CSV_HEADER));
            throw new InvalidMarketDataException(problems);
        }
        String header = lines.get(0).replace(" ", "").replace("\"", "").strip().toLowerCase(Locale.ROOT);
        if (!header.equals(CSV_HEADER)) {
            problems.add(new MarketDataProblem("header", null, lines.get(0).strip(), CSV_HEADER));
            throw new InvalidMarketDataException(problems);
        }
        problems.addAll(MarketDataRules.checkCount(lines.size() - 1, limits.maxCandles()));
        if (lines.size() - 1 <= limits.maxCandles()) {
            RowChecker rows = new RowChecker(problems, latest(timeframe, clock));
            for (int i = 1; i < lines.size(); i++) {
                rows.accept(i, readCsvCandle(i, lines.get(i), problems), candles);
            }
        }
        return build(pair, timeframe, candles, Map.of(), problems);
    }

    private static MarketData build(String pair, String timeframe, List<Candle> candles, Map<String, Object> indicators,
                                    List<MarketDataProblem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidMarketDataException(problems);
        }
        return new MarketData(pair, Timeframe.fromCode(timeframe).orElseThrow(), candles, indicators);
    }

    /**
     * The latest candle date accepted: one timeframe after now (a candle opens at most now; one timeframe of
     * slack for clocks that differ). {@code null}, no bound, while the timeframe is unknown: that is reported
     * already, and a bound guessed without it could reject a good candle.
     */
    private static Instant latest(String timeframe, Clock clock) {
        // Whole seconds: a message shows this bound, and nanoseconds of "now" mean nothing to its reader.
        return timeframe == null ? null : Timeframe.fromCode(timeframe)
                .map(t -> clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(t.duration())).orElse(null);
    }

    /** Checks each readable candle against the previous readable one, so that one broken row hides nothing. */
    private static final class RowChecker {
        private final List<MarketDataProblem> problems;
        private final Instant latest;
        private Candle previous;
        private int previousRow;

        RowChecker(List<MarketDataProblem> problems, Instant latest) {
            this.problems = problems;
            this.latest = latest;
        }

        void accept(int row, Candle candle, List<Candle> candles) {
            if (candle == null) {
                return;
            }
            problems.addAll(MarketDataRules.checkCandle(row, candle, previousRow, previous, latest));
            candles.add(candle);
            previous = candle;
            previousRow = row;
        }
    }

    private static Candle readJsonCandle(int row, JsonNode c, List<MarketDataProblem> problems) {
        JsonNode[] values = new JsonNode[FIELDS.length];
        if (c.isObject()) {
            for (int i = 0; i < FIELDS.length; i++) {
                values[i] = c.get(FIELDS[i]);
            }
        } else if (c.isArray() && c.size() == FIELDS.length) {
            for (int i = 0; i < FIELDS.length; i++) {
                values[i] = c.get(i);
            }
        } else {
            problems.add(new MarketDataProblem("candle", row, shown(c), CANDLE_SHAPE));
            return null;
        }
        int before = problems.size();
        Instant date = readJsonDate(row, values[0], problems);
        double[] ohlcv = new double[5];
        for (int i = 1; i < FIELDS.length; i++) {
            ohlcv[i - 1] = readJsonNumber(FIELDS[i], row, values[i], problems);
        }
        return problems.size() == before ? new Candle(date, ohlcv[0], ohlcv[1], ohlcv[2], ohlcv[3], ohlcv[4]) : null;
    }

    private static Instant readJsonDate(int row, JsonNode node, List<MarketDataProblem> problems) {
        if (node == null || node.isNull()) {
            problems.add(new MarketDataProblem("date", row, MarketDataProblem.MISSING, DATE_EXPECTED));
            return null;
        }
        if (node.isIntegralNumber()) {
            return epochMillis(row, node, node.canConvertToLong() ? node.asLong() : -1, problems);
        }
        if (node.isTextual()) {
            return readDateText(row, node.asText(), problems);
        }
        problems.add(new MarketDataProblem("date", row, shown(node), DATE_EXPECTED));
        return null;
    }

    private static double readJsonNumber(String field, int row, JsonNode node, List<MarketDataProblem> problems) {
        if (node == null) {
            problems.add(new MarketDataProblem(field, row, MarketDataProblem.MISSING, MarketDataRules.FINITE));
            return Double.NaN;
        }
        if (!node.isNumber()) {
            problems.add(new MarketDataProblem(field, row, shown(node), MarketDataRules.FINITE));
            return Double.NaN;
        }
        double d = node.asDouble();
        if (!Double.isFinite(d)) {
            problems.add(new MarketDataProblem(field, row, node.asText(), MarketDataRules.FINITE));
        }
        return d;
    }

    private static Candle readCsvCandle(int row, String line, List<MarketDataProblem> problems) {
        String[] cells = line.split(",", -1);
        if (cells.length != FIELDS.length) {
            problems.add(new MarketDataProblem("columns", row, cells.length + " in '" + line.strip() + "'",
                    FIELDS.length + " (" + CSV_HEADER + ")"));
            return null;
        }
        int before = problems.size();
        String dateText = unquote(cells[0]);
        Instant date = CandleText.isDigits(dateText)
                ? epochMillis(row, dateText, parseLongOr(dateText), problems)
                : readDateText(row, dateText, problems);
        double[] ohlcv = new double[5];
        for (int i = 1; i < FIELDS.length; i++) {
            ohlcv[i - 1] = readCsvNumber(FIELDS[i], row, unquote(cells[i]), problems);
        }
        return problems.size() == before ? new Candle(date, ohlcv[0], ohlcv[1], ohlcv[2], ohlcv[3], ohlcv[4]) : null;
    }

    private static double readCsvNumber(String field, int row, String text, List<MarketDataProblem> problems) {
        if (text.isEmpty()) {
            problems.add(new MarketDataProblem(field, row, MarketDataProblem.MISSING, MarketDataRules.FINITE));
            return Double.NaN;
        }
        if (!CandleText.isDecimal(text)) {
            problems.add(new MarketDataProblem(field, row, text, MarketDataRules.FINITE));
            return Double.NaN;
        }
        double d = Double.parseDouble(text);
        if (!Double.isFinite(d)) {
            problems.add(new MarketDataProblem(field, row, text, MarketDataRules.FINITE));
        }
        return d;
    }

    private static Instant epochMillis(int row, JsonNode node, long millis, List<MarketDataProblem> problems) {
        if (millis >= MarketDataRules.MIN_EPOCH_MILLIS) {
            return Instant.ofEpochMilli(millis);
        }
        return epochMillis(row, node.asText(), millis, problems);
    }

    private static Instant epochMillis(int row, String text, long millis, List<MarketDataProblem> problems) {
        if (millis < 0) {
            problems.add(new MarketDataProblem("date", row, text, DATE_EXPECTED));
            return null;
        }
        if (millis < MarketDataRules.MIN_EPOCH_MILLIS) {
            problems.add(new MarketDataProblem("date", row, text, "epoch milliseconds after "
                    + Instant.ofEpochMilli(MarketDataRules.MIN_EPOCH_MILLIS) + " (this looks like seconds)"));
            return null;
        }
        try {
            return Instant.ofEpochMilli(millis);
        } catch (DateTimeException e) {
            problems.add(new MarketDataProblem("date", row, text, DATE_EXPECTED));
            return null;
        }
    }

    /** ISO-8601 with a zero offset; a space may stand for the {@code T} (as pandas and freqtrade write dates). */
    private static Instant readDateText(int row, String text, List<MarketDataProblem> problems) {
        Instant common = CandleText.utcDate(text);
        if (common != null) {
            return common;
        }
        String iso = text.strip();
        if (iso.length() > 10 && iso.charAt(10) == ' ') {
            iso = iso.substring(0, 10) + 'T' + iso.substring(11);
        }
        try {
            OffsetDateTime odt = OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            if (!odt.getOffset().equals(ZoneOffset.UTC)) {
                problems.add(new MarketDataProblem("date", row, text, DATE_EXPECTED));
                return null;
            }
            return odt.toInstant();
        } catch (DateTimeException e) {
            problems.add(new MarketDataProblem("date", row, text, DATE_EXPECTED));
            return null;
        }
    }

    private static void readIndicators(JsonNode node, MarketDataLimits limits, Map<String, Object> into,
                                       List<MarketDataProblem> problems) {
        if (node == null || node.isNull()) {
            return;
        }
        String expected = "a finite number, text or a list of finite numbers";
        if (!node.isObject()) {
            problems.add(new MarketDataProblem("indicators", null, shown(node), "an object of named values"));
            return;
        }
        List<MarketDataProblem> count = MarketDataRules.checkIndicatorCount(node.size(), limits);
        if (!count.isEmpty()) {
            problems.addAll(count);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<MarketDataProblem> key = MarketDataRules.checkIndicatorKey(e.getKey());
            if (!key.isEmpty()) {
                problems.addAll(key);
                continue;
            }
            String field = "indicators." + e.getKey();
            JsonNode v = e.getValue();
            if (v.isNumber() && Double.isFinite(v.asDouble())) {
                into.put(e.getKey(), v.asDouble());
            } else if (v.isTextual()) {
                List<MarketDataProblem> length = MarketDataRules.checkIndicatorLength(e.getKey(), v.asText(),
                        v.asText().length(), true, limits);
                problems.addAll(length);
                if (length.isEmpty()) {
                    into.put(e.getKey(), v.asText());
                }
            } else if (v.isArray()) {
                List<MarketDataProblem> length = MarketDataRules.checkIndicatorLength(e.getKey(), v.size() + " numbers",
                        v.size(), false, limits);
                if (!length.isEmpty()) {
                    problems.addAll(length);
                    continue;
                }
                List<Double> list = new ArrayList<>();
                for (JsonNode x : v) {
                    if (!x.isNumber() || !Double.isFinite(x.asDouble())) {
                        problems.add(new MarketDataProblem(field, null, shown(v), expected));
                        list = null;
                        break;
                    }
                    list.add(x.asDouble());
                }
                if (list != null) {
                    into.put(e.getKey(), List.copyOf(list));
                }
            } else {
                problems.add(new MarketDataProblem(field, null, shown(v), expected));
            }
        }
    }

    /** The value of {@code field} in the JSON, reconciled with the one given separately (either may be absent). */
    private static String merge(String field, JsonNode inJson, String given, List<MarketDataProblem> problems) {
        if (inJson == null || inJson.isNull()) {
            return given;
        }
        if (!inJson.isTextual()) {
            problems.add(new MarketDataProblem(field, null, shown(inJson), "text"));
            return given;
        }
        String value = inJson.asText();
        if (given != null && !given.equals(value)) {
            problems.add(new MarketDataProblem(field, null, value, "the same as the " + field + " given separately ("
                    + Excerpt.of(given) + ")"));
        }
        return value;
    }

    private static boolean hasProblem(List<MarketDataProblem> problems, String field) {
        return problems.stream().anyMatch(p -> p.field().equals(field));
    }

    /** A JSON value as a problem shows it (shortened there, by {@link MarketDataProblem}). */
    private static String shown(JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }

    private static String unquote(String cell) {
        String s = cell.strip();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1).strip() : s;
    }

    private static long parseLongOr(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Jackson's message without its source excerpt: {@code Unexpected close marker '}': expected ']'}. */
    private static String shortJacksonMessage(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
        int cut = m.indexOf(" (for ");
        return (cut < 0 ? m : m.substring(0, cut)).strip();
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
