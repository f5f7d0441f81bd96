package dev.llmservice.consensus.policy;

import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.consensus.vote.VoteStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.llmservice.consensus.vote.TestVotes.buy;
import static dev.llmservice.consensus.vote.TestVotes.error;
import static dev.llmservice.consensus.vote.TestVotes.failed;
import static dev.llmservice.consensus.vote.TestVotes.hold;
import static dev.llmservice.consensus.vote.TestVotes.ok;
import static dev.llmservice.consensus.vote.TestVotes.sell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rule of issue 3 on hand-built vote sets. */
class ConsensusPolicyTest {

    private final ConsensusPolicy policy = ConsensusPolicy.DEFAULT;

    @Test
    void workedExampleBuysWithConfidenceAndAgreementOfThreeEighths() {
        Vote sell = sell("c", 0.6);
        Vote hold = hold("d", 0.5);
        Tally t = policy.evaluate(List.of(buy("a", 0.8), buy("b", 0.7), sell, hold));

        assertThat(t.decision()).isEqualTo(Decision.BUY);
        assertThat(t.status()).isEqualTo(ConsensusStatus.DECIDED);
        assertThat(t.confidence()).isEqualTo(0.375);
        assertThat(t.agreement()).isEqualTo(0.375);
        assertThat(t.scores()).isEqualTo(new Scores(1.5, 0.6, 0.5));
        assertThat(t.margin()).isEqualTo(0.9);
        assertThat(t.quorum()).isEqualTo(new Quorum(4, 2, 4, 2, 4, true));
        assertThat(t.dissent()).containsExactly(sell, hold);
    }

    @Test
    void sellWinsSymmetrically() {
        Tally t = policy.evaluate(List.of(sell("a", 0.8), sell("b", 0.7), buy("c", 0.6), hold("d", 0.5)));
        assertThat(t.decision()).isEqualTo(Decision.SELL);
        assertThat(t.status()).isEqualTo(ConsensusStatus.DECIDED);
        assertThat(t.confidence()).isEqualTo(0.375);
    }

    @Test
    void agreementDividesByTheRespondedWeightOnly() {
        // W = 4 (two failed), R = 2: confidence 1.8/4, agreement 1.8/2.
        Tally t = policy.evaluate(List.of(buy("a", 0.9), buy("b", 0.9), error("c"), error("d")));
        assertThat(t.status()).isEqualTo(ConsensusStatus.DECIDED);
        assertThat(t.confidence()).isEqualTo(0.45);
        assertThat(t.agreement()).isEqualTo(0.9);
    }

    @Nested
    class NotDecided {

        @Test
        void equalDirectionScoresAreATie() {
            Tally t = policy.evaluate(List.of(buy("a", 0.8), sell("b", 0.8), hold("c", 0.9)));
            assertThat(t.decision()).isEqualTo(Decision.HOLD);
            assertThat(t.status()).isEqualTo(ConsensusStatus.TIE);
            assertThat(t.confidence()).isZero();
            assertThat(t.agreement()).isZero();
            assertThat(t.margin()).isZero();
        }

        @Test
        void tieIsExactEvenWhenBinaryFloatingPointWouldDiffer() {
            // 0.1 + 0.2 != 0.3 in double arithmetic; in the rule's decimal arithmetic it is a tie.
            Tally t = policy.evaluate(List.of(buy("a", 0.1), buy("b", 0.2), sell("c", 0.3)));
            assertThat(t.status()).isEqualTo(ConsensusStatus.TIE);
        }

        @Test
        void closeDirectionsAreContested() {
            // W = 2: lead 0.9 >= 0.5 but margin 0.1 < 0.2.
            Tally t = policy.evaluate(List.of(buy("a", 0.9), sell("b", 0.8)));
            assertThat(t.decision()).isEqualTo(Decision.HOLD);
            assertThat(t.status()).isEqualTo(ConsensusStatus.CONTESTED);
            assertThat(t.scores()).isEqualTo(new Scores(0.9, 0.8, 0));
            assertThat(t.dissent()).extracting(Vote::provider).containsExactly("a", "b");
        }

        @Test
        void weakLeadIsBelowThreshold() {
            // W = 4: lead 0.3 < 1.0.
            Tally t = policy.evaluate(List.of(buy("a", 0.3), hold("b", 0.9), hold("c", 0.9), hold("d", 0.9)));
            assertThat(t.decision()).isEqualTo(Decision.HOLD);
            assertThat(t.status()).isEqualTo(ConsensusStatus.BELOW_THRESHOLD);
        }

        @Test
        void unanimousHoldIsBelowThresholdNotATie() {
            Tally t = policy.evaluate(List.of(hold("a", 1), hold("b", 1), hold("c", 1)));
            assertThat(t.decision()).isEqualTo(Decision.HOLD);
            assertThat(t.status()).isEqualTo(ConsensusStatus.BELOW_THRESHOLD);
            assertThat(t.scores().hold()).isEqualTo(3.0);
            assertThat(t.dissent()).isEmpty();
        }

