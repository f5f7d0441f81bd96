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
            session.print(heading(summary, session.where()) + N + tables(summary.providers()));
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

    /** The providers table and, below it, every problem: shared by {@code --status} and {@code --reinit}. */
    static String tables(List<ProviderStatus> providers) {
        if (providers.isEmpty()) {
            return "No provider types found on the class path." + N;
        }
        Table table = new Table("NAME", "STATE", "SOURCE", "MODEL", "WEIGHT", "API KEY", "BASE URL");
        List<String> problems = new ArrayList<>();
        for (ProviderStatus p : providers) {
            table.row(p.name(), words(p.state()), p.stateSource(), p.model(), p.weight(), orDash(p.apiKey()),
                    orDash(p.baseUrl()));
            for (String problem : p.problems()) {
                problems.add(p.name() + ": " + problem);
            }
        }
        StringBuilder out = new StringBuilder(table.render());
        if (!problems.isEmpty()) {
            out.append(N).append("Problems:").append(N);
            for (String problem : problems) {
                out.append("  ").append(problem).append(N);
            }
        }
        return out.toString();
    }
}
