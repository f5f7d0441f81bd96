package dev.llmservice.consensus.policy;

import dev.llmservice.consensus.vote.Decision;

/**
 * The weighted scores {@code S_d = Σ weight × confidence} over the counted OK votes for each decision.
 * HOLD's score is shown for information only: it is never a rival to BUY or SELL.
 */
public record Scores(double buy, double sell, double hold) {

    public double of(Decision decision) {
        return switch (decision) {
            case BUY -> buy;
            case SELL -> sell;
            case HOLD -> hold;
        };
    }
}
