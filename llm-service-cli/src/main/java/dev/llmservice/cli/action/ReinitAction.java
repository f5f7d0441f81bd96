package dev.llmservice.cli.action;

import dev.llmservice.cli.ExitCode;
import dev.llmservice.operations.ReinitReport;

import java.util.stream.Collectors;

import static dev.llmservice.cli.action.Text.N;

/** {@code --reinit}: re-read the environment and {@code .env}, rebuild every provider, keep the overrides. */
public final class ReinitAction implements Action {

    @Override
    public int run(Session session) {
        ReinitReport r = session.operations().reinit();
        int code = session.remote() && r.stateFileProblem() != null ? ExitCode.CHECK_FAILED : ExitCode.OK;
        if (session.json()) {
            session.printJson(r);
        } else {
            session.print(text(r, session));
        }
        if (code != ExitCode.OK) {
            session.warn(StatusAction.stateFileProblemOnServer(r.stateFile(), r.stateFileProblem(), session.server()));
        }
        return code;
    }

    private static String text(ReinitReport r, Session session) {
        String kept = r.stateFileProblem() != null
                ? "none: it cannot be read, see the error"
                : r.overrides().isEmpty()
                ? "none"
                : r.overrides().entrySet().stream().map(e -> e.getKey() + " " + (e.getValue() ? "enabled" : "disabled"))
                    .collect(Collectors.joining(", "));
        return (session.remote() ? "On " + session.server() + ": r" : "R") + "e-read the environment and "
                + r.envFile() + (r.envFileFound() ? "" : " (not found)") + "." + N
                + "Overrides kept (" + r.stateFile() + "): " + kept + "." + N
                + "Providers: " + r.registry().totalProviders() + " registered, "
                + r.registry().availableProviders() + " available" + N + N
                + StatusAction.tables(r.providers(), r.problems(), r.notes());
    }
}
