package dev.llmservice.cli;

import dev.llmservice.cli.internal.ErrorHandlers.UsageError;
import dev.llmservice.cli.remote.RemoteFailure;
import dev.llmservice.cli.remote.RemoteOperations;
import dev.llmservice.config.SecretMasker;
import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.FreqtradeSignal;
import dev.llmservice.consensus.MultiProviderOrchestrator;
import dev.llmservice.consensus.marketdata.InvalidMarketDataException;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.marketdata.MarketDataJson;
import dev.llmservice.consensus.marketdata.MarketDataLimits;
import dev.llmservice.consensus.marketdata.MarketDataParser;
import dev.llmservice.consensus.marketdata.MarketDataProblem;
import dev.llmservice.consensus.report.ConsensusJson;
import dev.llmservice.consensus.report.ConsensusTable;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.registry.ProviderRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code llm-providers consensus --market-data FILE [--pair P --timeframe T] [--json]}: asks every enabled provider
 * for a trading decision about the market data and combines the votes.
 *
 * <p>Exit codes: {@value ExitCode#OK} decided (BUY or SELL), {@value ExitCode#CHECK_FAILED}
 * not decided (HOLD: tie, contested, below_threshold, no_quorum, all_failed) or an unexpected error,
 * {@value ExitCode#USAGE} bad input (unreadable file, invalid market data: every problem on its own
 * line of standard error; no provider is called; with {@code --url}, the server's 400 too), or a usage error.
 *
 * <p>With {@code --url} (before or after {@code consensus}) the market data is read and checked here, then sent to
 * the server's {@code POST /api/v1/consensus} as JSON, and the server's result is shown as a local one is.
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
                + "(weighted; failures never vote).",
            "Market data: JSON (pair, timeframe, candles) or CSV with the header date,open,high,low,close,volume "
                + "(then --pair and --timeframe are required)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:decided: BUY (freqtrade enter_long) or SELL (freqtrade exit_long)",
            "1:not decided (HOLD: tie, contested, below_threshold, no_quorum, all_failed): no freqtrade signal; or an "
                + "unexpected error",
            "2:bad input: unreadable file, invalid market data (every problem is listed; with --url, the server's 400 "
                + "too), unknown option, --token without --url, an action such as --status before 'consensus'; no "
                + "provider is called"},
        footerHeading = "%n",
        footer = {
            "--json, --verbose, --url and --token may also be given before 'consensus'. With --url the market data is "
                + "checked here, then sent to the server's POST /api/v1/consensus; its providers answer."},
        exitCodeOnInvalidInput = ExitCode.USAGE,
        exitCodeOnExecutionException = ExitCode.CHECK_FAILED)
final class ConsensusCommand implements Callable<Integer> {

    /** Market data larger than this is refused before it is read whole (a few thousand candles are ~1 MB). */
    static final long MAX_INPUT_BYTES = 64L * 1024 * 1024;

    @Option(names = "--market-data", required = true, paramLabel = "FILE",
            description = "The market data file (JSON or CSV); '-' reads standard input.")
    String marketData;

    @Option(names = "--pair", paramLabel = "PAIR",
            description = "The pair, e.g. BTC/USDT (futures BTC/USDT:USDT); required for CSV, else taken from the JSON.")
    String pair;

    @Option(names = "--timeframe", paramLabel = "TF",
            description = "The candle length: 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w; required for CSV, "
                    + "else taken from the JSON.")
    String timeframe;

    @Option(names = "--wait-for-all", description = "Wait for every provider's answer, so that every vote is "
            + "recorded, instead of deciding as soon as the remaining answers cannot change the outcome (same "
            + "decision either way; takes as long as the slowest provider). Local runs only.")
    boolean waitForAll;

    @Mixin
    ServerOptions server;

    @Mixin
    OutputOptions output;

    @ParentCommand
    LlmProvidersCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // picocli runs only this subcommand, so every option given before 'consensus' must be honoured or refused
        // here, never silently ignored: --json and --verbose apply in either position, an action is a usage error.
        boolean json = output.json() || parent.output.json();
        output.applyLogLevel();
        parent.output.applyLogLevel();
        String action = parent.actionOption();
        if (action != null) {
            throw new UsageError(spec.commandLine(), action + " cannot be combined with the consensus subcommand; "
                    + "run them separately");
        }
        if (parent.timeout != null) {
            throw new UsageError(spec.commandLine(), "--timeout applies to --test and --health-check, not to "
                    + "consensus");
        }
        // --url and --token, before or after 'consensus' (a consensus meant for the server must never ask this
        // machine's providers instead).
        String serverUrl = LlmProvidersCommand.once(spec, "--url", parent.server.url(), server.url());
        String serverToken = LlmProvidersCommand.once(spec, "--token", parent.server.token(), server.token());
        URI remote = ServerOptions.server(spec.commandLine(), serverUrl, serverToken);
        if (waitForAll && remote != null) {
            throw new UsageError(spec.commandLine(), "--wait-for-all applies to a local run; with --url the "
                    + "server's llm.policy.early-decision setting decides");
        }
        parent.warnAboutDotEnv(spec);
        CliContext context = parent.context();

