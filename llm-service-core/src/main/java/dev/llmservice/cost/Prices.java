package dev.llmservice.cost;

import dev.llmservice.config.ConfigProblem;
import dev.llmservice.config.Environment;
import dev.llmservice.config.ProviderConfigLoader;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Reading prices and budgets from the environment. Each function takes the variable's name and raw value, adds
 * one {@link ConfigProblem} naming both when the value is not acceptable, and never throws for bad input; a
 * blank value counts as unset.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable</th><th>accepted</th><th>default</th></tr>
 *   <tr><td>{@code P_INPUT_PRICE}</td><td>a number &ge; 0, USD per million input tokens</td>
 *       <td>the {@link PriceTable} price of the provider's model</td></tr>
 *   <tr><td>{@code P_OUTPUT_PRICE}</td><td>a number &ge; 0, USD per million output tokens</td>
 *       <td>the {@link PriceTable} price of the provider's model</td></tr>
 *   <tr><td>{@code LLM_DAILY_BUDGET_USD}</td><td>a number &gt; 0, USD per UTC day</td><td>no budget</td></tr>
 * </table>
 */
public final class Prices {

    /** Suffix of the per-provider input price override, e.g. {@code OPENAI_INPUT_PRICE}. */
    public static final String INPUT_PRICE = ProviderConfigLoader.INPUT_PRICE;
    /** Suffix of the per-provider output price override, e.g. {@code OPENAI_OUTPUT_PRICE}. */
    public static final String OUTPUT_PRICE = ProviderConfigLoader.OUTPUT_PRICE;
    /** The daily spending limit, in USD per UTC day. */
    public static final String DAILY_BUDGET_VARIABLE = "LLM_DAILY_BUDGET_USD";

    static final String PRICE_ACCEPTED = ProviderConfigLoader.PRICE_ACCEPTED;
    /** What {@code LLM_DAILY_BUDGET_USD} accepts. */
    public static final String BUDGET_ACCEPTED = "a number > 0 (USD per UTC day)";

    private Prices() {
    }

    /**
     * A price in USD per million tokens: {@code null} when unset, or when invalid (then a problem such as
     * {@code OPENAI_INPUT_PRICE was 'abc' but it must be a number >= 0 (USD per million tokens)} is added).
     */
    public static BigDecimal parsePrice(String variable, String raw, List<ConfigProblem> problems) {
        return parse(variable, raw, false, PRICE_ACCEPTED, problems);
    }

    /**
     * A daily budget in USD: {@code null} when unset, or when invalid (then a problem such as
     * {@code LLM_DAILY_BUDGET_USD was '0' but it must be a number > 0 (USD per UTC day)} is added).
     */
    public static BigDecimal parseDailyBudget(String raw, List<ConfigProblem> problems) {
        return parse(DAILY_BUDGET_VARIABLE, raw, true, BUDGET_ACCEPTED, problems);
    }

    /** {@code LLM_DAILY_BUDGET_USD} from {@code env}; empty when unset or invalid (see {@link #parseDailyBudget}). */
    public static Optional<BigDecimal> dailyBudget(Environment env, List<ConfigProblem> problems) {
        return Optional.ofNullable(parseDailyBudget(env.get(DAILY_BUDGET_VARIABLE), problems));
    }

    /**
     * {@code {prefix}_INPUT_PRICE} and {@code {prefix}_OUTPUT_PRICE} from {@code env}: each side is {@code null}
     * when unset or invalid (a problem is added for an invalid one).
     *
     * @param prefix the provider's variable prefix, e.g. {@code OPENAI}
     */
    public static PriceOverride override(String prefix, Environment env, List<ConfigProblem> problems) {
        return new PriceOverride(
                parsePrice(prefix + INPUT_PRICE, env.get(prefix + INPUT_PRICE), problems),
                parsePrice(prefix + OUTPUT_PRICE, env.get(prefix + OUTPUT_PRICE), problems));
    }

    private static BigDecimal parse(String variable, String raw, boolean positive, String expected,
                                    List<ConfigProblem> problems) {
        return ProviderConfigLoader.parseDecimal(variable, raw, positive, expected, problems);
    }

    /**
     * A provider's price overrides; either side {@code null} when not overridden.
     *
     * @param inputPerMillion  from {@code P_INPUT_PRICE}, or {@code null}
     * @param outputPerMillion from {@code P_OUTPUT_PRICE}, or {@code null}
     */
    public record PriceOverride(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {

        /** No override. */
        public static final PriceOverride NONE = new PriceOverride(null, null);

        /** Whether neither side is overridden. */
        public boolean isEmpty() {
            return inputPerMillion == null && outputPerMillion == null;
        }

        /**
         * The price with these overrides over {@code table} (the table's price of the model, if any); empty when a
         * side is neither overridden nor in the table.
         */
        public Optional<ModelPrice> over(Optional<ModelPrice> table) {
            BigDecimal in = inputPerMillion != null ? inputPerMillion : table.map(ModelPrice::inputPerMillion).orElse(null);
            BigDecimal out = outputPerMillion != null ? outputPerMillion
                    : table.map(ModelPrice::outputPerMillion).orElse(null);
            return in == null || out == null ? Optional.empty() : Optional.of(new ModelPrice(in, out));
        }
    }
}
