package dev.llmservice.scorecard;

import dev.llmservice.consensus.marketdata.Candle;
import dev.llmservice.consensus.marketdata.Timeframe;
import dev.llmservice.consensus.policy.ConsensusStatus;
import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.cost.Usd;
import dev.llmservice.journal.JournalEntry;
import dev.llmservice.journal.ScoringEntry;
import dev.llmservice.journal.ScoringVote;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

/**
 * The scorecard: how the journal's decisions turned out, computed from journal entries and the candles that
 * followed them. A pure function: no database, no clock.
 *
 * <h2>Hit</h2>
 * For an entry whose newest candle closed at {@code c0}, and whose candle {@code N} timeframes later
 * ({@code N} = horizon, default {@value #DEFAULT_HORIZON}) closed at {@code c1}: {@code r = c1/c0 − 1}. With
 * {@code m} the minimum move (default {@value #DEFAULT_MIN_MOVE} = 0.1 %), a BUY is a hit if {@code r > m}, a SELL if
 * {@code r < −m}, a HOLD if {@code |r| ≤ m}. The comparison is made in exact decimals of the prices as given, so a
 * move of exactly {@code m} is a HOLD. An entry whose horizon candle is not among the candles (not yet closed, or a
 * gap) is left out and counted in {@code entries_pending}. Only {@code ok} votes are scored.
 *
 * <h2>Statistics</h2>
 * {@code hit_rate_ci95} is the Wilson score interval at z = 1.959964; {@code brier} the mean of
 * {@code (confidence − hit)²}; {@code mean_return_after_buy} / {@code _sell} the mean {@code r} after those votes.
 *
 * <h2>Suggested weight</h2>
 * For a provider with at least {@value #MIN_VOTES_FOR_WEIGHT} scored votes: its base rate {@code b} is the share
 * of the most common outcome (BUY, SELL or HOLD, from {@code r}) among the entries it was scored on, that is the hit
 * rate of always answering that outcome. Its skill is {@code (hit_rate − b) / (1 − b)}, clipped at 0 (0 as well when
 * {@code b = 1}). The suggested weight is its skill divided by the best skill among such providers: 1.0 for the
 * best, 0 for one no better than the base rate, and 0 for all when none beats its base rate. Below
 * {@value #MIN_VOTES_FOR_WEIGHT} votes it is {@code null}: too few to tell. Values are rounded to 2 decimals.
 */
public final class Scorecards {

    public static final int DEFAULT_HORIZON = 1;
    public static final double DEFAULT_MIN_MOVE = 0.001;
    /** Scored votes a provider needs before a weight is suggested for it. */
    public static final int MIN_VOTES_FOR_WEIGHT = 30;

    /** The 97.5 % quantile of the standard normal distribution. */
    static final double Z95 = 1.959963984540054;

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final Set<ConsensusStatus> CONSENSUS_PREDICTIONS = Set.of(ConsensusStatus.DECIDED,
            ConsensusStatus.TIE, ConsensusStatus.CONTESTED, ConsensusStatus.BELOW_THRESHOLD);

    private Scorecards() {
    }

    /** The scorecard with the default horizon and minimum move. */
    public static Scorecard compute(String pair, Timeframe timeframe, Iterable<JournalEntry> entries,
                                    List<Candle> candles) {
        return compute(pair, timeframe, entries, candles, DEFAULT_HORIZON, DEFAULT_MIN_MOVE);
    }

    /**
     * The scorecard of {@code pair} and {@code timeframe}: entries of other pairs or timeframes are ignored.
     *
     * @param candles of this pair and timeframe, in any order; they must reach past the entries to score them
     * @param horizon at least 1
     * @param minMove at least 0, a fraction (0.001 = 0.1 %)
     */
    public static Scorecard compute(String pair, Timeframe timeframe, Iterable<JournalEntry> entries,
                                    List<Candle> candles, int horizon, double minMove) {
        Objects.requireNonNull(entries, "entries");
        Iterable<ScoringEntry> scoring = () -> StreamSupport.stream(entries.spliterator(), false)
                .map(ScoringEntry::of).iterator();
        return computeScoring(pair, timeframe, scoring, candles, horizon, minMove);
    }

