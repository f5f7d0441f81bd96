package dev.llmservice.consensus;

import dev.llmservice.consensus.marketdata.Timeframe;
import dev.llmservice.consensus.policy.ConfidenceRange;
import dev.llmservice.consensus.policy.ConsensusStatus;
import dev.llmservice.consensus.policy.Quorum;
import dev.llmservice.consensus.policy.Scores;
import dev.llmservice.consensus.policy.Tally;
import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.Vote;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.llmservice.consensus.report.ConsensusJson;
import dev.llmservice.cost.Usd;
import dev.llmservice.cost.VoteCost;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The answer to one consensus request. {@link dev.llmservice.consensus.report.ConsensusJson} writes it as the
 * documented JSON (also wherever Jackson meets it inside another document), {@link
 * dev.llmservice.consensus.report.ConsensusTable} as a table for people.
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
 * @param id              the decision journal's id of this result (a UUIDv7), or {@code null} when it was not
 *                        recorded ({@code LLM_JOURNAL=off}, or straight from the orchestrator)
 * @param createdAt       when the result was made and recorded, whole milliseconds; {@code null} with {@code id}
 * @param cached          whether this request shared the fan-out of an identical one (in flight or recent) instead of
 *                        asking the providers itself: then {@code id} and every other field are that request's, and
 *                        nothing was spent or recorded for this one (see
 *                        {@code dev.llmservice.operations.LocalConsensus}); {@code false} for a result asked for
 */
@JsonSerialize(using = ConsensusJson.Serializer.class)
@JsonDeserialize(using = ConsensusJson.Deserializer.class)
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
        String policyVersion,
        String id,
        Instant createdAt,
        boolean cached) {

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
        createdAt = createdAt == null ? null : createdAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** A result that was not {@linkplain #cached() shared}. */
    public ConsensusResult(String pair, Timeframe timeframe, Instant lastCandle, Instant validUntil, Decision decision,
                           ConsensusStatus status, double confidence, double agreement, Scores scores, double margin,
                           Quorum quorum, List<Vote> votes, List<Vote> dissent, boolean earlyStopped,
                           ConfidenceRange confidenceRange, Duration latency, String policyVersion, String id,
                           Instant createdAt) {
        this(pair, timeframe, lastCandle, validUntil, decision, status, confidence, agreement, scores, margin, quorum,
                votes, dissent, earlyStopped, confidenceRange, latency, policyVersion, id, createdAt, false);
    }

    /** Combines a tally with the request's context. */
    public static ConsensusResult of(String pair, Timeframe timeframe, Instant lastCandle, Tally tally, List<Vote> votes,
                                     boolean earlyStopped, ConfidenceRange confidenceRange, Duration latency,
                                     String policyVersion) {
        return new ConsensusResult(pair, timeframe, lastCandle, lastCandle.plus(timeframe.duration()), tally.decision(),
                tally.status(), tally.confidence(), tally.agreement(), tally.scores(), tally.margin(), tally.quorum(),
                votes, tally.dissent(), earlyStopped, confidenceRange, latency, policyVersion, null, null);
    }

    /** This result as recorded in the journal under {@code id} at {@code at}. */
    public ConsensusResult recordedAs(String id, Instant at) {
        return new ConsensusResult(pair, timeframe, lastCandle, validUntil, decision, status, confidence, agreement,
                scores, margin, quorum, votes, dissent, earlyStopped, confidenceRange, latency, policyVersion,
                Objects.requireNonNull(id, "id"), Objects.requireNonNull(at, "at"), cached);
    }

    /** This result as given to a request that shared its fan-out: the same, with {@code cached} set. */
    public ConsensusResult asCached() {
        return new ConsensusResult(pair, timeframe, lastCandle, validUntil, decision, status, confidence, agreement,
                scores, margin, quorum, votes, dissent, earlyStopped, confidenceRange, latency, policyVersion, id,
                createdAt, true);
    }

    /**
     * What the whole request cost in USD: the sum of its votes' costs; {@code null} when any vote's cost is
     * unknown (no price for its model, or not priced), since a sum without it would understate the cost.
     */
    public BigDecimal costUsd() {
        BigDecimal sum = BigDecimal.ZERO;
        for (Vote v : votes) {
            VoteCost cost = v.cost();
            if (cost == null || !cost.isKnown()) {
                return null;
            }
            sum = sum.add(cost.usd());
        }
        return Usd.normalize(sum);
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
