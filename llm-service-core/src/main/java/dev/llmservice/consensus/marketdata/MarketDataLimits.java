package dev.llmservice.consensus.marketdata;

import dev.llmservice.config.ConfigProblem;
import dev.llmservice.config.Environment;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How much market data {@link MarketDataParser} accepts: the bounds that keep one request from costing
 * unbounded memory and from forwarding unbounded text to every paid vendor. Each is refused with a problem
 * naming the field.
 *
 * <table>
 *   <caption>Limits, their variables and defaults</caption>
 *   <tr><th>component</th><th>variable</th><th>accepted</th><th>default</th></tr>
 *   <tr><td>{@code maxCandles}</td><td>{@value #MAX_CANDLES_VARIABLE}</td>
 *       <td>{@value MarketDataRules#MIN_CANDLES} to {@value #MAX_MAX_CANDLES}</td><td>{@value #DEFAULT_MAX_CANDLES}</td></tr>
 *   <tr><td>{@code maxIndicators}</td><td>{@value #MAX_INDICATORS_VARIABLE}</td>
 *       <td>0 (none accepted) to {@value #MAX_MAX_INDICATORS}</td><td>{@value #DEFAULT_MAX_INDICATORS}</td></tr>
 *   <tr><td>{@code maxIndicatorLength}</td><td>{@value #MAX_INDICATOR_LENGTH_VARIABLE}</td>
 *       <td>1 to {@value #MAX_MAX_INDICATOR_LENGTH}</td><td>{@value #DEFAULT_MAX_INDICATOR_LENGTH}</td></tr>
 * </table>
 *
 * @param maxCandles         the most candles in one data set
 * @param maxIndicators      the most supplied indicators ({@code indicators} entries)
 * @param maxIndicatorLength the longest supplied indicator value: characters of a text, numbers of a list
 */
public record MarketDataLimits(int maxCandles, int maxIndicators, int maxIndicatorLength) {

    /** 5,000 candles: 17 days of 5-minute candles, 7 months of hourly ones; the prompt shows the last 20. */
    public static final int DEFAULT_MAX_CANDLES = 5_000;
    public static final int DEFAULT_MAX_INDICATORS = 50;
    public static final int DEFAULT_MAX_INDICATOR_LENGTH = 256;

    public static final int MAX_MAX_CANDLES = 1_000_000;
    public static final int MAX_MAX_INDICATORS = 1_000;
    public static final int MAX_MAX_INDICATOR_LENGTH = 100_000;

    public static final String MAX_CANDLES_VARIABLE = "LLM_MAX_CANDLES";
    public static final String MAX_INDICATORS_VARIABLE = "LLM_MAX_INDICATORS";
    public static final String MAX_INDICATOR_LENGTH_VARIABLE = "LLM_MAX_INDICATOR_LENGTH";

    public static final String MAX_CANDLES_ACCEPTED =
            "a whole number from " + MarketDataRules.MIN_CANDLES + " to " + MAX_MAX_CANDLES;
    public static final String MAX_INDICATORS_ACCEPTED = "a whole number from 0 to " + MAX_MAX_INDICATORS;
    public static final String MAX_INDICATOR_LENGTH_ACCEPTED = "a whole number from 1 to " + MAX_MAX_INDICATOR_LENGTH;

    /** The defaults. */
    public static final MarketDataLimits DEFAULTS =
            new MarketDataLimits(DEFAULT_MAX_CANDLES, DEFAULT_MAX_INDICATORS, DEFAULT_MAX_INDICATOR_LENGTH);

    /** @throws IllegalArgumentException naming every component out of its range, with the value */
    public MarketDataLimits {
        List<ConfigProblem> problems = problems(maxCandles, maxIndicators, maxIndicatorLength,
                "maxCandles", "maxIndicators", "maxIndicatorLength");
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(join(problems));
        }
    }

    /**
     * The limits the variables set ({@value #MAX_CANDLES_VARIABLE}, {@value #MAX_INDICATORS_VARIABLE},
     * {@value #MAX_INDICATOR_LENGTH_VARIABLE}); an unset or blank variable keeps its default.
     *
     * @throws IllegalArgumentException naming every invalid variable, its value and what it accepts
     */
    public static MarketDataLimits fromEnvironment(Environment env) {
        List<ConfigProblem> problems = new ArrayList<>();
        int candles = read(env, MAX_CANDLES_VARIABLE, DEFAULT_MAX_CANDLES, MarketDataRules.MIN_CANDLES,
                MAX_MAX_CANDLES, MAX_CANDLES_ACCEPTED, problems);
        int indicators = read(env, MAX_INDICATORS_VARIABLE, DEFAULT_MAX_INDICATORS, 0, MAX_MAX_INDICATORS,
                MAX_INDICATORS_ACCEPTED, problems);
        int length = read(env, MAX_INDICATOR_LENGTH_VARIABLE, DEFAULT_MAX_INDICATOR_LENGTH, 1,
                MAX_MAX_INDICATOR_LENGTH, MAX_INDICATOR_LENGTH_ACCEPTED, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(join(problems));
        }
        return new MarketDataLimits(candles, indicators, length);
    }

    /**
     * The problems with these values, each named as the caller calls it ({@code maxCandles},
     * {@code llm.max-candles}), or none; {@code null} is not set, and fine.
     */
    public static List<ConfigProblem> problems(Integer maxCandles, Integer maxIndicators, Integer maxIndicatorLength,
                                               String candlesName, String indicatorsName, String lengthName) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (maxCandles != null && (maxCandles < MarketDataRules.MIN_CANDLES || maxCandles > MAX_MAX_CANDLES)) {
            problems.add(new ConfigProblem(candlesName, String.valueOf(maxCandles), MAX_CANDLES_ACCEPTED));
        }
        if (maxIndicators != null && (maxIndicators < 0 || maxIndicators > MAX_MAX_INDICATORS)) {
            problems.add(new ConfigProblem(indicatorsName, String.valueOf(maxIndicators), MAX_INDICATORS_ACCEPTED));
        }
        if (maxIndicatorLength != null && (maxIndicatorLength < 1 || maxIndicatorLength > MAX_MAX_INDICATOR_LENGTH)) {
            problems.add(new ConfigProblem(lengthName, String.valueOf(maxIndicatorLength),
                    MAX_INDICATOR_LENGTH_ACCEPTED));
        }
        return problems;
    }

    private static int read(Environment env, String variable, int fallback, int min, int max, String accepted,
                            List<ConfigProblem> problems) {
        String raw = env.get(variable);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new ConfigProblem(variable, raw, accepted));
        return fallback;
    }

    private static String join(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::message).collect(Collectors.joining("; "));
    }
}