        @Test
        void zeroConfidenceDirectionsAreBelowThreshold() {
            Tally t = policy.evaluate(List.of(buy("a", 0), sell("b", 0)));
            assertThat(t.status()).isEqualTo(ConsensusStatus.BELOW_THRESHOLD);
        }
    }

    @Nested
    class ThresholdEdges {

        @Test
        void marginExactlyAtTenPercentOfWDecides() {
            // W = 4, margin 1.0 - 0.6 = 0.4 = 0.10 * 4.
            Tally t = policy.evaluate(List.of(buy("a", 1.0), sell("b", 0.6), hold("c", 0.5), hold("d", 0.5)));
            assertThat(t.status()).isEqualTo(ConsensusStatus.DECIDED);
            assertThat(t.decision()).isEqualTo(Decision.BUY);
        }

        @Test
        void marginJustUnderTenPercentOfWIsContested() {
            Tally t = policy.evaluate(List.of(buy("a", 1.0), sell("b", 0.61), hold("c", 0.5), hold("d", 0.5)));
            assertThat(t.status()).isEqualTo(ConsensusStatus.CONTESTED);
        }

        @Test
        void marginAtThresholdDecidesWhereBinaryFloatingPointWouldNot() {
            // 0.5*0.7 - 0.5*0.5 is 0.09999999999999998 in double; exactly 0.1 = 0.10 * W here.
            Tally t = policy.evaluate(List.of(ok("a", 0.5, Decision.BUY, 0.7), ok("b", 0.5, Decision.SELL, 0.5)));
            assertThat(t.status()).isEqualTo(ConsensusStatus.DECIDED);
            assertThat(t.decision()).isEqualTo(Decision.BUY);
            assertThat(t.confidence()).isEqualTo(0.35);
            assertThat(t.agreement()).isEqualTo(0.35);
        }

        @Test
        void leadExactlyAtQuarterOfWDecides() {
            // W = 4, S_BUY = 1.0 = 0.25 * 4.
            Tally t = policy.evaluate(List.of(buy("a", 1.0), hold("b", 1), hold("c", 1), hold("d", 1)));
            assertThat(t.status()).isEqualTo(ConsensusStatus.DECIDED);
            assertThat(t.confidence()).isEqualTo(0.25);
        }

        @Test
        void leadJustUnderQuarterOfWIsBelowThreshold() {
            Tally t = policy.evaluate(List.of(buy("a", 0.99), hold("b", 1), hold("c", 1), hold("d", 1)));
            assertThat(t.status()).isEqualTo(ConsensusStatus.BELOW_THRESHOLD);
        }

        @Test
        void thresholdsAreConfigurable() {
            List<Vote> votes = List.of(buy("a", 0.9), sell("b", 0.6));
            assertThat(policy.evaluate(votes).status()).isEqualTo(ConsensusStatus.DECIDED);
            assertThat(policy.withMarginFraction(0.2).evaluate(votes).status()).isEqualTo(ConsensusStatus.CONTESTED);
            assertThat(policy.withLeadFraction(0.5).evaluate(votes).status()).isEqualTo(ConsensusStatus.BELOW_THRESHOLD);
            assertThat(policy.withMinOkVotes(3).evaluate(votes).status()).isEqualTo(ConsensusStatus.NO_QUORUM);
        }
    }

    @Nested
    class QuorumEdges {

        @Test
        void exactlyHalfTheWeightRespondingIsQuorum() {
            Tally t = policy.evaluate(List.of(buy("a", 1), buy("b", 1), error("c"), error("d")));
            assertThat(t.quorum()).isEqualTo(new Quorum(4, 2, 2, 2, 2, true));
            assertThat(t.status()).isEqualTo(ConsensusStatus.DECIDED);
            assertThat(t.confidence()).isEqualTo(0.5);
            assertThat(t.agreement()).isEqualTo(1.0);
        }

        @Test
        void justUnderHalfTheWeightIsNoQuorum() {
            // W = 4.1, R = 2 < 2.05.
            Tally t = policy.evaluate(List.of(buy("a", 1), buy("b", 1), error("c"), failed("d", 1.1, VoteStatus.TIMEOUT)));
            assertThat(t.quorum().met()).isFalse();
            assertThat(t.decision()).isEqualTo(Decision.HOLD);
            assertThat(t.status()).isEqualTo(ConsensusStatus.NO_QUORUM);
            assertThat(t.confidence()).isZero();
        }

        @Test
        void oneOkVoteIsNoQuorumEvenWithAllTheWeight() {
            Tally single = policy.evaluate(List.of(buy("a", 1)));
            assertThat(single.status()).isEqualTo(ConsensusStatus.NO_QUORUM);
            assertThat(single.quorum()).isEqualTo(new Quorum(1, 0.5, 1, 2, 1, false));

            Tally heavy = policy.evaluate(List.of(buy("a", 1), failed("b", 0.1, VoteStatus.ERROR)));
            assertThat(heavy.status()).isEqualTo(ConsensusStatus.NO_QUORUM);
        }