        // The same limits as a server given the same variables (LLM_MAX_CANDLES, ...), read before the file.
        MarketDataLimits limits;
        try {
            limits = MarketDataLimits.fromEnvironment(context.environment());
        } catch (IllegalArgumentException e) {
            return badInput(List.of(e.getMessage()));
        }

        String text;
        try {
            text = read(context);
        } catch (IOException e) {
            return badInput(List.of("cannot read the market data " + source() + ": " + describe(e)));
        }

        MarketData data;
        try {
            data = MarketDataParser.parse(text, pair, timeframe, limits, context.clock());
        } catch (InvalidMarketDataException e) {
            int n = e.problems().size();
            List<String> lines = new ArrayList<>();
            lines.add("invalid market data in " + source() + " (" + n + (n == 1 ? " problem" : " problems")
                    + "); no provider was asked:");
            for (MarketDataProblem p : e.problems()) {
                lines.add("  " + p.message());
            }
            return badInput(lines);
        }

        ConsensusResult result;
        if (remote != null) {
            // Validated here first (above), then sent as the JSON the server reads, whatever the input format.
            String token = serverToken != null ? serverToken
                    : context.environment().get(ServerOptions.ADMIN_TOKEN_VARIABLE);
            try {
                result = new RemoteOperations(remote, token).consensus(MarketDataJson.toJson(data));
            } catch (RemoteFailure e) {
                report(e.lines());
                return e.exitCode();
            }
        } else {
            result = local(context, data);
        }
        print(json ? ConsensusJson.toJson(result) + System.lineSeparator() : text(result));
        return result.isDecided() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    private ConsensusResult local(CliContext context, MarketData data) {

        ProviderFactory factory = context.factory(false);
        ProviderRegistry registry = factory.initializeRegistry();
        if (registry.enabled().isEmpty()) {
            warn("no provider is enabled; see '" + parent.spec.qualifiedName() + " --status'");
        }
        try (MultiProviderOrchestrator orchestrator = MultiProviderOrchestrator.builder(registry::enabled)
                .earlyDecision(!waitForAll).build()) {
            return orchestrator.generateConsensusSignal(data);
        }
    }

    private String read(CliContext context) throws IOException {
        byte[] bytes;
        if ("-".equals(marketData)) {
            try (InputStream in = context.stdin()) {
                bytes = in.readNBytes((int) MAX_INPUT_BYTES + 1);
            }
        } else {
            Path path = Path.of(marketData);
            if (Files.isDirectory(path)) {
                throw new IOException("it is a directory");
            }
            if (Files.size(path) > MAX_INPUT_BYTES) {
                throw new IOException("larger than " + MAX_INPUT_BYTES / (1024 * 1024) + " MB");
            }
            bytes = Files.readAllBytes(path);
        }
        if (bytes.length > MAX_INPUT_BYTES) {
            throw new IOException("larger than " + MAX_INPUT_BYTES / (1024 * 1024) + " MB");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("not UTF-8 text");
        }
    }

    private String source() {
        return "-".equals(marketData) ? "(standard input)" : "'" + marketData + "'";
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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

    private int badInput(List<String> lines) {
        report(lines);
        return ExitCode.USAGE;
    }

    /** On standard error, the first line after the command's name. */
    private void report(List<String> lines) {
        PrintWriter err = spec.commandLine().getErr();
        SecretMasker redactor = parent.redactor();
        String name = spec.qualifiedName();
        for (int i = 0; i < lines.size(); i++) {
            err.println(redactor.redact(i == 0 ? name + ": " + lines.get(i) : lines.get(i)));
        }
        err.flush();
    }

    private void warn(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(parent.redactor().redact(spec.qualifiedName() + ": warning: " + message));
        err.flush();
    }

    private void print(String text) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(parent.redactor().redact(text));
        out.flush();
    }
}
