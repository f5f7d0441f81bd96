package dev.llmservice.consensus.policy;

import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.consensus.vote.VoteStatus;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.TokenUsage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small property-based-testing kit: seeded generators of vote sets, and {@link #forAll} which runs a check
 * over many generated cases and reports the seed of a failing one so it can be replayed
 * ({@code -Dconsensus.seed=…}).
 *
 * <p>Weights and confidences come from coarse decimal grids (tenths and twentieths) so that exact ties and
 * threshold edges, the interesting cases, come up often.
 */
final class RandomVotes {

    static final VoteStatus[] FAILURES = {VoteStatus.ERROR, VoteStatus.TIMEOUT, VoteStatus.UNPARSEABLE,
            VoteStatus.REFUSED, VoteStatus.CANCELLED, VoteStatus.SKIPPED};
    private static final long BASE_SEED = Long.getLong("consensus.seed", 20240501L);

    private RandomVotes() {
    }

    /** Runs {@code check} on {@code tries} cases from {@code generator}; a failure names the case and its seed. */
    static <T> void forAll(int tries, Function<Random, T> generator, Consumer<T> check) {
        for (int i = 0; i < tries; i++) {
            long seed = BASE_SEED + i;
            T value = generator.apply(new Random(seed));
            try {
                check.accept(value);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("falsified by case " + i + " (replay with -Dconsensus.seed=" + seed
                        + "): " + value + "\n" + e.getMessage(), e);
            }
        }
    }

    static double weight(Random r) {
        int roll = r.nextInt(12);
        return roll == 0 ? 0 : Math.min(10, roll) / 10.0; // 0 (observer), 0.1 … 1.0, 1.0 more often
    }

    static double confidence(Random r) {
        return r.nextInt(21) / 20.0;
    }

    static Decision decision(Random r) {
        return Decision.values()[r.nextInt(3)];
    }

    static Vote okVote(Random r, String name, double weight) {
        return Vote.ok(name, "m", weight, decision(r), confidence(r), "", Duration.ZERO, TokenUsage.NONE);
    }

    static Vote failedVote(Random r, String name, double weight) {
        VoteStatus status = FAILURES[r.nextInt(FAILURES.length)];
        return failedVote(name, weight, status);
    }

    static Vote failedVote(String name, double weight, VoteStatus status) {
        return Vote.failed(name, "m", weight, status, status == VoteStatus.TIMEOUT ? FailureKind.TIMEOUT : null,
                status.code(), Duration.ZERO, TokenUsage.NONE);
    }

    /** 0 to {@code max} votes, about two in three OK. */
    static List<Vote> voteSet(Random r, int max) {
        int n = r.nextInt(max + 1);
        List<Vote> votes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double w = weight(r);
            votes.add(r.nextInt(3) < 2 ? okVote(r, "p" + i, w) : failedVote(r, "p" + i, w));
        }
        return votes;
    }

    /** The outcome fields of a tally that must not depend on anything but the votes. */
    static String outcome(Tally t) {
        return t.decision() + "/" + t.status();
    }
}
