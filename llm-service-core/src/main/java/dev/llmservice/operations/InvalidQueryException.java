package dev.llmservice.operations;

import dev.llmservice.config.ConfigProblem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Parameters of a history or scorecard request that cannot be used, each naming the parameter, the value and what
 * is accepted (the CLI exits 2 with one line each, the REST API answers 400). Nothing was read or asked.
 */
public class InvalidQueryException extends IllegalArgumentException {

    private final List<ConfigProblem> problems;

    public InvalidQueryException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::message).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid query has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Each problem: {@code variable} is the parameter ({@code limit}, {@code since}, ...). */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
