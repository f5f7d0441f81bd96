/**
 * What provider calls cost: the bundled {@link dev.llmservice.cost.PriceTable} (USD per million tokens, dated),
 * per-provider overrides read by {@link dev.llmservice.cost.Prices} ({@code P_INPUT_PRICE}, {@code P_OUTPUT_PRICE},
 * and the daily budget {@code LLM_DAILY_BUDGET_USD}), and {@link dev.llmservice.cost.CostCalculator}, which turns a
 * call's tokens into a {@link dev.llmservice.cost.VoteCost}. Exact decimals throughout ({@link java.math.BigDecimal},
 * see {@link dev.llmservice.cost.Usd}); an unknown price is {@code null} with a reason, never a guess.
 */
package dev.llmservice.cost;
