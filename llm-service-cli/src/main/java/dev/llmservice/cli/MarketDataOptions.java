package dev.llmservice.cli;

import dev.llmservice.consensus.marketdata.InvalidMarketDataException;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.marketdata.MarketDataLimits;
import dev.llmservice.consensus.marketdata.MarketDataParser;
import dev.llmservice.consensus.marketdata.MarketDataProblem;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
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

/**
 * {@code --market-data FILE [--pair P --timeframe T]}, and the reading and checking of that file: the same for
 * {@code consensus} and {@code scorecard}, so both accept exactly the same data ({@code @Mixin MarketDataOptions}).
 */
final class MarketDataOptions {

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

    /** The market data could not be used: the lines to print, the first naming the file. */
    static final class BadInput extends Exception {
        final List<String> lines;

        BadInput(List<String> lines) {
            super(String.join("; ", lines), null, false, false);
            this.lines = List.copyOf(lines);
        }
    }

    /**
     * The market data, read and validated within the environment's limits ({@code LLM_MAX_CANDLES}, ...), dates
     * checked against the context's clock.
     *
     * @param consequence what not having it means, for the first line, e.g. {@code no provider was asked}
     * @throws BadInput naming the file, or every problem of the data on its own line
     */
    MarketData read(CliContext context, String consequence) throws BadInput {
        MarketDataLimits limits;
        try {
            limits = MarketDataLimits.fromEnvironment(context.environment());
        } catch (IllegalArgumentException e) {
            throw new BadInput(List.of(e.getMessage()));
        }
        String text;
        try {
            text = text(context);
        } catch (IOException e) {
            throw new BadInput(List.of("cannot read the market data " + source() + ": " + describe(e)));
        }
        try {
            return MarketDataParser.parse(text, pair, timeframe, limits, context.clock());
        } catch (InvalidMarketDataException e) {
            int n = e.problems().size();
            List<String> lines = new ArrayList<>();
            lines.add("invalid market data in " + source() + " (" + n + (n == 1 ? " problem" : " problems")
                    + "); " + consequence + ":");
            for (MarketDataProblem p : e.problems()) {
                lines.add("  " + p.message());
            }
            throw new BadInput(lines);
        }
    }

    private String text(CliContext context) throws IOException {
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
}