    /**
     * {@link #computeScoring(String, Timeframe, Iterable, List, int, double)} with the default horizon and minimum
     * move.
     */
    public static Scorecard computeScoring(String pair, Timeframe timeframe, Iterable<ScoringEntry> entries,
                                           List<Candle> candles) {
        return computeScoring(pair, timeframe, entries, candles, DEFAULT_HORIZON, DEFAULT_MIN_MOVE);
    }

    /**
     * The scorecard of {@code pair} and {@code timeframe} from entries in the narrow form the journal reads fast
     * ({@link dev.llmservice.journal.DecisionJournal#forEachScoring}): the same scorecard {@link #compute} gives for
     * the full entries, given in the same order (newest first, as the journal reads them; the sums of doubles
     * depend on the order in their last bits). Entries of other pairs or timeframes are ignored.
     *
     * @param candles of this pair and timeframe, in any order; they must reach past the entries to score them
     * @param horizon at least 1
     * @param minMove at least 0, a fraction (0.001 = 0.1 %)
     */
    public static Scorecard computeScoring(String pair, Timeframe timeframe, Iterable<ScoringEntry> entries,
                                           List<Candle> candles, int horizon, double minMove) {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(timeframe, "timeframe");
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon was " + horizon + " but it must be a whole number of at least 1");
        }
        if (!(minMove >= 0) || Double.isInfinite(minMove)) {
            throw new IllegalArgumentException("min_move was " + minMove + " but it must be a number of at least 0");
        }
        Map<Instant, Double> closes = new HashMap<>(candles.size() * 2);
        for (Candle c : candles) {
            closes.put(c.date(), c.close());
        }
        // Neighbouring entries mostly share their candles: convert each close to a decimal once.
        LastDecimal c0s = new LastDecimal();
        LastDecimal c1s = new LastDecimal();
        BigDecimal m = BigDecimal.valueOf(minMove);
        BigDecimal minusM = m.negate();
        Duration ahead = timeframe.duration().multipliedBy(horizon);

        Map<String, Tally> providers = new HashMap<>(); // sorted by name once, at the end
        Tally consensus = new Tally();
        int scored = 0;
        int pending = 0;
        for (ScoringEntry e : entries) {
            if (!e.pair().equals(pair) || e.timeframe() != timeframe) {
                continue;
            }
            Double c1 = closes.get(e.lastCandleAt().plus(ahead));
            if (c1 == null || !(e.lastClose() > 0)) {
                pending++;
                continue;
            }
            scored++;
            BigDecimal r = c1s.of(c1).divide(c0s.of(e.lastClose()), MC).subtract(BigDecimal.ONE);
            Decision outcome = r.compareTo(m) > 0 ? Decision.BUY : r.compareTo(minusM) < 0 ? Decision.SELL : Decision.HOLD;
            double ret = r.doubleValue();
            for (ScoringVote v : e.votes()) {
                Tally t = providers.computeIfAbsent(v.provider(), k -> new Tally());
                t.addCost(v.costUsd());
                consensus.addCost(v.costUsd());
                if (v.isOk()) {
                    t.add(v.decision(), v.confidence(), outcome, ret);
                }
            }
            if (CONSENSUS_PREDICTIONS.contains(e.status())) {
                consensus.add(e.decision(), e.confidence(), outcome, ret);
            }
        }

