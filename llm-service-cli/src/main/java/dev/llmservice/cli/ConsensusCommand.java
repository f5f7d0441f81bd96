package dev.llmservice.cli;

import dev.llmservice.cli.internal.ErrorHandlers.UsageError;
import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.FreqtradeSignal;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.report.ConsensusJson;
import dev.llmservice.consensus.report.ConsensusTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code llm-providers consensus --market-data FILE [--pair P --timeframe T] [--json]}: asks every enabled provider
 * for a trading decision about the market data and combines the votes. The result is recorded in the decision
 * journal (its id is shown) unless {@code LLM_JOURNAL=off}, each vote is priced, and once today's spend has reached
 * {@code LLM_DAILY_BUDGET_USD} no provider is asked (status {@code budget_exhausted}).
 *
 * <p>Exit codes: {@value ExitCode#OK} decided (BUY or SELL), {@value ExitCode#CHECK_FAILED}
 * not decided (HOLD: tie, contested, below_threshold, no_quorum, all_failed, budget_exhausted), a journal that cannot
 * be opened, or an unexpected error, {@value ExitCode#USAGE} bad input (unreadable file, invalid market data: every
 * problem on its own line of standard error; an invalid journal, price or budget variable; no provider is called;
 * with {@code --url}, the server's 400 too), or a usage error.
 *
 * <p>With {@code --url} (before or after {@code consensus}) the market data is read and checked here, then sent to
 * the server's {@code POST /api/v1/consensus} as JSON, and the server's result (recorded in its journal) is shown as
 * a local one is.
 */
@Command(
        name = "consensus",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        // Each string is one paragraph that picocli wraps at word boundaries to the usage width; a hand-made line
        // break inside a sentence would show as a short line wherever the width differs.
        description = {
            "Ask every enabled provider for a BUY/SELL/HOLD decision about the market data and combine the votes "
                + "(weighted; failures never vote). The result, each vote's cost and its id are recorded in the "
                + "decision journal (LLM_JOURNAL_URL, default ~/.llm-service/journal.db) unless LLM_JOURNAL=off.",
            "Market data: JSON (pair, timeframe, candles) or CSV with the header date,open,high,low,close,volume "
                + "(then --pair and --timeframe are required)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:decided: BUY (freqtrade enter_long) or SELL (freqtrade exit_long)",
            "1:not decided (HOLD: tie, contested, below_threshold, no_quorum, all_failed, budget_exhausted): no "
                + "freqtrade signal; a journal that cannot be opened; or an unexpected error",
            "2:bad input: unreadable file, invalid market data (every problem is listed; with --url, the server's 400 "
                + "too), an invalid LLM_JOURNAL_URL, price or LLM_DAILY_BUDGET_USD, unknown option, --token without "
                + "--url, an action such as --status before 'consensus'; no provider is called"},
        footerHeading = "%n",
        footer = {
            "--json, --verbose, --url and --token may also be given before 'consensus'. With --url the market data is "
                + "checked here, then sent to the server's POST /api/v1/consensus; its providers answer and its "
                + "journal records the result.",
            "",
            "Once the journal's spend for the current UTC day reaches LLM_DAILY_BUDGET_USD, no provider is asked and "
                + "the status is budget_exhausted (exit 1)."},
        exitCodeOnInvalidInput = ExitCode.USAGE,
        exitCodeOnExecutionException = ExitCode.CHECK_FAILED)
final class ConsensusCommand extends DecisionCommand {

    @Mixin
    MarketDataOptions marketData;

    @Option(names = "--wait-for-all", description = "Wait for every provider's answer, so that every vote is "
            + "recorded, instead of deciding as soon as the remaining answers cannot change the outcome (same "
            + "decision either way; takes as long as the slowest provider). Local runs only.")
    boolean waitForAll;

    @Override
    public Integer call() {
        boolean remote = begin();
        if (waitForAll && remote) {
            throw new UsageError(spec.commandLine(), "--wait-for-all applies to a local run; with --url the "
                    + "server's llm.policy.early-decision setting decides");
        }
        MarketData data;
        try {
            // Validated here first, also with --url: then sent as the JSON the server reads, whatever the format.
            data = marketData.read(context(), "no provider was asked");
        } catch (MarketDataOptions.BadInput e) {
            return usage(e.lines);
        }
        return run(true, !waitForAll, operations -> {
            ConsensusResult result = operations.consensus(data);
            print(json() ? ConsensusJson.toJson(result) + System.lineSeparator() : text(result));
            return result.isDecided() ? ExitCode.OK : ExitCode.CHECK_FAILED;
        });
    }

    /** The human form of a result, the same for a local run and a server's answer. */
    static String text(ConsensusResult result) {
        return ConsensusTable.render(result).replace("\n", System.lineSeparator()) + freqtradeLine(result);
    }

    private static String freqtradeLine(ConsensusResult r) {
        FreqtradeSignal signal = r.freqtradeSignal();
        String n = System.lineSeparator();
        return signal.column() == null
                ? "freqtrade: no signal (" + r.status().code() + ")" + n
                : "freqtrade: " + signal.column() + " = 1 for the candle after " + r.lastCandle()
                        + ", valid until " + r.validUntil() + n;
    }
}
