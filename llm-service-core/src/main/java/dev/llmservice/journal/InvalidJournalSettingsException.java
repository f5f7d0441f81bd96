package dev.llmservice.journal;

import dev.llmservice.config.ConfigProblem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The journal's variables hold values that cannot be used. The message lists every problem, each naming the
 * variable, the value and what is accepted, e.g. {@code LLM_JOURNAL_URL was 'mysql://db/x' but it must be
 * jdbc:sqlite:FILE (...) or jdbc:postgresql://HOST[:PORT]/DATABASE}.
 */
public class InvalidJournalSettingsException extends IllegalArgumentException {

    private final List<ConfigProblem> problems;

    public InvalidJournalSettingsException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::message).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
