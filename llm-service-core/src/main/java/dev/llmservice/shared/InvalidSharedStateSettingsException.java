package dev.llmservice.shared;

import dev.llmservice.config.ConfigProblem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code LLM_STATE_URL} or {@code LLM_INSTANCE_ID} holds a value that cannot be used. Each problem names the
 * variable, the value (a password shown as {@code …}) and what is accepted; the CLI prints one line per problem and
 * exits 2, the server refuses to start with them.
 */
public class InvalidSharedStateSettingsException extends IllegalArgumentException {

    private final List<ConfigProblem> problems;

    public InvalidSharedStateSettingsException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::message).collect(Collectors.joining("; ")));
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
