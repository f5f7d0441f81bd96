package dev.llmservice.cli.action;

import dev.llmservice.cli.ExitCode;
import dev.llmservice.cli.internal.Table;
import dev.llmservice.consensus.report.ConsensusTable;
import dev.llmservice.cost.Prices;
import dev.llmservice.status.ProviderStatus;
import dev.llmservice.status.StatusSummary;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static dev.llmservice.cli.action.Text.N;
import static dev.llmservice.cli.action.Text.orDash;
import static dev.llmservice.cli.action.Text.words;

/**
 * {@code --status}, the default action: every provider, its state and where it comes from, its price and its
 * problems, and today's spend against the daily budget.
 */
public final class StatusAction implements Action {

    @Override
    public int run(Session session) {
        StatusSummary summary = session.operations().status();
        if (session.json()) {
            session.printJson(summary);
        } else {
            session.print(heading(summary, session.where()) + N
                    + tables(summary.providers(), summary.problems(), summary.notes()) + N + spend(summary.spend()));
        }
        if (session.remote() && summary.stateFileProblem() != null) {
            session.warn(stateFileProblemOnServer(summary.stateFile(), summary.stateFileProblem(), session.server()));
            return ExitCode.CHECK_FAILED;
        }
        return ExitCode.OK;
    }

    /**
     * {@code Today (UTC): USD 0.012300 spent of the daily budget of USD 5 (LLM_DAILY_BUDGET_USD)}; the CLI reads the
     * spend only with a budget, so as not to open the journal for every status.
     */
    static String spend(StatusSummary.Spend spend) {
        BigDecimal today = spend == null ? null : spend.todayUsd();
        BigDecimal budget = spend == null ? null : spend.dailyBudgetUsd();
        if (budget == null) {
            return (today == null ? "No daily budget" : "Today (UTC): USD " + ConsensusTable.usd(today)
                    + " spent; no daily budget") + " (" + Prices.DAILY_BUDGET_VARIABLE + " is not set)" + N;
        }
        String of = " of the daily budget of USD " + budget.toPlainString() + " (" + Prices.DAILY_BUDGET_VARIABLE + ")";
        if (today == null) {
            return "Today (UTC): spend unknown" + of + N;
        }
        return "Today (UTC): USD " + ConsensusTable.usd(today) + " spent" + of
                + (spend.exhausted() ? "; exhausted: a consensus asks no provider until midnight UTC" : "") + N;
    }

    static String heading(StatusSummary summary, String where) {
        return String.format("Providers: %d registered, %d available (%s%s)%n", summary.registry().totalProviders(),
                summary.registry().availableProviders(), where,
                summary.stateFileProblem() == null ? "" : ", not applied: see the error");
    }

    /** The line for a server that cannot read its state file (this process's own is reported by the command). */
    static String stateFileProblemOnServer(String stateFile, String problem, String server) {
        return "state file " + stateFile + " on " + server + ": " + problem + "; the server goes on with the overrides "
                + "it had";
    }

    /**
     * The providers table and, below it, every problem (those of {@code LLM_PROVIDERS} first), then the notes on
     * variables no provider reads: shared by {@code --status} and {@code --reinit}.
     */
    static String tables(List<ProviderStatus> providers, List<String> listProblems, List<String> notes) {
        StringBuilder out = new StringBuilder();
        List<String> problems = new ArrayList<>(listProblems);
        if (providers.isEmpty()) {
            out.append("No providers.").append(N);
        } else {
            Table table = new Table("NAME", "TYPE", "STATE", "SOURCE", "MODEL", "WEIGHT", "USD/M IN/OUT", "API KEY",
                    "BASE URL");
            List<String> unpriced = new ArrayList<>();
            List<String> limited = new ArrayList<>();
            for (ProviderStatus p : providers) {
                table.row(p.name(), orDash(p.type()), words(p.state()), p.stateSource(), orDash(p.model()), p.weight(),
                        price(p.price()), orDash(p.apiKey()), orDash(p.baseUrl()));
                for (String problem : p.problems()) {
                    problems.add(p.name() + ": " + problem);
                }
                if (p.price() != null && p.price().note() != null) {
                    unpriced.add(p.name() + ": " + p.price().note());
                }
                if (p.rateLimits() != null && p.rateLimits().any()) {
                    limited.add(p.name() + ": " + p.rateLimits().describe());
                }
            }
            out.append(table.render());
            section(out, "Problems:", problems);
            section(out, "Costs unknown (shown as null, never guessed):", unpriced);
            section(out, "Rate limits (P_RPM, P_TPM; a call that would wait past its deadline is not made):", limited);
            problems.clear();
        }
        section(out, "Problems:", problems);
        section(out, "Not read:", notes);
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<String> lines) {
        if (!lines.isEmpty()) {
            out.append(N).append(title).append(N);
            for (String line : lines) {
                out.append("  ").append(line).append(N);
            }
        }
    }

    /** {@code 3/15}: USD per million input and output tokens; {@code ?} when unknown. */
    private static String price(ProviderStatus.Price price) {
        if (price == null) {
            return "-";
        }
        if (price.inputUsdPerMillion() == null || price.outputUsdPerMillion() == null) {
            return "?";
        }
        return price.inputUsdPerMillion().stripTrailingZeros().toPlainString() + "/"
                + price.outputUsdPerMillion().stripTrailingZeros().toPlainString();
    }
}
