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
        if (session.json()) {
            session.printJson(r);
            return ExitCode.OK;
        }
        String kept = r.overrides().isEmpty()
                ? "none"
                : r.overrides().entrySet().stream().map(e -> e.getKey() + " " + (e.getValue() ? "enabled" : "disabled"))
                    .collect(Collectors.joining(", "));
        session.print((session.remote() ? "On " + session.server() + ": r" : "R") + "e-read the environment and "
                + r.envFile() + (r.envFileFound() ? "" : " (not found)") + "." + N
                + "Overrides kept (" + r.stateFile() + "): " + kept + "." + N
                + "Providers: " + r.registry().totalProviders() + " registered, "
                + r.registry().availableProviders() + " available" + N + N
                + StatusAction.tables(r.providers()));
        return ExitCode.OK;
    }
}
