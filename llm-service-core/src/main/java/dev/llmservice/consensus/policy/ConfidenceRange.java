package dev.llmservice.consensus.policy;

/**
 * The interval the consensus confidence could still have ended in had the request waited for every pending
 * provider. Without pending providers it is the single point {@code [confidence, confidence]}.
 */
public record ConfidenceRange(double min, double max) {

    public ConfidenceRange {
        if (!(min <= max)) {
            throw new IllegalArgumentException("min must not exceed max, but was [" + min + ", " + max + "]");
        }
    }

    public static ConfidenceRange point(double value) {
        return new ConfidenceRange(value, value);
    }

    public boolean isPoint() {
        return min == max;
    }
}
