package dev.llmservice.operations;

import dev.llmservice.config.ConfigProblem;
import dev.llmservice.config.Environment;
import dev.llmservice.consensus.ConsensusCacheTtl;
import dev.llmservice.cost.CostCalculator;
import dev.llmservice.cost.Prices;
import dev.llmservice.journal.InvalidJournalSettingsException;
import dev.llmservice.journal.JournalSettings;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What the consensus operations read from the environment besides the providers, validated together:
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable</th><th>accepted</th><th>default</th></tr>
 *   <tr><td>{@code LLM_JOURNAL}, {@code LLM_JOURNAL_URL}, {@code _USER}, {@code _PASSWORD}</td>
 *       <td>see {@link JournalSettings}</td><td>on, {@code ~/.llm-service/journal.db}</td></tr>
 *   <tr><td>{@code P_INPUT_PRICE}, {@code P_OUTPUT_PRICE}</td><td>a number &ge; 0, USD per million tokens</td>
 *       <td>the bundled price table</td></tr>
 *   <tr><td>{@code LLM_DAILY_BUDGET_USD}</td><td>a number &gt; 0, USD per UTC day; needs the journal, which
 *       counts the spend</td><td>no budget</td></tr>
 *   <tr><td>{@code LLM_CONSENSUS_CACHE_TTL}</td><td>{@link ConsensusCacheTtl#ACCEPTED}</td>
 *       <td>until the next candle of the timeframe opens</td></tr>
 * </table>
 *
 * @param journal     where (and whether) results are recorded
 * @param costs       the prices: the bundled table with the environment's overrides
 * @param dailyBudget {@code LLM_DAILY_BUDGET_USD}, or {@code null} for none
 * @param cacheTtl    {@code LLM_CONSENSUS_CACHE_TTL}: how long identical requests share a result
 */
public record ConsensusSettings(JournalSettings journal, CostCalculator costs, BigDecimal dailyBudget,
                                ConsensusCacheTtl cacheTtl) {

    public ConsensusSettings {
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(costs, "costs");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
    }

    /** With the default cache TTL ({@link ConsensusCacheTtl#UNTIL_NEXT_CANDLE}). */
    public ConsensusSettings(JournalSettings journal, CostCalculator costs, BigDecimal dailyBudget) {
        this(journal, costs, dailyBudget, ConsensusCacheTtl.UNTIL_NEXT_CANDLE);
    }

    /**
     * The settings {@code env} gives for the providers named {@code providers} (whose price variables are read).
     *
     * @throws InvalidSettingsException listing every invalid value, each naming the variable and the value (a password
     *                                  never shown)
     */
    public static ConsensusSettings load(Environment env, Collection<String> providers) {
        List<ConfigProblem> problems = new ArrayList<>();
        JournalSettings journal = null;
        try {
            journal = JournalSettings.load(env);
        } catch (InvalidJournalSettingsException e) {
            problems.addAll(e.problems());
        }
        CostCalculator costs = CostCalculator.fromEnvironment(env, providers, problems);
        BigDecimal budget = Prices.dailyBudget(env, problems).orElse(null);
        if (budget != null && journal != null && !journal.enabled()) {
            // The spend is what the journal recorded: without it the budget could never be reached.
            problems.add(new ConfigProblem(Prices.DAILY_BUDGET_VARIABLE, env.get(Prices.DAILY_BUDGET_VARIABLE).strip(),
                    "unset while " + JournalSettings.ENABLED_VARIABLE + " is off (the day's spend is counted in the "
                            + "decision journal)"));
        }
        ConsensusCacheTtl cacheTtl = ConsensusCacheTtl.load(env, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new ConsensusSettings(journal, costs, budget, cacheTtl);
    }
}
