package dev.llmservice.cli.action;

import dev.llmservice.cli.ExitCode;
import dev.llmservice.cli.internal.Table;
import dev.llmservice.operations.HealthReport;
import dev.llmservice.provider.HealthCheckResult;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static dev.llmservice.cli.action.Text.N;
import static dev.llmservice.cli.action.Text.words;

/** {@code --health-check}: every enabled provider in parallel; exit 1 if any is unhealthy, or none was checked. */
public final class HealthCheckAction implements Action {

    private final Duration timeout;

    /** @param timeout the bound on all checks; {@code null} for the longest of the enabled providers' timeouts */
    public HealthCheckAction(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public int run(Session session) {
        int enabled = session.remote() ? 0 : (int) session.operations().status().providers().stream()
                .filter(p -> p.available()).count();
        Progress progress = session.terminal().getAsBoolean() && !session.json() && enabled > 0
                ? new Progress(session, enabled) : null;
        HealthReport report = session.operations().healthCheckAll(timeout, progress == null ? r -> { } : progress);
        if (progress != null) {
            progress.clear();
        }
        if (session.json()) {
            session.printJson(report);
        } else {
            session.print(text(report));
        }
        return report.ok() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    static String text(HealthReport report) {
        if (report.checked() == 0) {
            StringBuilder out = new StringBuilder("No enabled provider to check.").append(N);
            for (HealthReport.Skipped s : report.skipped()) {
                out.append("  ").append(s.name()).append(": ").append(words(s.state())).append(" (")
                        .append(s.stateSource()).append(')').append(N);
            }
            return out.toString();
        }
        Table table = new Table("NAME", "HEALTH", "LATENCY", "REASON", "MESSAGE");
        for (HealthReport.Result r : report.results()) {
            table.row(r.name(), r.healthy() ? "healthy" : "unhealthy", r.latencyMs() + " ms",
                    r.reason() == null ? "" : words(r.reason()), r.message());
        }
        for (HealthReport.Skipped s : report.skipped()) {
            table.row(s.name(), "skipped", "", "", words(s.state()) + " (" + s.stateSource() + ")");
        }
        return table.render() + N + "Checked " + report.checked() + " in " + report.durationMs() + " ms: "
                + report.healthy() + " healthy, " + report.unhealthy() + " unhealthy"
                + (report.skipped().isEmpty() ? "" : ", " + report.skipped().size() + " skipped") + "." + N;
    }

    /** One line on standard error, rewritten as each check finishes; only on a terminal. */
    private static final class Progress implements Consumer<HealthCheckResult> {
        private final Session session;
        private final int total;
        private final AtomicInteger finished = new AtomicInteger();
        private int width;

        Progress(Session session, int total) {
            this.session = session;
            this.total = total;
            show("checking " + total + " provider" + (total == 1 ? "" : "s") + "...");
        }

        @Override
        public void accept(HealthCheckResult r) {
            int n = finished.incrementAndGet();
            show("checking: " + n + "/" + total + " done (" + r.provider() + " "
                    + (r.healthy() ? "healthy" : "unhealthy") + ")");
        }

        void clear() {
            show("");
        }

        // Called from the checking threads: one writer at a time, so lines never interleave.
        private synchronized void show(String text) {
            String padded = text + " ".repeat(Math.max(0, width - text.length()));
            session.progress('\r' + padded + (text.isEmpty() ? "\r" : ""));
            width = text.length();
        }
    }
}
