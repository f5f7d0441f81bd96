package dev.llmservice.consensus.policy;

/**
 * Whether enough of the asked weight came back.
 *
 * @param totalWeight     W: the weight of every provider asked, whatever became of its vote
 * @param requiredWeight  the quorum fraction × W
 * @param respondedWeight R: the weight of the OK votes, HOLD included
 * @param requiredCount   the minimum number of counted OK votes
 * @param respondedCount  the number of counted OK votes (observers, of weight 0, are not counted)
 * @param met             {@code respondedWeight >= requiredWeight && respondedCount >= requiredCount}
 */
public record Quorum(
        double totalWeight, double requiredWeight, double respondedWeight, int requiredCount, int respondedCount,
        boolean met) {
}
