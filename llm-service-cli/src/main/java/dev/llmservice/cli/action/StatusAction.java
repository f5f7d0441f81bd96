package dev.llmservice.cli.action;

import dev.llmservice.cli.ExitCode;
import dev.llmservice.cli.internal.Table;
import dev.llmservice.status.ProviderStatus;
import dev.llmservice.status.StatusSummary;

import java.util.ArrayList;
import java.util.List;

import static dev.llmservice.cli.action.Text.N;
import static dev.llmservice.cli.action.Text.orDash;
import static dev.llmservice.cli.action.Text.words;

/** {@code --status}, the default action: every provider, its state and where it comes from, and its problems. */
public final class StatusAction implements Action {

    @Override
    public int run(Session session) {
        StatusSummary summary = session.operations().status();
        if (session.json()) {
            session.printJson(summary);
        } else {
            session.print(heading(summary, session.where()) + N
                    + tables(summary.providers(), summary.problems(), summary.notes()));
        }
        if (session.remote() && summary.stateFileProblem() != null) {
            session.warn(stateFileProblemOnServer(summary.stateFile(), summary.stateFileProblem(), session.server()));
            return ExitCode.CHECK_FAILED;
        }
        return ExitCode.OK;
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
            Table table = new Table("NAME", "TYPE", "STATE", "SOURCE", "MODEL", "WEIGHT", "API KEY", "BASE URL");
            for (ProviderStatus p : providers) {
                table.row(p.name(), orDash(p.type()), words(p.state()), p.stateSource(), orDash(p.model()), p.weight(),
                        orDash(p.apiKey()), orDash(p.baseUrl()));
                for (String problem : p.problems()) {
                    problems.add(p.name() + ": " + problem);
                }
            }
            out.append(table.render());
        }
        if (!problems.isEmpty()) {
            out.append(N).append("Problems:").append(N);
            for (String problem : problems) {
                out.append("  ").append(problem).append(N);
            }
        }
        if (!notes.isEmpty()) {
            out.append(N).append("Not read:").append(N);
            for (String note : notes) {
                out.append("  ").append(note).append(N);
            }
        }
        return out.toString();
    }
}