        @Test
        void holdVotesCountTowardsQuorum() {
            Tally t = policy.evaluate(List.of(buy("a", 1), hold("b", 0.2), error("c"), error("d")));
            assertThat(t.quorum().met()).isTrue();
            assertThat(t.status()).isEqualTo(ConsensusStatus.DECIDED);
            assertThat(t.agreement()).isEqualTo(0.5);
        }
    }

    @Nested
    class Observers {

        @Test
        void observerVotesAreNotCountedAnywhere() {
            Vote observer = ok("o", 0, Decision.SELL, 1.0);
            List<Vote> without = List.of(buy("a", 0.8), buy("b", 0.7), sell("c", 0.6), hold("d", 0.5));
            List<Vote> with = List.of(buy("a", 0.8), buy("b", 0.7), sell("c", 0.6), hold("d", 0.5), observer);

            Tally t = policy.evaluate(with);
            assertThat(t).usingRecursiveComparison().ignoringFields("dissent").isEqualTo(policy.evaluate(without));
            assertThat(t.dissent()).doesNotContain(observer);
        }

        @Test
        void observersDoNotMakeAQuorum() {
            Tally t = policy.evaluate(List.of(buy("a", 1), ok("o1", 0, Decision.BUY, 1), ok("o2", 0, Decision.BUY, 1)));
            assertThat(t.status()).isEqualTo(ConsensusStatus.NO_QUORUM);
            assertThat(t.quorum().respondedCount()).isEqualTo(1);
        }

        @Test
        void onlyObserversAnsweringIsNoQuorumNotAllFailed() {
            Tally t = policy.evaluate(List.of(ok("o", 0, Decision.BUY, 1), error("a"), error("b")));
            assertThat(t.status()).isEqualTo(ConsensusStatus.NO_QUORUM);
        }
    }

    @Nested
    class Failures {

        @Test
        void nothingBackIsAllFailed() {
            Tally t = policy.evaluate(List.of(error("a"), failed("b", 1, VoteStatus.TIMEOUT),
                    failed("c", 1, VoteStatus.UNPARSEABLE), failed("d", 1, VoteStatus.REFUSED),
                    failed("e", 1, VoteStatus.CANCELLED), failed("f", 1, VoteStatus.SKIPPED)));
            assertThat(t.decision()).isEqualTo(Decision.HOLD);
            assertThat(t.status()).isEqualTo(ConsensusStatus.ALL_FAILED);
            assertThat(t.scores()).isEqualTo(new Scores(0, 0, 0));
            assertThat(t.quorum()).isEqualTo(new Quorum(6, 3, 0, 2, 0, false));
        }

        @Test
        void noProviderAskedIsNoQuorumNotAFailure() {
            Tally t = policy.evaluate(List.of());
            assertThat(t.decision()).isEqualTo(Decision.HOLD);
            assertThat(t.status()).isEqualTo(ConsensusStatus.NO_QUORUM);
            assertThat(t.confidence()).isZero();
        }

        @Test
        void failuresNeverAddToAnyScore() {
            Tally t = policy.evaluate(List.of(buy("a", 0.9), sell("b", 0.2), error("c"),
                    failed("d", 1, VoteStatus.UNPARSEABLE), failed("e", 1, VoteStatus.REFUSED)));
            assertThat(t.scores()).isEqualTo(new Scores(0.9, 0.2, 0));
            assertThat(t.quorum().respondedWeight()).isEqualTo(2.0);
            // The three failures keep W at 5, so R = 2 is short of the 2.5 quorum.
            assertThat(t.status()).isEqualTo(ConsensusStatus.NO_QUORUM);
        }

        @Test
        void failedProvidersStayInTheDenominator() {
            // Same answers; the failed provider raises W from 2 to 3, so 0.5 no longer reaches 0.25 * W.
            assertThat(policy.evaluate(List.of(buy("a", 0.5), hold("b", 1))).status())
                    .isEqualTo(ConsensusStatus.DECIDED);
            assertThat(policy.evaluate(List.of(buy("a", 0.5), hold("b", 1), error("c"))).status())
                    .isEqualTo(ConsensusStatus.BELOW_THRESHOLD);
        }
    }

    @Nested
    class Configuration {

        @Test
        void defaultsAreTheDocumentedOnes() {
            assertThat(ConsensusPolicy.DEFAULT).isEqualTo(new ConsensusPolicy(0.10, 0.25, 0.5, 2));
            assertThat(ConsensusPolicy.DEFAULT.version()).isEqualTo("1");
        }

        @Test
        void customThresholdsAppearInTheVersion() {
            assertThat(ConsensusPolicy.DEFAULT.withMarginFraction(0.15).version())
                    .isEqualTo("1;margin=0.15;lead=0.25;quorum=0.5;min_ok_votes=2");
        }

        @Test
        void everyBadThresholdIsReportedAtOnce() {
            assertThatThrownBy(() -> new ConsensusPolicy(1.5, -0.1, Double.NaN, -1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("marginFraction must be from 0.0 to 1.0, but was 1.5; "
                            + "leadFraction must be from 0.0 to 1.0, but was -0.1; "
                            + "quorumFraction must be from 0.0 to 1.0, but was NaN; "
                            + "minOkVotes must be at least 0, but was -1");
        }
    }
}
