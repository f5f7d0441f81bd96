package dev.llmservice.consensus.policy;

import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.consensus.vote.VoteStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.llmservice.consensus.policy.RandomVotes.forAll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the rule over generated vote sets (see {@link RandomVotes}): order independence, early
 * decision equal to the full decision, and failures acting only as abstentions.
 */
class ConsensusPolicyPropertiesTest {

    private static final int TRIES = 2_000;
    private final ConsensusPolicy policy = ConsensusPolicy.DEFAULT;

    @Test
    void resultDoesNotDependOnVoteOrder() {
        forAll(TRIES, r -> {
            List<Vote> votes = RandomVotes.voteSet(r, 8);
            List<Vote> shuffled = new ArrayList<>(votes);
            Collections.shuffle(shuffled, r);
            return List.of(votes, shuffled);
        }, pair -> {
            Tally a = policy.evaluate(pair.get(0));
            Tally b = policy.evaluate(pair.get(1));
            assertThat(withoutDissent(b)).isEqualTo(withoutDissent(a));
            assertThat(b.dissent()).containsExactlyInAnyOrderElementsOf(a.dissent());
        });
    }

    /** A full vote set and the order the votes arrive in. */
    record Arrivals(List<Vote> votes, List<Integer> order) {
    }

    @Test
    void earlyDecisionEqualsWaitingForEveryone() {
        AtomicInteger stoppedEarly = new AtomicInteger();
        forAll(TRIES, r -> {
            List<Vote> votes = RandomVotes.voteSet(r, 7);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < votes.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, r);
            return new Arrivals(votes, order);
        }, a -> {
            Tally full = policy.evaluate(a.votes());
            Vote[] seen = new Vote[a.votes().size()];
            for (int step = 0; step <= a.order().size(); step++) {
                List<Vote> settled = new ArrayList<>();
                List<Double> pending = new ArrayList<>();
                for (int i = 0; i < seen.length; i++) {
                    if (seen[i] != null) {
                        settled.add(seen[i]);
                    } else {
                        pending.add(a.votes().get(i).weight());
                    }
                }
                Optional<EarlyDecision> early = policy.foresee(settled, pending);
                if (step == a.order().size()) {
                    assertThat(early).as("nothing pending: always certain").isPresent();
                }
                if (early.isPresent()) {
                    if (!pending.isEmpty()) {
                        stoppedEarly.incrementAndGet();
                    }
                    List<Vote> cut = new ArrayList<>();
                    for (int i = 0; i < seen.length; i++) {
                        Vote v = a.votes().get(i);
                        cut.add(seen[i] != null ? seen[i]
                                : RandomVotes.failedVote(v.provider(), v.weight(), VoteStatus.CANCELLED));
                    }
                    Tally stopped = policy.evaluate(cut);
                    assertThat(RandomVotes.outcome(stopped)).as("early result at step " + step)
                            .isEqualTo(RandomVotes.outcome(full));
                    assertThat(early.get().decision()).isEqualTo(full.decision());
                    assertThat(early.get().status()).isEqualTo(full.status());
                    assertThat(full.confidence()).as("final confidence inside the reported range")
                            .isBetween(early.get().confidenceRange().min(), early.get().confidenceRange().max());
                    assertThat(stopped.confidence()).isEqualTo(early.get().confidenceRange().min());
                    return;
                }
                int next = a.order().get(step);
                seen[next] = a.votes().get(next);
            }
        });
        // The property is not vacuous: a good share of the requests could stop before the last answer.
        assertThat(stoppedEarly.get()).isGreaterThan(TRIES / 10);
    }

    @Test
    void earlyDecisionHoldsForEveryCompletionOfThePendingVotes() {
        // Settled votes plus pending weights; when foresee is certain, every way the pending providers could
        // still answer (extreme and random confidences, any decision, or failing) gives that outcome.
        forAll(TRIES, r -> {
            List<Vote> settled = RandomVotes.voteSet(r, 6);
            int pendingCount = r.nextInt(4);
            List<Double> pending = new ArrayList<>();
            for (int i = 0; i < pendingCount; i++) {
                pending.add(RandomVotes.weight(r));
            }
            return new Object[] {settled, pending, r.nextLong()};
        }, c -> {
            @SuppressWarnings("unchecked") List<Vote> settled = (List<Vote>) c[0];
            @SuppressWarnings("unchecked") List<Double> pending = (List<Double>) c[1];
            Optional<EarlyDecision> early = policy.foresee(settled, pending);
            if (early.isEmpty()) {
                return;
            }
            Random r = new Random((Long) c[2]);
            for (int k = 0; k < 60; k++) {
                List<Vote> all = new ArrayList<>(settled);
                for (int i = 0; i < pending.size(); i++) {
                    int kind = r.nextInt(5);
                    double conf = switch (r.nextInt(3)) {
                        case 0 -> 1.0;
                        case 1 -> 0.0;
                        default -> RandomVotes.confidence(r);
                    };
                    all.add(kind == 0 ? RandomVotes.failedVote(r, "q" + i, pending.get(i))
                            : dev.llmservice.consensus.vote.TestVotes.ok("q" + i, pending.get(i),
                                    Decision.values()[kind % 3], conf));
                }
                Tally t = policy.evaluate(all);
                assertThat(t.decision()).isEqualTo(early.get().decision());
                assertThat(t.status()).isEqualTo(early.get().status());
                assertThat(t.confidence())
                        .isBetween(early.get().confidenceRange().min(), early.get().confidenceRange().max());
            }
        });
    }

    @Test
    void aFailureActsExactlyLikeAnAbstainingHoldExceptForQuorum() {
        // Replacing any failure by a HOLD vote of the same weight changes nothing but R and the ok count: when
        // quorum is met either way, decision and status are the same.
        forAll(TRIES, r -> RandomVotes.voteSet(r, 8), votes -> {
            List<Vote> asHold = new ArrayList<>();
            for (Vote v : votes) {
                asHold.add(v.isOk() ? v : dev.llmservice.consensus.vote.TestVotes.ok(v.provider(), v.weight(),
                        Decision.HOLD, 0.5));
            }
            Tally withFailures = policy.evaluate(votes);
            Tally withHolds = policy.evaluate(asHold);
            assertThat(withFailures.scores().buy()).isEqualTo(withHolds.scores().buy());
            assertThat(withFailures.scores().sell()).isEqualTo(withHolds.scores().sell());
            if (withFailures.quorum().met() && withHolds.quorum().met()) {
                assertThat(RandomVotes.outcome(withFailures)).isEqualTo(RandomVotes.outcome(withHolds));
                assertThat(withFailures.confidence()).isEqualTo(withHolds.confidence());
            }
        });
    }

    @Test
    void theKindOfFailureNeverMatters() {
        forAll(TRIES, r -> {
            List<Vote> votes = RandomVotes.voteSet(r, 8);
            List<Vote> other = new ArrayList<>();
            for (Vote v : votes) {
                other.add(v.isOk() ? v : RandomVotes.failedVote(r, v.provider(), v.weight()));
            }
            return List.of(votes, other);
        }, pair -> assertThat(policy.evaluate(pair.get(1))).isEqualTo(policy.evaluate(pair.get(0))));
    }

    @Test
    void addingAFailureNeverCreatesOrFlipsADecision() {
        forAll(TRIES, r -> {
            List<Vote> votes = RandomVotes.voteSet(r, 7);
            List<Vote> more = new ArrayList<>(votes);
            more.add(r.nextInt(more.size() + 1), RandomVotes.failedVote(r, "late", RandomVotes.weight(r)));
            return List.of(votes, more);
        }, pair -> {
            Tally before = policy.evaluate(pair.get(0));
            Tally after = policy.evaluate(pair.get(1));
            if (after.decision() != Decision.HOLD) {
                assertThat(after.decision()).isEqualTo(before.decision());
                assertThat(after.confidence()).isLessThanOrEqualTo(before.confidence());
            }
        });
    }

    private static Tally withoutDissent(Tally t) {
        return new Tally(t.decision(), t.status(), t.confidence(), t.agreement(), t.scores(), t.margin(), t.quorum(),
                List.of());
    }
}
