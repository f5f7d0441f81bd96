package dev.llmservice.operations;

import dev.llmservice.config.ConfigProblem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Variables the consensus operations read hold values that cannot be used: the journal's ({@code LLM_JOURNAL},
 * {@code LLM_JOURNAL_URL}), the prices ({@code P_INPUT_PRICE}, {@code P_OUTPUT_PRICE}) or the budget
 * ({@code LLM_DAILY_BUDGET_USD}). Each problem names the variable, the value and what is accepted; the CLI prints
 * one line per problem and exits 2, the server refuses to start with them.
 */
public class InvalidSettingsException extends IllegalArgumentException {

    private final List<ConfigProblem> problems;

    public InvalidSettingsException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::message).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("invalid settings have at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** One line per problem. */
    public List<String> lines() {
        return problems.stream().map(ConfigProblem::message).toList();
    }
}
