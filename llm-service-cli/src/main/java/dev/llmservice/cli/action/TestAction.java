package dev.llmservice.cli.action;

import dev.llmservice.cli.ExitCode;
import dev.llmservice.cli.internal.Table;
import dev.llmservice.operations.TestReport;

import java.time.Duration;
import java.util.stream.Collectors;

import static dev.llmservice.cli.action.Text.N;
import static dev.llmservice.cli.action.Text.words;

/** {@code --test NAME}: one real, minimal generation; exit 1 when it failed. */
public final class TestAction implements Action {

    private final String name;
    private final Duration timeout;

    /** @param timeout the overall bound, retries included; {@code null} for the provider's own timeout */
    public TestAction(String name, Duration timeout) {
        this.name = name;
        this.timeout = timeout;
    }

    @Override
    public int run(Session session) {
        // A wait for the vendor is announced, so that it is not mistaken for a hang.
        TestReport report = session.operations().test(name, timeout, event -> session.note(event.describe()));
        if (session.json()) {
            session.printJson(report);
        } else {
            session.print(text(report));
        }
        return report.ok() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    static String text(TestReport r) {
        Table details = new Table("", "");
        if ("disabled".equals(r.state())) {
            details.row("state", "disabled (" + r.stateSource() + "): tested anyway");
        }
        details.row("model", r.model());
        if (r.ok()) {
            details.row("latency", r.latencyMs() + " ms");
            details.row("tokens", r.usage().inputTokens() + " in, " + r.usage().outputTokens() + " out, "
                    + r.usage().totalTokens() + " total");
            details.row("finish", r.finishReason());
            details.row("reply", r.reply());
        } else {
            if (r.latencyMs() > 0 || !isConfigurationFailure(r)) {
                details.row("latency", r.latencyMs() + " ms");
            }
            details.row("reason", words(r.error().reason()));
            details.row("message", r.error().message());
        }
        String heading = r.ok()
                ? r.name() + ": ok"
                : r.name() + ": FAILED: " + words(r.error().reason())
                    + (r.error().httpStatus() == null ? "" : " (HTTP " + r.error().httpStatus() + ")");
        // Drop the empty header line of the two-column layout and indent the rest.
        String body = details.render().lines().skip(1).map(l -> "  " + l)
                .collect(Collectors.joining(N, "", N));
        return heading + N + body;
    }

    /** Nothing was sent: the provider has no key or invalid values. */
    private static boolean isConfigurationFailure(TestReport r) {
        return "not_configured".equals(r.error().reason()) || "misconfigured".equals(r.error().reason());
    }
}
