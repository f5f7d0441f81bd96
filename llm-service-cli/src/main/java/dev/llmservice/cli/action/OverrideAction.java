package dev.llmservice.cli.action;

import dev.llmservice.cli.ExitCode;
import dev.llmservice.operations.OverrideReport;
import dev.llmservice.status.ProviderStatus;

import static dev.llmservice.cli.action.Text.N;
import static dev.llmservice.cli.action.Text.words;

/**
 * {@code --enable NAME}, {@code --disable NAME} and {@code --clear-override NAME}: an override, stored where the
 * operations keep them. Exit 1 when an enabled provider stays unavailable (no key, invalid values).
 */
public final class OverrideAction implements Action {

    /** Which override. */
    public enum Kind { ENABLE, DISABLE, CLEAR }

    private final Kind kind;
    private final String name;
    private final boolean force;

    /** @param force replace a damaged state file (its content kept in {@code FILE.bak}) rather than refuse */
    public OverrideAction(Kind kind, String name, boolean force) {
        this.kind = kind;
        this.name = name;
        this.force = force;
    }

    @Override
    public int run(Session session) {
        OverrideReport report = switch (kind) {
            case ENABLE -> session.operations().enable(name, force);
            case DISABLE -> session.operations().disable(name, force);
            case CLEAR -> session.operations().clearOverride(name, force);
        };
        if (session.json()) {
            session.printJson(report);
        } else {
            session.print(text(report, session.remote() ? report.stateFile() + " on " + session.server()
                    : report.stateFile()) + (report.stateFileBackup() == null ? ""
                    : "The damaged state file was replaced; its content is kept in " + report.stateFileBackup() + N));
        }
        return report.warning() == null ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    /** @param location the state file, and on which server with {@code --url} */
    private String text(OverrideReport r, String location) {
        ProviderStatus p = r.provider();
        String now = words(p.state()) + " (" + p.stateSource() + ")";
        if (kind == Kind.CLEAR) {
            return r.previousOverride() == null
                    ? p.name() + ": had no override in " + location + "; " + now + N
                    : p.name() + ": override removed from " + location + "; now " + now + N;
        }
        String verb = kind == Kind.ENABLE ? "enabled" : "disabled";
        if (r.warning() != null) {
            return p.name() + ": override (" + verb + ") stored in " + location + ", but " + r.warning() + N;
        }
        if (!"override".equals(p.stateSource())) {
            // Disabling a provider that has no key or bad values: stored, and it stays unavailable anyway.
            return p.name() + ": override (" + verb + ") stored in " + location + "; " + now + N;
        }
        String envNote = r.overrulesVariable() == null ? "" : "; this wins over " + r.overrulesVariable();
        return p.name() + ": " + now + envNote + "; stored in " + location + N;
    }
}
