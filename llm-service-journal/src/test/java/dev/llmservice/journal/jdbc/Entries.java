package dev.llmservice.journal.jdbc;

import dev.llmservice.consensus.marketdata.Candle;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
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

    /** Where {@link #mixed} entries start: 00:00 UTC, so 5-minute candles start there too. */
    static final Instant MIXED_START = Instant.parse("2026-03-14T00:00:00Z");
    private static final String[] PROVIDERS = {"anthropic", "openai", "gemini", "grok"};

    /**
     * {@code n} entries of every kind, returned in random order: BTC/USDT and (one in 7) ETH/USDT, 5m and (one in 5)
     * 1h, every decision and status, full-precision confidences, three entries per millisecond (the id decides their
     * order), none to four votes in any order, answers and failures, costs known and (grok, now and then) unknown,
     * one close of 0. One minute of entries per 20 s.
     */
    static List<JournalEntry> mixed(Random random, int n) {
        List<JournalEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Instant at = MIXED_START.plusSeconds(20L * (i / 3)).plusMillis(250);
            Timeframe timeframe = i % 5 == 0 ? Timeframe.H1 : Timeframe.M5;
            long step = timeframe.duration().toSeconds();
            Instant lastCandle = Instant.ofEpochSecond(at.getEpochSecond() / step * step).minus(timeframe.duration());
            int voteCount = i % 11 == 0 ? 0 : i % 11 == 1 ? 1 : 2 + random.nextInt(3);
            List<String> providers = new ArrayList<>(List.of(PROVIDERS));
            Collections.shuffle(providers, random);
            List<JournalVote> votes = new ArrayList<>();
            for (String provider : providers.subList(0, voteCount)) {
                votes.add(vote(random, provider));
            }
            entries.add(new JournalEntry(new UUID(random.nextLong(), random.nextLong()).toString(), at,
                    i % 7 == 0 ? "ETH/USDT" : "BTC/USDT", timeframe, lastCandle,
                    i == 13 ? 0 : 59_500 + random.nextDouble() * 1_000, "9f".repeat(32), "1", "1",
                    pick(random, Decision.values()), pick(random, ConsensusStatus.values()), random.nextDouble(),
                    random.nextDouble(), random.nextBoolean(), Duration.ofMillis(random.nextInt(5_000)), votes));
        }
        Collections.shuffle(entries, random);
        return entries;
    }

    private static JournalVote vote(Random random, String provider) {
        int kind = random.nextInt(10);
        BigDecimal cost = BigDecimal.valueOf(random.nextInt(1_000_000), 8);
        boolean unpriced = provider.equals("grok") && random.nextInt(4) == 0;
        String note = unpriced ? "no price for model grok-5-preview" : null;
        Duration latency = Duration.ofMillis(random.nextInt(30_000));
        if (kind < 7) {
            return new JournalVote(provider, provider + "-model", 1.0, VoteStatus.OK, pick(random, Decision.values()),
                    random.nextDouble(), "reasoning " + random.nextInt(), latency, 1_800, 90, unpriced ? null : cost,
                    note);
        }
        VoteStatus status = kind == 7 ? VoteStatus.TIMEOUT : kind == 8 ? VoteStatus.ERROR : VoteStatus.UNPARSEABLE;
        return new JournalVote(provider, provider + "-model", 0.5, status, null, null, null, latency, 0, 0,
                unpriced ? null : kind == 9 ? cost : BigDecimal.ZERO, note);
    }

    /**
     * 5-minute closes of BTC/USDT from {@link #MIXED_START} over the {@link #mixed} entries' time and beyond, moving
     * by up to 1 % either way; every 9th candle is missing, so the entries measured against it stay pending.
     */
    static List<Candle> candles(Random random) {
        List<Candle> candles = new ArrayList<>();
        for (int k = 0; k < 12 * 24; k++) {
            if (k % 9 != 8) {
                double close = 59_700 + random.nextDouble() * 600;
                candles.add(new Candle(MIXED_START.plus(Duration.ofMinutes(5L * k)), close, close, close, close, 1));
            }
        }
        return candles;
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    /** The known cost of one {@link #entry}: 0.00699 + 0.003732 + 0, grok's unknown. */
    static final BigDecimal ENTRY_COST = new BigDecimal("0.010722");
}
