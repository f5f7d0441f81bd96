package dev.llmservice.consensus.vote;

import java.util.Locale;
import java.util.Optional;

/**
 * A trading decision, as a provider votes it and as the consensus returns it.
 *
 * <p>{@link #BUY} and {@link #SELL} are directions. {@link #HOLD} is a real vote but not a direction: it counts
 * towards quorum and in the denominators, never as a rival score (see
 * {@link dev.llmservice.consensus.policy.ConsensusPolicy}).
 */
public enum Decision {
    BUY,
    SELL,
    HOLD;

    /** Whether this is a direction ({@link #BUY} or {@link #SELL}). */
    public boolean isDirection() {
        return this != HOLD;
    }

    /** The other direction: {@code BUY ↔ SELL}; {@link #HOLD} has none and returns itself. */
    public Decision opposite() {
        return switch (this) {
            case BUY -> SELL;
            case SELL -> BUY;
            case HOLD -> HOLD;
        };
    }

    /**
     * The decision named by {@code text}, ignoring case and surrounding white space ({@code " buy "} is
     * {@link #BUY}); empty for anything else ({@code "STRONG BUY"}, {@code "long"}).
     */
    public static Optional<Decision> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "BUY" -> Optional.of(BUY);
            case "SELL" -> Optional.of(SELL);
            case "HOLD" -> Optional.of(HOLD);
            default -> Optional.empty();
        };
    }
}