        double bestSkill = 0;
        for (Tally t : providers.values()) {
            if (t.n >= MIN_VOTES_FOR_WEIGHT) {
                bestSkill = Math.max(bestSkill, t.skill());
            }
        }
        List<ProviderScore> scores = new ArrayList<>(providers.size());
        for (Map.Entry<String, Tally> p : new TreeMap<>(providers).entrySet()) {
            Tally t = p.getValue();
            Double weight = null;
            if (t.n >= MIN_VOTES_FOR_WEIGHT) {
                weight = bestSkill > 0 ? round(t.skill() / bestSkill, 2) : 0.0;
            }
            scores.add(new ProviderScore(p.getKey(), t.n, t.hits, t.hitRate(), t.wilson(), t.brier(),
                    t.meanReturn(Decision.BUY), t.meanReturn(Decision.SELL), t.cost(), t.costPerHit(), weight));
        }
        ConsensusScore c = new ConsensusScore(consensus.n, consensus.hits, consensus.hitRate(), consensus.wilson(),
                consensus.brier(), consensus.meanReturn(Decision.BUY), consensus.meanReturn(Decision.SELL),
                consensus.cost(), consensus.costPerHit());
        return new Scorecard(pair, timeframe.code(), horizon, minMove, scored, pending, scores, c);
    }

    /** The 95 % Wilson score interval of {@code hits} out of {@code n}; {@code null} when {@code n} is 0. */
    static double[] wilson(int hits, int n) {
        if (n == 0) {
            return null;
        }
        double p = (double) hits / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    private static Double round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** {@link BigDecimal#valueOf(double)} remembering the last value it converted. */
    private static final class LastDecimal {
        private double value = Double.NaN;
        private BigDecimal decimal;

        BigDecimal of(double v) {
            if (decimal == null || Double.doubleToLongBits(v) != Double.doubleToLongBits(value)) {
                value = v;
                decimal = BigDecimal.valueOf(v);
            }
            return decimal;
        }
    }

    /** Running sums for one provider, or the consensus. */
    private static final class Tally {
        int n;
        int hits;
        double brierSum;
        final Map<Decision, Integer> outcomes = new EnumMap<>(Decision.class);
        final Map<Decision, double[]> returns = new EnumMap<>(Decision.class); // {sum, count}
        BigDecimal cost = BigDecimal.ZERO;
        boolean costUnknown;

        void add(Decision decision, double confidence, Decision outcome, double ret) {
            n++;
            int hit = decision == outcome ? 1 : 0;
            hits += hit;
            brierSum += (confidence - hit) * (confidence - hit);
            outcomes.merge(outcome, 1, Integer::sum);
            double[] r = returns.computeIfAbsent(decision, d -> new double[2]);
            r[0] += ret;
            r[1]++;
        }

        void addCost(BigDecimal usd) {
            if (usd == null) {
                costUnknown = true;
            } else {
                cost = cost.add(usd);
            }
        }

        Double hitRate() {
            return n == 0 ? null : round((double) hits / n, 4);
        }

        List<Double> wilson() {
            double[] ci = Scorecards.wilson(hits, n);
            return ci == null ? null : List.of(round(ci[0], 4), round(ci[1], 4));
        }

        Double brier() {
            return n == 0 ? null : round(brierSum / n, 4);
        }

        Double meanReturn(Decision decision) {
            double[] r = returns.get(decision);
            return r == null ? null : round(r[0] / r[1], 6);
        }

        BigDecimal cost() {
            return costUnknown ? null : Usd.normalize(cost);
        }

        BigDecimal costPerHit() {
            BigDecimal total = cost();
            return total == null || hits == 0 ? null : Usd.normalize(total.divide(BigDecimal.valueOf(hits), MC));
        }

        /** {@code (hit_rate − base) / (1 − base)}, clipped at 0, base being the share of the most common outcome. */
        double skill() {
            if (n == 0) {
                return 0;
            }
            int most = outcomes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            double base = (double) most / n;
            if (base >= 1) {
                return 0;
            }
            return Math.max(0, ((double) hits / n - base) / (1 - base));
        }
    }
}
