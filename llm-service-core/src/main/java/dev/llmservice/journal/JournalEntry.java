package dev.llmservice.journal;

import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.marketdata.Timeframe;
import dev.llmservice.consensus.policy.ConfidenceRange;
import dev.llmservice.consensus.policy.ConsensusPolicy;
import dev.llmservice.consensus.policy.ConsensusStatus;
import dev.llmservice.consensus.policy.Quorum;
import dev.llmservice.consensus.policy.Tally;
import dev.llmservice.consensus.prompt.ConsensusPrompt;
import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.cost.CostCalculator;
import dev.llmservice.cost.Usd;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * One consensus as the journal keeps it: enough to tell later what was asked, what was answered, what it cost and
 * (with the candles that followed) whether it was right.
 *
 * @param id                 unique, time-ordered ({@link JournalIds}); returned with the consensus result
 * @param recordedAt         when the consensus was made, whole milliseconds, UTC
 * @param pair               e.g. {@code BTC/USDT}
 * @param timeframe          candle length
 * @param lastCandleAt       open time of the newest candle of the market data
 * @param lastClose          close of that candle: the price the decision is measured from
 * @param candlesFingerprint {@link CandleFingerprint} of all the candles asked about
 * @param promptVersion      {@link ConsensusPrompt#VERSION} at the time
 * @param policyVersion      the consensus policy's version, e.g. {@code 1}
 * @param decision           BUY, SELL or HOLD
 * @param status             why (decided, tie, contested, below_threshold, no_quorum, all_failed)
 * @param confidence         the consensus confidence, 0.0 to 1.0
 * @param agreement          the consensus agreement, 0.0 to 1.0
 * @param earlyStopped       whether it was decided before every provider had answered
 * @param latency            wall time of the request, whole milliseconds
 * @param votes              every provider asked, in the order the result lists them
 * @param quorum             the quorum as the policy of the time required it
 * @param confidenceRange    where the confidence could still have ended (wider than a point when early-stopped)
 */
public record JournalEntry(
        String id,
        Instant recordedAt,
        String pair,
        Timeframe timeframe,
        Instant lastCandleAt,
        double lastClose,
        String candlesFingerprint,
        String promptVersion,
        String policyVersion,
        Decision decision,
        ConsensusStatus status,
        double confidence,
        double agreement,
        boolean earlyStopped,
        Duration latency,
        List<JournalVote> votes,
        Quorum quorum,
        ConfidenceRange confidenceRange) {

    public JournalEntry {
        Objects.requireNonNull(id, "id");
        recordedAt = Objects.requireNonNull(recordedAt, "recordedAt").truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(timeframe, "timeframe");
        lastCandleAt = Objects.requireNonNull(lastCandleAt, "lastCandleAt").truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(candlesFingerprint, "candlesFingerprint");
        Objects.requireNonNull(promptVersion, "promptVersion");
        Objects.requireNonNull(policyVersion, "policyVersion");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(status, "status");
        latency = Objects.requireNonNull(latency, "latency").truncatedTo(ChronoUnit.MILLIS);
        votes = List.copyOf(votes);
        Objects.requireNonNull(quorum, "quorum");
        Objects.requireNonNull(confidenceRange, "confidenceRange");
        if (id.isEmpty() || id.length() > JournalIds.MAX_LENGTH) {
            throw new IllegalArgumentException("id must have 1 to " + JournalIds.MAX_LENGTH + " characters");
        }
    }

    /**
     * An entry whose quorum is what {@link ConsensusPolicy#DEFAULT} requires of its votes and whose confidence is
     * certain (not early-stopped, or its range unknown).
     */
    public JournalEntry(String id, Instant recordedAt, String pair, Timeframe timeframe, Instant lastCandleAt,
                        double lastClose, String candlesFingerprint, String promptVersion, String policyVersion,
                        Decision decision, ConsensusStatus status, double confidence, double agreement,
                        boolean earlyStopped, Duration latency, List<JournalVote> votes) {
        this(id, recordedAt, pair, timeframe, lastCandleAt, lastClose, candlesFingerprint, promptVersion, policyVersion,
                decision, status, confidence, agreement, earlyStopped, latency, votes,
                ConsensusPolicy.DEFAULT.evaluate(votes.stream().map(JournalVote::toVote).toList()).quorum(),
                ConfidenceRange.point(confidence));
    }

    /**
     * The entry for a consensus: the result, the market data it was computed from, the costs of its votes.
     *
     * @param id         from {@link JournalIds#next}, the same id the caller returns with the result
     * @param recordedAt when the result was made
     */
    public static JournalEntry of(String id, Instant recordedAt, ConsensusResult result, MarketData data,
                                  CostCalculator costs) {
        return new JournalEntry(id, recordedAt, result.pair(), result.timeframe(), data.lastCandleDate(),
                data.lastCandle().close(), CandleFingerprint.of(data.candles()), ConsensusPrompt.VERSION,
                result.policyVersion(), result.decision(), result.status(), result.confidence(), result.agreement(),
                result.earlyStopped(), result.latency(),
                result.votes().stream().map(v -> JournalVote.of(v, costs)).toList(), result.quorum(),
                result.confidenceRange());
    }

    /**
     * The consensus result this entry records, in the shape a consensus returns, with its id and time: the scores,
     * margin and dissent are recomputed from the votes (they depend on the votes alone), a vote's reasoning is the
     * journal's first {@value JournalVote#MAX_REASONING} characters.
     */
    public ConsensusResult toResult() {
        List<Vote> asVotes = votes.stream().map(JournalVote::toVote).toList();
        // Scores and margin are sums over the votes, the same under any thresholds; the quorum is the recorded one.
        Tally sums = ConsensusPolicy.DEFAULT.evaluate(asVotes);
        List<Vote> dissent = asVotes.stream().filter(v -> v.counts() && v.decision() != decision).toList();
        return new ConsensusResult(pair, timeframe, lastCandleAt, lastCandleAt.plus(timeframe.duration()), decision,
                status, confidence, agreement, sums.scores(), sums.margin(), quorum, asVotes, dissent, earlyStopped,
                confidenceRange, latency, policyVersion, id, recordedAt);
    }

    /** The sum of the votes' known costs, in USD (0 when none is known); see {@link #costComplete()}. */
    public BigDecimal knownCostUsd() {
        BigDecimal sum = BigDecimal.ZERO;
        for (JournalVote v : votes) {
            if (v.costUsd() != null) {
                sum = sum.add(v.costUsd());
            }
        }
        return Usd.normalize(sum);
    }

    /** Whether every vote's cost is known, so that {@link #knownCostUsd()} is the whole cost. */
    public boolean costComplete() {
        return votes.stream().allMatch(v -> v.costUsd() != null);
    }
}
