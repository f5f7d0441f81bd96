package dev.llmservice.consensus;

import dev.llmservice.consensus.marketdata.Timeframe;
import dev.llmservice.consensus.policy.ConfidenceRange;
import dev.llmservice.consensus.policy.ConsensusStatus;
import dev.llmservice.consensus.policy.Quorum;
import dev.llmservice.consensus.policy.Scores;
import dev.llmservice.consensus.policy.Tally;
import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.Vote;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The answer to one consensus request. {@link dev.llmservice.consensus.report.ConsensusJson} writes it as the
 * documented JSON, {@link dev.llmservice.consensus.report.ConsensusTable} as a table for people.
 *
 * @param pair            the pair asked about
 * @param timeframe       the candle length
 * @param lastCandle      the open time of the newest candle in the market data
 * @param validUntil      one timeframe after {@code lastCandle}
 * @param decision        BUY or SELL when {@code status} is decided, else HOLD
 * @param status          why (see {@link dev.llmservice.consensus.policy.ConsensusPolicy})
 * @param confidence      {@code S_lead / W} when decided, else 0
 * @param agreement       {@code S_lead / R} when decided, else 0
 * @param scores          {@code S_d} per decision
 * @param margin          {@code |S_BUY − S_SELL|}
 * @param quorum          required and responded weight and count
 * @param votes           every provider asked, in the order the provider source listed them (never arrival order)
 * @param dissent         the counted OK votes against the decision
 * @param earlyStopped    whether the request returned before every provider had answered (some votes cancelled)
 * @param confidenceRange where the confidence could still have ended had the request waited for every provider
 * @param latency         wall time of the whole request, parsing included
 * @param policyVersion   {@link dev.llmservice.consensus.policy.ConsensusPolicy#version()}
 */
public record ConsensusResult(
        String pair,
        Timeframe timeframe,
        Instant lastCandle,
        Instant validUntil,
        Decision decision,
        ConsensusStatus status,
        double confidence,
        double agreement,
        Scores scores,
        double margin,
        Quorum quorum,
        List<Vote> votes,
        List<Vote> dissent,
        boolean earlyStopped,
        ConfidenceRange confidenceRange,
        Duration latency,
        String policyVersion) {

    public ConsensusResult {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(timeframe, "timeframe");
        Objects.requireNonNull(lastCandle, "lastCandle");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(quorum, "quorum");
        votes = List.copyOf(votes);
        dissent = List.copyOf(dissent);
        Objects.requireNonNull(confidenceRange, "confidenceRange");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(policyVersion, "policyVersion");
    }

    /** Combines a tally with the request's context. */
    public static ConsensusResult of(String pair, Timeframe timeframe, Instant lastCandle, Tally tally, List<Vote> votes,
                                     boolean earlyStopped, ConfidenceRange confidenceRange, Duration latency,
                                     String policyVersion) {
        return new ConsensusResult(pair, timeframe, lastCandle, lastCandle.plus(timeframe.duration()), tally.decision(),
                tally.status(), tally.confidence(), tally.agreement(), tally.scores(), tally.margin(), tally.quorum(),
                votes, tally.dissent(), earlyStopped, confidenceRange, latency, policyVersion);
    }

    /** Whether BUY or SELL was decided. */
    public boolean isDecided() {
        return status.isDecided();
    }

    /** The freqtrade signal this result maps to. */
    public FreqtradeSignal freqtradeSignal() {
        return FreqtradeSignal.of(this);
    }
}
