package dev.llmservice.consensus.policy;

import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.Vote;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The consensus rule, version {@value #RULE_VERSION}: a pure, documented function from votes to a decision.
 *
 * <h2>Definitions</h2>
 * Over the votes of every provider asked (whatever became of them):
 * <ul>
 *   <li>{@code W} — the total weight of the providers asked. Failed, timed-out, refused, unparseable,
 *       cancelled and skipped providers are included: a provider that does not answer lowers the support for
 *       every direction rather than the bar.</li>
 *   <li>{@code S_d = Σ weight × confidence} over the OK votes for decision {@code d} (BUY, SELL, HOLD).</li>
 *   <li>{@code R} — the responded weight: the total weight of the OK votes, HOLD included.</li>
 *   <li>{@code n} — the number of counted OK votes: OK votes of weight above 0. A provider of weight 0 is an
 *       <em>observer</em>: its vote is shown but adds nothing to any of these sums.</li>
 * </ul>
 * HOLD is a real vote but not a direction: it adds to {@code W} and {@code R} (and to {@code n}) and never
 * competes with BUY or SELL. Failures never vote and are never replaced by a default decision.
 *
 * <h2>The rule</h2>
 * <ol>
 *   <li>No provider asked at all: HOLD, {@link ConsensusStatus#NO_QUORUM} (nothing could vote, so nothing
 *       failed).</li>
 *   <li>No OK vote from the providers asked: HOLD, {@link ConsensusStatus#ALL_FAILED}.</li>
 *   <li>Quorum: {@code R ≥ quorumFraction·W} and {@code n ≥ minOkVotes}; otherwise HOLD,
 *       {@link ConsensusStatus#NO_QUORUM}.</li>
 *   <li>{@code S_BUY = S_SELL}: HOLD, {@link ConsensusStatus#TIE} when they are above 0, else
 *       {@link ConsensusStatus#BELOW_THRESHOLD} (every counted vote was HOLD or had confidence 0).</li>
 *   <li>Let {@code lead} be the direction with the higher score and {@code other} the other one.
 *       {@code S_lead < leadFraction·W}: HOLD, {@link ConsensusStatus#BELOW_THRESHOLD}.</li>
 *   <li>{@code S_lead − S_other < marginFraction·W}: HOLD, {@link ConsensusStatus#CONTESTED}.</li>
 *   <li>Otherwise {@code lead}, {@link ConsensusStatus#DECIDED}.</li>
 * </ol>
 * A decided result has {@code confidence = S_lead / W} and {@code agreement = S_lead / R}; a result that is not
 * decided has both at 0 (no direction is being recommended; the scores and the margin still tell how close it
 * was). {@code margin = |S_BUY − S_SELL|}.
 *
 * <p>Worked example with the defaults: BUY 0.8, BUY 0.7, SELL 0.6, HOLD 0.5, all of weight 1. {@code W = 4},
 * {@code R = 4}, {@code S_BUY = 1.5}, {@code S_SELL = 0.6}, {@code n = 4}. Quorum: {@code 4 ≥ 2} and
 * {@code 4 ≥ 2}. Lead BUY: {@code 1.5 ≥ 1.0} and margin {@code 0.9 ≥ 0.4}, so BUY, confidence
 * {@code 1.5/4 = 0.375}, agreement {@code 1.5/4 = 0.375}.
 *
 * <h2>Exactness</h2>
 * Weights and confidences are taken at their shortest decimal value ({@link BigDecimal#valueOf(double)}) and
 * every sum, product and comparison is done in exact decimal arithmetic: the thresholds hold at their edges
 * (BUY 1.0 against SELL 0.6 of W = 4 meets the margin 0.4 exactly), and the result does not depend on the
 * order of the votes. Only the reported ratios are rounded, to the nearest {@code double}.
 *
 * <h2>Early decision</h2>
 * {@link #foresee} tells, from the votes settled so far and the weights of the providers still pending, whether
 * the decision and status are already certain for every way the pending providers could still answer: BUY, SELL
 * or HOLD with any confidence from 0 to 1, or a failure. It is exact, not a heuristic: it answers yes exactly
 * when no completion leads elsewhere.
 *
 * @param marginFraction the margin the leading direction needs over the other one, as a fraction of W
 *                       (default {@value #DEFAULT_MARGIN_FRACTION}), 0.0 to 1.0
 * @param leadFraction   the score the leading direction needs, as a fraction of W
 *                       (default {@value #DEFAULT_LEAD_FRACTION}), 0.0 to 1.0
 * @param quorumFraction the responded weight needed for quorum, as a fraction of W
 *                       (default {@value #DEFAULT_QUORUM_FRACTION}), 0.0 to 1.0
 * @param minOkVotes     the counted OK votes needed for quorum (default {@value #DEFAULT_MIN_OK_VOTES}), at least 0
 */
public record ConsensusPolicy(double marginFraction, double leadFraction, double quorumFraction, int minOkVotes) {

    /** The version of the rule above. A change to the rule itself gets a new number. */
    public static final String RULE_VERSION = "1";

    /** Default margin over the other direction: 10 % of W. */
    public static final double DEFAULT_MARGIN_FRACTION = 0.10;
    /** Default score the leading direction needs: 25 % of W. */
    public static final double DEFAULT_LEAD_FRACTION = 0.25;
    /** Default quorum: half of W responded. */
    public static final double DEFAULT_QUORUM_FRACTION = 0.5;
    /** Default quorum: at least two counted OK votes. */
    public static final int DEFAULT_MIN_OK_VOTES = 2;

    /** The rule with every default. */
    public static final ConsensusPolicy DEFAULT = new ConsensusPolicy(
            DEFAULT_MARGIN_FRACTION, DEFAULT_LEAD_FRACTION, DEFAULT_QUORUM_FRACTION, DEFAULT_MIN_OK_VOTES);

    private static final int RATIO_SCALE = 25;

    /**
     * @throws IllegalArgumentException naming every fraction outside 0.0 to 1.0 and a negative vote count
     */
    public ConsensusPolicy {
        List<String> problems = new ArrayList<>();
        checkFraction("marginFraction", marginFraction, problems);
        checkFraction("leadFraction", leadFraction, problems);
        checkFraction("quorumFraction", quorumFraction, problems);
        if (minOkVotes < 0) {
            problems.add("minOkVotes must be at least 0, but was " + minOkVotes);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private static void checkFraction(String name, double value, List<String> problems) {
        if (!(value >= 0 && value <= 1)) {
            problems.add(name + " must be from 0.0 to 1.0, but was " + value);
        }
    }

    public ConsensusPolicy withMarginFraction(double value) {
        return new ConsensusPolicy(value, leadFraction, quorumFraction, minOkVotes);
    }

    public ConsensusPolicy withLeadFraction(double value) {
        return new ConsensusPolicy(marginFraction, value, quorumFraction, minOkVotes);
    }

    public ConsensusPolicy withQuorumFraction(double value) {
        return new ConsensusPolicy(marginFraction, leadFraction, value, minOkVotes);
    }

    public ConsensusPolicy withMinOkVotes(int value) {
        return new ConsensusPolicy(marginFraction, leadFraction, quorumFraction, value);
    }

    /**
     * {@code 1} for the default thresholds; with other thresholds the rule version followed by all of them, e.g.
     * {@code 1;margin=0.15;lead=0.25;quorum=0.5;min_ok_votes=2}, so that a result can always be reproduced from
     * its {@code policy_version}.
     */
    public String version() {
        if (equals(DEFAULT)) {
            return RULE_VERSION;
        }
        return RULE_VERSION + ";margin=" + marginFraction + ";lead=" + leadFraction + ";quorum=" + quorumFraction
                + ";min_ok_votes=" + minOkVotes;
    }

    /**
     * Applies the rule to the votes of every provider asked. Pure: the same votes in any order give the same
     * tally (the dissent list keeps the input order).
     */
    public Tally evaluate(List<Vote> votes) {
        Sums sums = Sums.of(votes);
        Quorum quorum = quorum(sums);
        ConsensusStatus status;
        Decision decision = Decision.HOLD;
        if (votes.isEmpty()) {
            status = ConsensusStatus.NO_QUORUM;
        } else if (!sums.anyOk) {
            status = ConsensusStatus.ALL_FAILED;
        } else if (!quorum.met()) {
            status = ConsensusStatus.NO_QUORUM;
        } else {
            status = classify(sums.buy, sums.sell, sums.total);
            if (status.isDecided()) {
                decision = sums.buy.compareTo(sums.sell) > 0 ? Decision.BUY : Decision.SELL;
            }
        }
        double confidence = 0;
        double agreement = 0;
        if (status.isDecided()) {
            BigDecimal lead = decision == Decision.BUY ? sums.buy : sums.sell;
            confidence = ratio(lead, sums.total);
            agreement = ratio(lead, sums.responded);
        }
        List<Vote> dissent = new ArrayList<>();
        for (Vote v : votes) {
            if (v.counts() && v.decision() != decision) {
                dissent.add(v);
            }
        }
        Scores scores = new Scores(sums.buy.doubleValue(), sums.sell.doubleValue(), sums.hold.doubleValue());
        double margin = sums.buy.subtract(sums.sell).abs().doubleValue();
        return new Tally(decision, status, confidence, agreement, scores, margin, quorum, dissent);
    }

    /**
     * Whether the outcome is already certain. {@code settled} are the votes in so far (any status);
     * {@code pendingWeights} the weights of the providers still being waited for, each of which could still
     * answer BUY, SELL or HOLD with any confidence, or fail.
     *
     * <p>Returns the certain decision and status, with the range the confidence could still end in, when every
     * completion gives the same decision and status; empty otherwise. Precisely, with {@code P} the pending
     * weight, {@code B, S} the settled scores ({@code B ≥ S} without loss of generality) and {@code d = B − S}:
     * <ul>
     *   <li>Quorum not met yet: certain only when it can no longer be met ({@code R + P < q·W} or too few
     *       providers left) and the status is known: NO_QUORUM once any OK vote is in or when no provider was
     *       asked at all, ALL_FAILED when nothing is pending.</li>
     *   <li>DECIDED (BUY): certain when even {@code P} for SELL leaves the margin: {@code d − P ≥ m·W} and
     *       {@code d − P > 0}. The confidence then ends within {@code [B/W, (B+P)/W]}.</li>
     *   <li>TIE: certain only when nothing of positive weight is pending.</li>
     *   <li>CONTESTED: certain when neither a tie ({@code P ≥ d}) nor a decision ({@code d + P ≥ m·W}) can be
     *       reached.</li>
     *   <li>BELOW_THRESHOLD: certain when no direction can reach {@code l·W} ({@code B + P < l·W}) and no tie
     *       can be reached ({@code P < d}; when {@code B = S = 0}, fewer than two providers of positive weight
     *       pending).</li>
     * </ul>
     *
     * @throws IllegalArgumentException when a pending weight is negative or not finite
     */
    public java.util.Optional<EarlyDecision> foresee(List<Vote> settled, List<Double> pendingWeights) {
        Sums sums = Sums.of(settled);
        BigDecimal pending = BigDecimal.ZERO;
        int pendingCounted = 0;
        for (Double w : pendingWeights) {
            Objects.requireNonNull(w, "pending weight");
            if (!(w >= 0) || w.isInfinite()) {
                throw new IllegalArgumentException("a pending weight must be a finite number of at least 0, but was " + w);
            }
            if (w > 0) {
                pending = pending.add(BigDecimal.valueOf(w));
                pendingCounted++;
            }
        }
        BigDecimal total = sums.total.add(pending);
        BigDecimal quorumWeight = fraction(quorumFraction).multiply(total);
        boolean quorumMet = sums.responded.compareTo(quorumWeight) >= 0 && sums.counted >= minOkVotes;

        if (!quorumMet) {
            boolean reachable = sums.responded.add(pending).compareTo(quorumWeight) >= 0
                    && sums.counted + pendingCounted >= minOkVotes;
            if (reachable) {
                return java.util.Optional.empty();
            }
            if (sums.anyOk) {
                return certain(Decision.HOLD, ConsensusStatus.NO_QUORUM, ConfidenceRange.point(0));
            }
            // Only an OK answer from a pending provider (observers included) would turn ALL_FAILED into NO_QUORUM.
            if (!pendingWeights.isEmpty()) {
                return java.util.Optional.empty();
            }
            return certain(Decision.HOLD, settled.isEmpty() ? ConsensusStatus.NO_QUORUM : ConsensusStatus.ALL_FAILED,
                    ConfidenceRange.point(0));
        }

        BigDecimal b = sums.buy;
        BigDecimal s = sums.sell;
        ConsensusStatus now = classify(b, s, total);
        BigDecimal high = b.max(s);
        BigDecimal d = b.subtract(s).abs();
        boolean none = pendingCounted == 0;
        switch (now) {
            case DECIDED -> {
                BigDecimal worst = d.subtract(pending);
                if (worst.signum() > 0 && worst.compareTo(fraction(marginFraction).multiply(total)) >= 0) {
                    Decision decision = b.compareTo(s) > 0 ? Decision.BUY : Decision.SELL;
                    ConfidenceRange range = new ConfidenceRange(ratio(high, total), ratio(high.add(pending), total));
                    return certain(decision, now, range);
                }
                return java.util.Optional.empty();
            }
            case TIE -> {
                return none ? certain(Decision.HOLD, now, ConfidenceRange.point(0)) : java.util.Optional.empty();
            }
            case CONTESTED -> {
                boolean tieReachable = pending.compareTo(d) >= 0;
                boolean decisionReachable = d.add(pending).compareTo(fraction(marginFraction).multiply(total)) >= 0;
                return none || (!tieReachable && !decisionReachable)
                        ? certain(Decision.HOLD, now, ConfidenceRange.point(0))
                        : java.util.Optional.empty();
            }
            case BELOW_THRESHOLD -> {
                boolean leadReachable = pendingCounted > 0
                        && high.add(pending).compareTo(fraction(leadFraction).multiply(total)) >= 0;
                boolean tieReachable = d.signum() == 0 ? pendingCounted >= 2 : pending.compareTo(d) >= 0;
                return none || (!leadReachable && !tieReachable)
                        ? certain(Decision.HOLD, now, ConfidenceRange.point(0))
                        : java.util.Optional.empty();
            }
            default -> throw new IllegalStateException("quorum is met, so the status cannot be " + now);
        }
    }

    private static java.util.Optional<EarlyDecision> certain(Decision d, ConsensusStatus s, ConfidenceRange r) {
        return java.util.Optional.of(new EarlyDecision(d, s, r));
    }

    private Quorum quorum(Sums sums) {
        BigDecimal required = fraction(quorumFraction).multiply(sums.total);
        boolean met = sums.responded.compareTo(required) >= 0 && sums.counted >= minOkVotes;
        return new Quorum(sums.total.doubleValue(), required.doubleValue(), sums.responded.doubleValue(),
                minOkVotes, sums.counted, met);
    }

    /** Steps 3 to 6 of the rule, for a request whose quorum is met. */
    private ConsensusStatus classify(BigDecimal buy, BigDecimal sell, BigDecimal total) {
        int cmp = buy.compareTo(sell);
        if (cmp == 0) {
            return buy.signum() > 0 ? ConsensusStatus.TIE : ConsensusStatus.BELOW_THRESHOLD;
        }
        BigDecimal lead = cmp > 0 ? buy : sell;
        BigDecimal other = cmp > 0 ? sell : buy;
        if (lead.compareTo(fraction(leadFraction).multiply(total)) < 0) {
            return ConsensusStatus.BELOW_THRESHOLD;
        }
        if (lead.subtract(other).compareTo(fraction(marginFraction).multiply(total)) < 0) {
            return ConsensusStatus.CONTESTED;
        }
        return ConsensusStatus.DECIDED;
    }

    private static BigDecimal fraction(double f) {
        return BigDecimal.valueOf(f);
    }

    private static double ratio(BigDecimal numerator, BigDecimal denominator) {
        // 25 decimal places (20+ significant digits for any ratio above 1e-5) round to the nearest double; a
        // fixed scale also spares the costly stripping of zeros that divide(MathContext) does on exact quotients.
        return denominator.signum() == 0 ? 0 : numerator.divide(denominator, RATIO_SCALE, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** The exact sums of the definitions above. */
    private static final class Sums {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal responded = BigDecimal.ZERO;
        BigDecimal buy = BigDecimal.ZERO;
        BigDecimal sell = BigDecimal.ZERO;
        BigDecimal hold = BigDecimal.ZERO;
        int counted;
        boolean anyOk;

        static Sums of(List<Vote> votes) {
            Sums s = new Sums();
            for (Vote v : votes) {
                BigDecimal w = BigDecimal.valueOf(v.weight());
                s.total = s.total.add(w);
                if (!v.isOk()) {
                    continue;
                }
                s.anyOk = true;
                if (v.weight() == 0) {
                    continue;
                }
                s.counted++;
                s.responded = s.responded.add(w);
                BigDecimal score = w.multiply(BigDecimal.valueOf(v.confidence()));
                switch (v.decision()) {
                    case BUY -> s.buy = s.buy.add(score);
                    case SELL -> s.sell = s.sell.add(score);
                    case HOLD -> s.hold = s.hold.add(score);
                }
            }
            return s;
        }
    }
}
