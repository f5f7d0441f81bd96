package dev.llmservice.cli;

import dev.llmservice.cli.internal.Table;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.report.ConsensusTable;
import dev.llmservice.json.Json;
import dev.llmservice.operations.ConsensusQueries;
import dev.llmservice.operations.InvalidQueryException;
import dev.llmservice.scorecard.ConsensusScore;
import dev.llmservice.scorecard.ProviderScore;
import dev.llmservice.scorecard.Scorecard;
import dev.llmservice.scorecard.Scorecards;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * {@code llm-providers scorecard --market-data FILE [--pair P --timeframe T] [--horizon N] [--min-move PCT] [--json]}:
 * how the journal's decisions about the market data's pair and timeframe turned out against its candles (read and
 * checked exactly as {@code consensus} reads them). The table ends with the suggested {@code P_WEIGHT=} lines to
 * paste into {@code .env}.
 */
@Command(
        name = "scorecard",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Score the recorded decisions of the market data's pair and timeframe against its candles: hit rate with "
                + "its 95%% interval, Brier score, returns after BUY and SELL, cost per hit, per provider and for the "
                + "consensus; then the suggested {PROVIDER}_WEIGHT lines to paste into .env.",
            "A BUY is a hit when the close N candles later (--horizon) is more than --min-move percent higher, a SELL "
                + "when it is that much lower, a HOLD when it moved less. The market data is read as by consensus."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:scored (also when nothing could be scored yet)",
            "1:the journal cannot be opened or read, or the server failed",
            "2:bad input: unreadable file, invalid market data (every problem is listed), an invalid --horizon or "
                + "--min-move, an invalid LLM_JOURNAL_URL"},
        footerHeading = "%n",
        footer = {
            "--json, --verbose, --url and --token may also be given before 'scorecard'. With --url the server scores "
                + "its journal (POST /api/v1/scorecard)."},
        exitCodeOnInvalidInput = ExitCode.USAGE,
        exitCodeOnExecutionException = ExitCode.CHECK_FAILED)
final class ScorecardCommand extends DecisionCommand {

    @Mixin
    MarketDataOptions marketData;

    @Option(names = "--horizon", paramLabel = "N", description = "Candles after a decision's newest one whose close "
            + "decides, 1 to 1000; default " + Scorecards.DEFAULT_HORIZON + ".")
    String horizon;

    @Option(names = "--min-move", paramLabel = "PCT", description = "The move in percent a BUY or SELL must beat, "
            + "0 to 100; default 0.1.")
    String minMove;

    @Override
    public Integer call() {
        begin();
        ConsensusQueries.ScorecardParameters parameters;
        try {
            parameters = ConsensusQueries.scorecard(horizon, minMove);
        } catch (InvalidQueryException e) {
            return failed(e);
        }
        MarketData data;
        try {
            data = marketData.read(context(), "nothing was scored");
        } catch (MarketDataOptions.BadInput e) {
            return usage(e.lines);
        }
        return run(false, true, operations -> {
            Scorecard card = operations.scorecard(data, parameters.horizon(), parameters.minMove());
            print(json() ? Json.pretty(card) + System.lineSeparator() : table(card));
            return ExitCode.OK;
        });
    }

    static String table(Scorecard card) {
        String n = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        out.append("Scorecard ").append(card.pair()).append(' ').append(card.timeframe()).append(": horizon ")
                .append(card.horizon()).append(card.horizon() == 1 ? " candle" : " candles").append(", minimum move ")
                .append(BigDecimal.valueOf(card.minMove()).movePointRight(2).stripTrailingZeros().toPlainString())
                .append(" %; ").append(card.entriesScored()).append(" decisions scored, ")
                .append(card.entriesPending()).append(" pending").append(n).append(n);
        Table table = new Table("", "VOTES", "HITS", "HIT RATE", "95% CI", "BRIER", "AFTER BUY", "AFTER SELL",
                "COST USD", "PER HIT", "WEIGHT");
        for (ProviderScore p : card.providers()) {
            table.row(p.name(), p.votesScored(), p.hits(), f3(p.hitRate()), ci(p.hitRateCi95()), f3(p.brier()),
                    pct(p.meanReturnAfterBuy()), pct(p.meanReturnAfterSell()), usd(p.costUsd()), usd(p.costPerHitUsd()),
                    p.suggestedWeight() == null ? "-" : String.format(Locale.ROOT, "%.2f", p.suggestedWeight()));
        }
        ConsensusScore c = card.consensus();
        table.row("consensus", c.votesScored(), c.hits(), f3(c.hitRate()), ci(c.hitRateCi95()), f3(c.brier()),
                pct(c.meanReturnAfterBuy()), pct(c.meanReturnAfterSell()), usd(c.costUsd()), usd(c.costPerHitUsd()), "");
        out.append(table.render()).append(n);
        List<String> weights = card.weightLines();
        if (weights.isEmpty()) {
            out.append("No weight suggested yet: a provider needs ").append(Scorecards.MIN_VOTES_FOR_WEIGHT)
                    .append(" scored votes.").append(n);
        } else {
            out.append("Suggested weights, to paste into .env:").append(n);
            weights.forEach(line -> out.append(line).append(n));
        }
        return out.toString();
    }

    private static String f3(Double d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.3f", d);
    }

    private static String ci(List<Double> ci) {
        return ci == null ? "-" : String.format(Locale.ROOT, "%.3f-%.3f", ci.get(0), ci.get(1));
    }

    private static String pct(Double r) {
        return r == null ? "-" : String.format(Locale.ROOT, "%+.2f%%", r * 100);
    }

    private static String usd(BigDecimal amount) {
        return amount == null ? "?" : ConsensusTable.usd(amount);
    }
}
