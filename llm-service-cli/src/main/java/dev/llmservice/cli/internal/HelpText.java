package dev.llmservice.cli.internal;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.UsageMessageSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The prose of a command's help (description, exit codes, footer), wrapped to the usage width at spaces only.
 *
 * <p>Why: a paragraph written as hand-broken lines breaks mid-sentence at any width but the one it was written for
 * ({@code ... and combine the votes} / {@code (weighted; ...}), and picocli's own wrapping uses
 * {@link java.text.BreakIterator}, which also breaks after a '.', ',' or ':' followed by a letter
 * ({@code e.|g.}, {@code date,open,|high}, {@code http:|//host}). So each {@code description} and {@code footer}
 * string is one paragraph, and each {@code exitCodeList} entry ({@code "2:usage error: ..."}) one item with a hanging
 * indent; a word longer than the line stands alone. The option list keeps picocli's layout.
 */
public final class HelpText {

    private HelpText() {
    }

    /** Renders {@code commandLine}'s prose sections, and its subcommands', as described above. */
    public static void install(CommandLine commandLine) {
        Map<String, CommandLine.IHelpSectionRenderer> sections = commandLine.getHelpSectionMap();
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION,
                help -> paragraphs(usage(help).description(), usage(help).width()));
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST,
                help -> items(usage(help).exitCodeList(), usage(help).width()));
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER,
                help -> paragraphs(usage(help).footer(), usage(help).width()));
        commandLine.setHelpSectionMap(sections);
        commandLine.getSubcommands().values().forEach(HelpText::install);
    }

    private static UsageMessageSpec usage(Help help) {
        return help.commandSpec().usageMessage();
    }

    private static String paragraphs(String[] paragraphs, int width) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : paragraphs) {
            wrap(formatted(paragraph), "", "", width, out);
        }
        return out.toString();
    }

    /** {@code "0:success"} as {@code "  0  success"}, continuation lines under the text. */
    private static String items(Map<String, String> items, int width) {
        int keyWidth = items.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> item : items.entrySet()) {
            String first = "  " + item.getKey() + " ".repeat(keyWidth - item.getKey().length() + 2);
            wrap(formatted(item.getValue()), first, " ".repeat(first.length()), width, out);
        }
        return out.toString();
    }

    /**
     * The text as picocli formats it where it shows a description itself (the parent's list of commands):
     * {@code %%} is a '%'. So a '%' is written {@code %%} in every description, and reads the same in both places.
     */
    static String formatted(String text) {
        try {
            return String.format(text);
        } catch (java.util.IllegalFormatException e) {
            return text;
        }
    }

    /** Greedy: as many words on each line as fit in {@code width}; lines end with the platform's separator. */
    static void wrap(String text, String firstPrefix, String nextPrefix, int width, StringBuilder out) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(firstPrefix);
        int bare = firstPrefix.length();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > bare && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(nextPrefix);
                bare = nextPrefix.length();
            }
            if (line.length() > bare) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        lines.forEach(l -> out.append(l.stripTrailing()).append(System.lineSeparator()));
    }
}
