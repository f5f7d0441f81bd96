package dev.llmservice.spring.consensus;

import java.util.List;
import java.util.stream.Collectors;

/** The market data was rejected before any provider was called; answered with 400 naming each problem. */
public class InvalidMarketDataException extends IllegalArgumentException {

    private final List<InputProblem> problems;

    public InvalidMarketDataException(List<InputProblem> problems) {
        super(problems.stream().map(InputProblem::toString).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid input has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<InputProblem> problems() {
        return problems;
    }

    /**
     * One invalid field.
     *
     * @param field   a JSON path such as {@code timeframe} or {@code candles[3].high}
     * @param message what is wrong and what is accepted
     * @param value   the value as given (shortened), or {@code null} when missing
     */
    public record InputProblem(String field, String message, String value) {

        @Override
        public String toString() {
            return field + (value == null ? "" : " was '" + value + "'") + ": " + message;
        }
    }
}
