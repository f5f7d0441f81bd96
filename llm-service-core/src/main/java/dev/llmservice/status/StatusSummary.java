package dev.llmservice.status;

import dev.llmservice.config.ConfigProblem;
import dev.llmservice.config.ProviderList;
import dev.llmservice.cost.CostCalculator;
import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.state.StateFileException;

import java.math.BigDecimal;
import java.util.List;

/**
 * The design's status summary; its JSON form is the documented {@code --status --json} shape:
 * <pre>{"registry": {"total_providers": 4, "available_providers": 2}, "providers": [ ... ], "problems": [],
 *  "notes": [], "state_file": "/home/me/.llm-service/state.json", "state_file_problem": null,
 *  "spend": {"today_usd": 0.0123, "daily_budget_usd": 5}}</pre>
 *
 * @param registry         the totals
 * @param providers        one per provider, in registration order
 * @param problems         what is wrong with {@code LLM_PROVIDERS} (an entry left out, an empty list), each naming
 *                         the variable and its value; a provider's own problems are in its status
 * @param notes            variables no provider reads although they look meant for one, e.g. {@code GROQ_API_KEY is
 *                         set but groq is not in LLM_PROVIDERS}
 * @param stateFile        where the overrides are kept ({@link OverrideStore#location()}); {@code null} when the
 *                         summary was made without the store
 * @param stateFileProblem why the state file could not be read when it was last read, e.g. {@code not valid JSON
 *                         (…)}: its overrides are then not applied (a running server keeps the last good ones);
 *                         {@code null} when it could
 * @param spend            today's spend and the daily budget; {@code null} when the summary was made without them
 */
public record StatusSummary(Totals registry, List<ProviderStatus> providers, List<String> problems,
                            List<String> notes, String stateFile, String stateFileProblem, Spend spend) {

    public StatusSummary {
        providers = List.copyOf(providers);
        // Absent in a document from a server that predates them.
        problems = problems == null ? List.of() : List.copyOf(problems);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
    /**
     * What the decision journal counts as spent today (UTC) and the daily budget.
     *
     * @param todayUsd       the known costs of today's recorded consensus requests, USD; {@code null} when not
     *                       read (the journal is off, or the CLI's status was asked without a budget: it does not
     *                       open the journal just to show this)
     * @param dailyBudgetUsd {@code LLM_DAILY_BUDGET_USD}; {@code null} when there is none
     */
    public record Spend(BigDecimal todayUsd, BigDecimal dailyBudgetUsd) {

        /** No budget, spend not read. */
        public static final Spend UNKNOWN = new Spend(null, null);

        /** Whether today's spend has reached the budget: a consensus then asks no provider. */
        public boolean exhausted() {
            return todayUsd != null && dailyBudgetUsd != null && todayUsd.compareTo(dailyBudgetUsd) >= 0;
        }
    }

    /** This summary with {@code newSpend}. */
    public StatusSummary withSpend(Spend newSpend) {
        return new StatusSummary(registry, providers, problems, notes, stateFile, stateFileProblem, newSpend);
    }

    /**
     * @param totalProviders     every registered provider, configured or not
     * @param availableProviders those callers may use now
     */
    public record Totals(int totalProviders, int availableProviders) {
    }

    /** A summary of one consistent snapshot of {@code registry}, without the state file, prices or spend. */
    public static StatusSummary of(ProviderRegistry registry) {
        return of(registry, (CostCalculator) null);
    }

    /** As {@link #of(ProviderRegistry)}, with each model's price from {@code costs} ({@code null}: none). */
    public static StatusSummary of(ProviderRegistry registry, CostCalculator costs) {
        List<ProviderEntry> snapshot = registry.snapshot();
        List<ProviderStatus> providers = snapshot.stream()
                .map(e -> costs == null ? ProviderStatus.of(e) : ProviderStatus.of(e, costs)).toList();
        // Counted from the statuses, not the entries: a circuit may open between two reads of the same entry.
        int available = (int) providers.stream().filter(ProviderStatus::available).count();
        return new StatusSummary(new Totals(snapshot.size(), available), providers, List.of(), List.of(), null, null,
                null);
    }

    /** As {@link #of(ProviderRegistry, ProviderList, OverrideStore, CostCalculator)}, without prices. */
    public static StatusSummary of(ProviderRegistry registry, ProviderList providers, OverrideStore overrides) {
        return of(registry, providers, overrides, null);
    }

    /**
     * A summary of {@code registry}, with what {@code providers} (the list it was filled from) said, where its
     * overrides are kept and whether that could be read, and each model's price from {@code costs} ({@code null}:
     * none).
     */
    public static StatusSummary of(ProviderRegistry registry, ProviderList providers, OverrideStore overrides,
                                   CostCalculator costs) {
        StatusSummary summary = of(registry, costs);
        return new StatusSummary(summary.registry(), summary.providers(),
                providers.problems().stream().map(ConfigProblem::message).toList(), providers.notes(),
                overrides.location(), overrides.readFailure().map(StateFileException::problem).orElse(null), null);
    }
}
