package dev.llmservice.journal;

import dev.llmservice.consensus.marketdata.Timeframe;
import dev.llmservice.consensus.policy.ConsensusStatus;
import dev.llmservice.consensus.vote.Decision;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A journal entry as the scorecard reads it ({@link DecisionJournal#forEachScoring}): the part of a
 * {@link JournalEntry} that scoring uses, so that a hundred thousand entries are read without their fingerprints,
 * versions, latencies and the votes' reasoning text. The fields mean what they mean in {@link JournalEntry}.
 *
 * @param recordedAt   when the consensus was made
 * @param pair         e.g. {@code BTC/USDT}
 * @param timeframe    candle length
 * @param lastCandleAt open time of the newest candle of the market data
 * @param lastClose    close of that candle: the price the decision is measured from
 * @param decision     BUY, SELL or HOLD
 * @param status       why (decided, tie, contested, below_threshold, no_quorum, all_failed)
 * @param confidence   the consensus confidence, 0.0 to 1.0
 * @param votes        every provider asked, in the order the entry lists them
 */
public record ScoringEntry(
        Instant recordedAt,
        String pair,
        Timeframe timeframe,
        Instant lastCandleAt,
        double lastClose,
        Decision decision,
        ConsensusStatus status,
        double confidence,
        List<ScoringVote> votes) {

    public ScoringEntry {
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(timeframe, "timeframe");
        Objects.requireNonNull(lastCandleAt, "lastCandleAt");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(status, "status");
        votes = List.copyOf(votes);
    }

    /** The scoring part of {@code entry}. */
    public static ScoringEntry of(JournalEntry entry) {
        return new ScoringEntry(entry.recordedAt(), entry.pair(), entry.timeframe(), entry.lastCandleAt(),
                entry.lastClose(), entry.decision(), entry.status(), entry.confidence(),
                entry.votes().stream().map(ScoringVote::of).toList());
    }
}
