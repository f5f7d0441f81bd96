package dev.llmservice.consensus.policy;

import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.Vote;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.llmservice.consensus.vote.TestVotes.buy;
import static dev.llmservice.consensus.vote.TestVotes.error;
import static dev.llmservice.consensus.vote.TestVotes.hold;
import static dev.llmservice.consensus.vote.TestVotes.ok;
import static dev.llmservice.consensus.vote.TestVotes.sell;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ConsensusPolicy#foresee} at the edges of each status: certain exactly when no completion of the
 * pending votes leads elsewhere, with a witness completion checked for each "not yet".
 */
class ForeseeTest {

    private final ConsensusPolicy policy = ConsensusPolicy.DEFAULT;

    @Test
    void threeAgreeingVotesSettleTheFourth() {
        Optional<EarlyDecision> e = policy.foresee(List.of(buy("a", 0.9), buy("b", 0.9), buy("c", 0.9)), List.of(1.0));
        assertThat(e).isPresent();
        assertThat(e.get().decision()).isEqualTo(Decision.BUY);
        assertThat(e.get().status()).isEqualTo(ConsensusStatus.DECIDED);
        // W = 4: 2.7/4 if the last one does not vote BUY, (2.7 + 1)/4 if it votes BUY with confidence 1.
        assertThat(e.get().confidenceRange()).isEqualTo(new ConfidenceRange(0.675, 0.925));
    }

    @Test
    void decisionIsCertainWhenEvenAFullOpposingVoteLeavesTheMarginExactly() {
        List<Vote> settled = List.of(buy("a", 1.0), buy("b", 1.0), sell("c", 0.6));
        // d = 1.4, P = 1: worst margin 0.4 = 0.10 * 4.
        assertThat(policy.foresee(settled, List.of(1.0))).isPresent();
        assertThat(policy.evaluate(with(settled, sell("d", 1.0))).status()).isEqualTo(ConsensusStatus.DECIDED);
    }

    @Test
    void decisionIsOpenWhenAFullOpposingVoteWouldBreakTheMargin() {
        List<Vote> settled = List.of(buy("a", 1.0), buy("b", 1.0), sell("c", 0.61));
        assertThat(policy.foresee(settled, List.of(1.0))).isEmpty();
        assertThat(policy.evaluate(with(settled, sell("d", 1.0))).status()).isEqualTo(ConsensusStatus.CONTESTED);
    }

    @Test
    void contestedIsCertainOnlyWhileNeitherATieNorADecisionIsReachable() {
        ConsensusPolicy p = policy.withMarginFraction(0.2).withLeadFraction(0.1);
        List<Vote> settled = List.of(buy("a", 0.9), sell("b", 0.7));
        // W = 2.1: margin needed 0.42, d = 0.2, P = 0.1: no tie (P < d), no decision (d + P < 0.42).
        Optional<EarlyDecision> e = p.foresee(settled, List.of(0.1));
        assertThat(e).map(EarlyDecision::status).contains(ConsensusStatus.CONTESTED);
        assertThat(e.get().confidenceRange()).isEqualTo(ConfidenceRange.point(0));
        // P = d = 0.2: a SELL at confidence 1 ties.
        assertThat(p.foresee(settled, List.of(0.2))).isEmpty();
        assertThat(p.evaluate(with(settled, ok("c", 0.2, Decision.SELL, 1.0))).status()).isEqualTo(ConsensusStatus.TIE);
    }

    @Test
    void belowThresholdIsCertainOnlyWhileNeitherTheLeadNorATieIsReachable() {
        List<Vote> settled = List.of(buy("a", 0.2), hold("b", 1), hold("c", 1));
        // W = 3.1: lead needed 0.775; 0.2 + 0.1 cannot reach it, and 0.1 cannot close d = 0.2.
        assertThat(policy.foresee(settled, List.of(0.1))).map(EarlyDecision::status)
                .contains(ConsensusStatus.BELOW_THRESHOLD);
        // P = 0.2 = d: a SELL at confidence 1 ties.
        assertThat(policy.foresee(settled, List.of(0.2))).isEmpty();
        assertThat(policy.evaluate(with(settled, ok("d", 0.2, Decision.SELL, 1.0))).status())
                .isEqualTo(ConsensusStatus.TIE);
    }

    @Test
    void unanimousHoldStaysBelowThresholdWithOneSmallPendingVoteButNotTwo() {
        List<Vote> settled = List.of(hold("a", 1), hold("b", 1), hold("c", 1));
        assertThat(policy.foresee(settled, List.of(0.1))).map(EarlyDecision::status)
                .contains(ConsensusStatus.BELOW_THRESHOLD);
        assertThat(policy.foresee(settled, List.of(0.1, 0.1))).isEmpty();
        assertThat(policy.evaluate(with(with(settled, ok("d", 0.1, Decision.BUY, 0.5)),
                ok("e", 0.1, Decision.SELL, 0.5))).status()).isEqualTo(ConsensusStatus.TIE);
    }

    @Test
    void aTieIsCertainOnlyWhenNothingWeightedIsPending() {
        List<Vote> settled = List.of(buy("a", 0.8), sell("b", 0.8));
        assertThat(policy.foresee(settled, List.of(0.0))).map(EarlyDecision::status).contains(ConsensusStatus.TIE);
        assertThat(policy.foresee(settled, List.of(0.1))).isEmpty();
    }

    @Test
    void unreachableQuorumStopsOnceAnOkVoteMakesTheStatusNoQuorum() {
        List<Vote> settled = List.of(buy("a", 1), error("b"), error("c"), error("d"));
        // W = 5, R + P = 2 < 2.5.
        assertThat(policy.foresee(settled, List.of(1.0))).map(EarlyDecision::status)
                .contains(ConsensusStatus.NO_QUORUM);
    }

    @Test
    void unreachableQuorumWithoutAnyOkVoteWaitsToTellNoQuorumFromAllFailed() {
        List<Vote> settled = List.of(error("a"), error("b"), error("c"));
        assertThat(policy.foresee(settled, List.of(1.0))).isEmpty();
        assertThat(policy.foresee(settled, List.of())).map(EarlyDecision::status).contains(ConsensusStatus.ALL_FAILED);
    }

    @Test
    void reachableQuorumIsNeverCertainYet() {
        assertThat(policy.foresee(List.of(buy("a", 1)), List.of(1.0, 1.0))).isEmpty();
        assertThat(policy.foresee(List.of(), List.of(1.0, 1.0))).isEmpty();
    }

    @Test
    void nothingAskedIsCertainlyNoQuorum() {
        assertThat(policy.foresee(List.of(), List.of())).map(EarlyDecision::status)
                .contains(ConsensusStatus.NO_QUORUM);
    }

    private static List<Vote> with(List<Vote> votes, Vote more) {
        List<Vote> all = new ArrayList<>(votes);
        all.add(more);
        return all;
    }
}
