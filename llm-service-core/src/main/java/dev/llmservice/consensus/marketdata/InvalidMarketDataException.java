package dev.llmservice.consensus.marketdata;

import java.util.List;

/**
 * Market data that cannot be used, with every problem found (not just the first). Thrown before any provider
 * is called.
 */
public class InvalidMarketDataException extends IllegalArgumentException {

    private final List<MarketDataProblem> problems;

    public InvalidMarketDataException(List<MarketDataProblem> problems) {
        super(message(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidMarketDataException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order found: top-level fields first, then the candles by row. */
    public List<MarketDataProblem> problems() {
        return problems;
    }

    private static String message(List<MarketDataProblem> problems) {
        StringBuilder sb = new StringBuilder("invalid market data (")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append("):");
        for (MarketDataProblem p : problems) {
            sb.append("\n  ").append(p.message());
        }
        return sb.toString();
    }
}
