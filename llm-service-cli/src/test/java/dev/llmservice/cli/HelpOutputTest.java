package dev.llmservice.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The help of {@code llm-providers} and {@code consensus} reads well at whatever width the terminal has. */
class HelpOutputTest {

    private static CommandLine commandLine(int width) {
        CommandLine commandLine = LlmProvidersCommand.commandLine(new LlmProvidersCommand(CliContext.builder().build()));
        commandLine.setUsageHelpAutoWidth(false);
        commandLine.setUsageHelpWidth(width);
        return commandLine;
    }

    private static List<CommandLine> bothCommands(int width) {
        CommandLine main = commandLine(width);
        return List.of(main, main.getSubcommands().get("consensus"));
    }

    /** Description, exit codes and footer: what is written as prose, one string per paragraph or item. */
    private static List<String> prose(UsageMessageSpec usage) {
        List<String> paragraphs = new ArrayList<>(List.of(usage.description()));
        paragraphs.addAll(usage.exitCodeList().values());
        paragraphs.addAll(List.of(usage.footer()));
        return paragraphs.stream().filter(p -> !p.isBlank()).toList();
    }

    private static String words(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    @ParameterizedTest
    @ValueSource(ints = {55, 61, 72, 80, 97, 120, 160})
    void everyParagraphIsWrappedAtSpacesOnlyWithinTheWidth(int width) {
        for (CommandLine command : bothCommands(width)) {
            String help = command.getUsageMessage();

            // Put back together, the lines give every paragraph word for word: no break inside "e.g." or
            // "date,open,high,low,close,volume", as java.text.BreakIterator (picocli's wrapping) would make.
            for (String paragraph : prose(command.getCommandSpec().usageMessage())) {
                assertThat(words(help)).as("%s at width %d", command.getCommandName(), width)
                        .contains(words(String.format(paragraph)));
            }
            assertThat(help.lines()).as("%s at width %d", command.getCommandName(), width)
                    .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(width));
        }
    }

    @Test
    void everyCommandsProseIsAValidFormatSoHelpPrintsNoPicocliWarning() {
        // picocli formats descriptions, exit codes and footers with String.format: a bare '%' ("95% interval")
        // made it print "[picocli WARN] Could not format ..." above the help and leave "%n" unreplaced.
        List<CommandLine> all = new ArrayList<>(List.of(commandLine(80)));
        all.addAll(all.get(0).getSubcommands().values());
        for (CommandLine command : all) {
            for (String paragraph : prose(command.getCommandSpec().usageMessage())) {
                assertThat(paragraph).as(command.getCommandName()).satisfies(p -> String.format(p));
            }
        }
        // And a '%' reads as one, in the command's own help as in the list of commands.
        String scorecard = all.get(0).getSubcommands().get("scorecard").getUsageMessage();
        assertThat(words(scorecard)).contains("its 95% interval,").doesNotContain("%%");
        assertThat(all.get(0).getUsageMessage()).doesNotContain("%%");
    }

    @Test
    void noParagraphStopsMidSentence() {
        // A sentence split over two strings shows as a short line followed by its rest, at every width.
        for (CommandLine command : bothCommands(80)) {
            UsageMessageSpec usage = command.getCommandSpec().usageMessage();
            assertThat(Stream.concat(Stream.of(usage.description()), Stream.of(usage.footer()))
                    .filter(p -> !p.isBlank())).as(command.getCommandName())
                    .allSatisfy(p -> assertThat(p.strip()).matches("(?s).*[.)]"));
        }
    }

    @Test
    void consensusHelpReadsAsWrittenAtEightyColumns() {
        String help = commandLine(80).getSubcommands().get("consensus").getUsageMessage();
        String n = System.lineSeparator();

        assertThat(help).contains(""
                + "Ask every enabled provider for a BUY/SELL/HOLD decision about the market data" + n
                + "and combine the votes (weighted; failures never vote). The result, each vote's" + n
                + "cost and its id are recorded in the decision journal (LLM_JOURNAL_URL, default" + n
                + "~/.llm-service/journal.db) unless LLM_JOURNAL=off." + n
                + "Market data: JSON (pair, timeframe, candles) or CSV with the header" + n
                + "date,open,high,low,close,volume (then --pair and --timeframe are required)." + n);
        assertThat(help).contains(""
                + "Exit codes:" + n
                + "  0  decided: BUY (freqtrade enter_long) or SELL (freqtrade exit_long)" + n
                + "  1  not decided (HOLD: tie, contested, below_threshold, no_quorum, all_failed," + n
                + "     budget_exhausted): no freqtrade signal; a journal that cannot be opened; or" + n
                + "     an unexpected error" + n);
    }
}
