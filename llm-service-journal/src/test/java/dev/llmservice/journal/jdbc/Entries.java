package dev.llmservice.journal.jdbc;

import dev.llmservice.consensus.marketdata.Timeframe;
import dev.llmservice.consensus.policy.ConfidenceRange;
import dev.llmservice.consensus.policy.ConsensusStatus;
import dev.llmservice.consensus.policy.Quorum;
import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.VoteStatus;
import dev.llmservice.journal.JournalEntry;
import dev.llmservice.journal.JournalVote;
import dev.llmservice.provider.FailureKind;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Journal entries for the tests: four votes each, as a real consensus of the built-in providers records them, with a
 * quorum requirement other than the default policy's and an early-stopped confidence range, so that a column left
 * unwritten shows.
 */
final class Entries {

    static final Instant T0 = Instant.parse("2026-03-14T09:26:53.589Z");

    private Entries() {
    }

    static JournalEntry entry(Instant at, String pair) {
        return entry(UUID.randomUUID().toString(), at, pair);
    }

    static JournalEntry entry(String id, Instant at, String pair) {
        return new JournalEntry(id, at, pair, Timeframe.M5, Instant.parse("2026-03-14T09:20:00Z"), 64_123.45,
                "9f".repeat(32), "1", "1", Decision.BUY, ConsensusStatus.DECIDED, 0.6125, 0.8166666666666667, true,
                Duration.ofMillis(1_234), List.of(
                        new JournalVote("anthropic", "claude-sonnet-4-5-20250929", 1.0, VoteStatus.OK, Decision.BUY, 0.85,
                                "RSI recovering from 38 with MACD crossing up; ünïcode ✓", Duration.ofMillis(812), 1_850,
                                96, new BigDecimal("0.00699"), null),
                        new JournalVote("openai", "gpt-4.1", 0.75, VoteStatus.OK, Decision.HOLD, 0.55, "", Duration.ofMillis(640),
                                1_702, 41, new BigDecimal("0.003732"), null),
                        new JournalVote("gemini", "gemini-2.5-pro", 0.5, VoteStatus.TIMEOUT, null, null, null,
                                Duration.ofMillis(30_000), 0, 0, BigDecimal.ZERO, null, FailureKind.TIMEOUT,
                                "no answer within 30 s (the provider's timeout)"),
                        new JournalVote("grok", "grok-5-preview", 1.0, VoteStatus.OK, Decision.BUY, 0.7, "trend up",
                                Duration.ofMillis(1_101), 1_790, 120, null, "no price for model grok-5-preview")),
                new Quorum(3.25, 2.4375, 2.75, 3, 3, true), new ConfidenceRange(0.6125, 0.7307692307692307));
    }

    /** The known cost of one {@link #entry}: 0.00699 + 0.003732 + 0, grok's unknown. */
    static final BigDecimal ENTRY_COST = new BigDecimal("0.010722");
}
