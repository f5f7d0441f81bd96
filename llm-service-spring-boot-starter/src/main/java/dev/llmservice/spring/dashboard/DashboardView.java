package dev.llmservice.spring.dashboard;

import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.consensus.report.ConsensusTable;
import dev.llmservice.operations.ConsensusOperations;
import dev.llmservice.operations.ProviderOperations;
import dev.llmservice.journal.HistoryQuery;
import dev.llmservice.journal.JournalException;
import dev.llmservice.status.HealthStatus;
import dev.llmservice.status.ProviderStatus;
import dev.llmservice.status.StatusSummary;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the dashboard shows, read through the operations layer ({@link ProviderOperations#status()},
 * {@link ConsensusOperations#history}) and {@link ProviderCallStats}, already formatted for the templates: the
 * templates only place text. No API key is taken over from the status, not even masked.
 */
public final class DashboardView {

    /** How many decisions the page lists. */
    public static final int DECISIONS = HistoryQuery.DEFAULT_LIMIT;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final ProviderOperations providers;
    private final ConsensusOperations consensus;
    private final ProviderCallStats calls;

    /** @param calls {@code null} without a meter registry: the latency and call columns then show a dash */
    public DashboardView(ProviderOperations providers, ConsensusOperations consensus, ProviderCallStats calls) {
        this.providers = providers;
        this.consensus = consensus;
        this.calls = calls;
    }

    /** The providers table and the day's spend. */
    public Providers providers() {
        StatusSummary summary = providers.status();
        Map<String, ProviderCallStats.Calls> stats = calls == null ? Map.of() : calls.calls();
        List<ProviderRow> rows = summary.providers().stream()
                .map(p -> ProviderRow.of(p, stats.getOrDefault(p.name(), ProviderCallStats.Calls.NONE), calls != null))
                .toList();
        return new Providers(rows, summary.registry().availableProviders(), summary.registry().totalProviders(),
                Spend.of(summary.spend()), summary.problems(), summary.stateFileProblem());
    }

    /** The newest {@value #DECISIONS} decisions; a journal that cannot be read is a message, not an error page. */
    public Decisions decisions() {
        try {
            List<DecisionRow> rows = consensus.history(HistoryQuery.newest().withLimit(DECISIONS)).entries().stream()
                    .map(DecisionRow::of).toList();
            return new Decisions(rows, null);
        } catch (JournalException e) {
            return new Decisions(List.of(), "the decision journal cannot be read: " + e.getMessage());
        }
    }

    /** One recorded decision with each vote's reasoning. */
    public DecisionRow decision(String id) {
        return DecisionRow.of(consensus.decision(id));
    }

    public record Providers(List<ProviderRow> rows, int available, int total, Spend spend, List<String> problems,
                            String stateFileProblem) {
    }

    /**
     * @param meterMax the budget, or the spend when there is none, for a {@code <meter>}; {@code null}: no meter
     */
    public record Spend(String today, String budget, String meterValue, String meterMax, boolean exhausted) {

        static Spend of(StatusSummary.Spend spend) {
            if (spend == null) {
                return new Spend("unknown", "none", null, null, false);
            }
            BigDecimal today = spend.todayUsd();
            BigDecimal budget = spend.dailyBudgetUsd();
            String todayText = today == null ? "not recorded (journal off)" : usd(today);
            String budgetText = budget == null ? "none" : usd(budget);
            boolean meter = today != null && budget != null;
            return new Spend(todayText, budgetText, meter ? today.min(budget).toPlainString() : null,
                    meter ? budget.toPlainString() : null, spend.exhausted());
        }
    }

    /**
     * One provider. {@code state} and {@code circuit} are the status's codes, also used as CSS classes.
     */
    public record ProviderRow(String name, String type, String model, String weight, String state, String source,
                              boolean available, String circuit, String circuitMessage, String health,
                              String healthTitle, String healthClass, String p50, String callsLastHour,
                              List<String> problems) {

        static ProviderRow of(ProviderStatus p, ProviderCallStats.Calls calls, boolean metered) {
            HealthStatus h = p.health();
            String health = h == null ? "not checked" : h.healthy() ? "healthy, " + h.latencyMs() + " ms"
                    : h.reason() + ", " + h.latencyMs() + " ms";
            String healthTitle = h == null ? null
                    : (h.message() == null ? "" : h.message() + " · ") + "checked " + formatTime(Instant.parse(h.checkedAt()));
            String healthClass = h == null ? "unknown" : h.healthy() ? "ok" : "bad";
            return new ProviderRow(p.name(), dash(p.type()), dash(p.model()), formatWeight(p.weight()), p.state(),
                    p.stateSource(), p.available(), p.circuit() == null ? "none" : p.circuit(), p.circuitMessage(),
                    health, healthTitle, healthClass,
                    metered && calls.p50() != null ? millis(calls.p50()) : "–",
                    metered ? Long.toString(calls.lastHour()) : "–", p.problems());
        }
    }

    public record Decisions(List<DecisionRow> rows, String problem) {
    }

    public record DecisionRow(String id, String time, String pair, String timeframe, String decision, String status,
                              String confidence, String cost, List<VoteRow> votes) {

        static DecisionRow of(ConsensusResult r) {
            return new DecisionRow(r.id(), r.createdAt() == null ? "–" : formatTime(r.createdAt()), r.pair(),
                    r.timeframe().code(), r.decision().name(), r.status().code(), percent(r.confidence()),
                    r.costUsd() == null ? "unknown" : usd(r.costUsd()),
                    r.votes().stream().map(VoteRow::of).toList());
        }
    }

    public record VoteRow(String provider, String decision, String confidence, String status, String reasoning,
                          String error) {

        static VoteRow of(Vote v) {
            return new VoteRow(v.provider(), v.decision() == null ? "–" : v.decision().name(),
                    v.confidence() == null ? "–" : percent(v.confidence()), v.status().code(), v.reasoning(),
                    v.error());
        }
    }

    /** As the CLI's consensus table writes USD (6 places). */
    static String usd(BigDecimal value) {
        return "$" + ConsensusTable.usd(value);
    }

    static String formatTime(Instant at) {
        return TIME.format(at);
    }

    private static String percent(double fraction) {
        return Math.round(fraction * 100) + " %";
    }

    private static String formatWeight(double weight) {
        return String.format(Locale.ROOT, "%.2f", weight);
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }

    private static String dash(String s) {
        return s == null ? "–" : s;
    }
}
