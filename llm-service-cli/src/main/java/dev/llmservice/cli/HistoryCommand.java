package dev.llmservice.cli;

import dev.llmservice.cli.internal.Table;
import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.report.ConsensusTable;
import dev.llmservice.json.Json;
import dev.llmservice.journal.HistoryQuery;
import dev.llmservice.operations.ConsensusQueries;
import dev.llmservice.operations.InvalidQueryException;
import dev.llmservice.operations.HistoryReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * {@code llm-providers history [--pair P] [--since ISO-DATE] [--limit N] [--cursor C] [--json]}: the consensus
 * results recorded in the decision journal, newest first. {@code --json} prints the page as the server's
 * {@code GET /api/v1/consensus} answers it: every entry in the consensus result's shape, with its id.
 */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Show the consensus results recorded in the decision journal, newest first: id, time, pair, decision, "
                + "status, confidence and cost. --json prints each in the consensus result's JSON shape."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:shown (also when there is nothing to show)",
            "1:the journal cannot be opened or read, or the server failed",
            "2:an invalid --pair, --since, --limit or --cursor, or an invalid LLM_JOURNAL_URL"},
        footerHeading = "%n",
        footer = {
            "--json, --verbose, --url and --token may also be given before 'history'. With --url the server's journal "
                + "is read (GET /api/v1/consensus)."},
        exitCodeOnInvalidInput = ExitCode.USAGE,
        exitCodeOnExecutionException = ExitCode.CHECK_FAILED)
final class HistoryCommand extends DecisionCommand {

    @Option(names = "--pair", paramLabel = "PAIR", description = "Only this pair, e.g. BTC/USDT.")
    String pair;

    @Option(names = "--since", paramLabel = "ISO-DATE", description = "Only results recorded at or after this date "
            + "(2024-05-01: midnight UTC) or instant (2024-05-01T16:00:00Z).")
    String since;

    @Option(names = "--limit", paramLabel = "N", description = "At most this many results, 1 to 1000; default 50.")
    String limit;

    @Option(names = "--cursor", paramLabel = "C", description = "Continue after the previous page: its next cursor "
            + "(printed below the table, next_cursor in the JSON).")
    String cursor;

    @Override
    public Integer call() {
        begin();
        HistoryQuery query;
        try {
            query = ConsensusQueries.history(pair, since, limit, cursor);
        } catch (InvalidQueryException e) {
            return failed(e);
        }
        return run(false, true, operations -> {
            HistoryReport page = operations.history(query);
            print(json() ? Json.pretty(page) + System.lineSeparator() : table(page));
            return ExitCode.OK;
        });
    }

    private String table(HistoryReport page) {
        String n = System.lineSeparator();
        if (page.entries().isEmpty()) {
            return "No consensus recorded" + (pair == null ? "" : " for " + pair) + (since == null ? "" : " since " + since)
                    + "." + n;
        }
        Table table = new Table("ID", "RECORDED", "PAIR", "TF", "DECISION", "STATUS", "CONF", "VOTES", "COST USD");
        for (ConsensusResult r : page.entries()) {
            long ok = r.votes().stream().filter(v -> v.isOk()).count();
            BigDecimal cost = r.costUsd();
            table.row(r.id(), r.createdAt(), r.pair(), r.timeframe().code(), r.decision(), r.status().code(),
                    String.format(Locale.ROOT, "%.3f", r.confidence()), ok + "/" + r.votes().size() + " ok",
                    cost == null ? "?" : ConsensusTable.usd(cost));
        }
        StringBuilder out = new StringBuilder(table.render());
        if (page.nextCursor() != null) {
            out.append("More: ").append(spec.qualifiedName()).append(" --cursor ").append(page.nextCursor()).append(n);
        }
        return out.toString();
    }
}
