package dev.llmservice.journal;

import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.testing.TestMarketData;
import dev.llmservice.consensus.marketdata.Candle;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.marketdata.MarketDataParser;
import dev.llmservice.consensus.policy.ConfidenceRange;
import dev.llmservice.consensus.policy.ConsensusPolicy;
import dev.llmservice.consensus.policy.ConsensusStatus;
import dev.llmservice.consensus.policy.Tally;
import dev.llmservice.consensus.prompt.ConsensusPrompt;
import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.consensus.vote.VoteStatus;
import dev.llmservice.cost.CostCalculator;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.TokenUsage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JournalEntryTest {

    static final Instant AT = Instant.parse("2026-03-14T09:26:53.589Z");

    static ConsensusResult result(MarketData data, String longReasoning) {
        List<Vote> votes = List.of(
                Vote.ok("anthropic", "claude-sonnet-4-5-20250929", 1, Decision.BUY, 0.8, longReasoning,
                        Duration.ofNanos(812_345_678), new TokenUsage(1_850, 96)),
                Vote.ok("openai", "gpt-4.1", 1, Decision.BUY, 0.7, "MACD turning up.", Duration.ofMillis(640),
                        new TokenUsage(1_702, 41)),
                Vote.failed("gemini", "gemini-2.5-pro", 1, VoteStatus.ERROR, FailureKind.RATE_LIMITED, "429",
                        Duration.ofMillis(120), TokenUsage.NONE),
                Vote.ok("grok", "grok-5-preview", 1, Decision.SELL, 0.6, "Lower highs.", Duration.ofMillis(455),
                        new TokenUsage(920, 20)));
        Tally tally = ConsensusPolicy.DEFAULT.evaluate(votes);
        return ConsensusResult.of(data.pair(), data.timeframe(), data.lastCandleDate(), tally, votes, false,
                ConfidenceRange.point(tally.confidence()), Duration.ofMillis(1_215), ConsensusPolicy.DEFAULT.version());
    }

    static JournalEntry entry() {
        MarketData data = TestMarketData.marketData(60);
        return JournalEntry.of("0195ab1e-0000-7000-8000-000000000001", AT, result(data, "ok"), data,
                CostCalculator.bundled());
    }

    @Test
    void anEntryGivesBackTheResultItRecordsWithItsIdAndTheCostsTheVotesWerePricedWith() {
        MarketData data = TestMarketData.marketData(60);
        ConsensusResult priced = result(data, "ok");
        priced = ConsensusResult.of(priced.pair(), priced.timeframe(), priced.lastCandle(),
                ConsensusPolicy.DEFAULT.evaluate(priced.votes().stream()
                        .map(v -> v.pricedBy(CostCalculator.bundled())).toList()),
                priced.votes().stream().map(v -> v.pricedBy(CostCalculator.bundled())).toList(), false,
                priced.confidenceRange(), priced.latency(), priced.policyVersion());

        // A calculator that knows no price: the votes' own costs are the ones recorded.
        JournalEntry e = JournalEntry.of("id-2", AT, priced, data, new CostCalculator(
                new dev.llmservice.cost.PriceTable(java.time.LocalDate.EPOCH, java.util.Map.of()), java.util.Map.of()));

        // The same document a consensus answers (the journal keeps whole milliseconds, as the JSON shows them).
        assertThat(dev.llmservice.consensus.report.ConsensusJson.toCompactJson(e.toResult()))
                .isEqualTo(dev.llmservice.consensus.report.ConsensusJson.toCompactJson(priced.recordedAs("id-2", AT)));
        assertThat(e.votes().get(0).costUsd()).isEqualByComparingTo("0.00699");
        assertThat(e.votes().get(2).error()).isEqualTo("429");
        assertThat(e.votes().get(2).failure()).isEqualTo(FailureKind.RATE_LIMITED);
    }

    @Test
    void anEntryKeepsTheRequestTheOutcomeAndEachVoteWithItsCost() {
        MarketData data = TestMarketData.marketData(60);
        String reasoning = "é".repeat(499) + "✓✓✓ and more";

        JournalEntry e = JournalEntry.of("id-1", AT.plusNanos(123_456), result(data, reasoning), data,
                CostCalculator.bundled());

        assertThat(e.recordedAt()).isEqualTo(AT);
        assertThat(e.pair()).isEqualTo("BTC/USDT");
        assertThat(e.timeframe().code()).isEqualTo("5m");
        assertThat(e.lastCandleAt()).isEqualTo(Instant.parse("2024-05-01T16:55:00Z"));
        assertThat(e.lastClose()).isEqualTo(data.lastCandle().close());
        assertThat(e.candlesFingerprint()).isEqualTo(CandleFingerprint.of(data.candles())).hasSize(64);
        assertThat(e.promptVersion()).isEqualTo(ConsensusPrompt.VERSION);
        assertThat(e.policyVersion()).isEqualTo("1");
        assertThat(e.decision()).isEqualTo(Decision.BUY);
        assertThat(e.status()).isEqualTo(ConsensusStatus.DECIDED);
        assertThat(e.latency()).isEqualTo(Duration.ofMillis(1_215));

        JournalVote anthropic = e.votes().get(0);
        assertThat(anthropic.reasoning()).isEqualTo("é".repeat(499) + "✓");
        assertThat(anthropic.latency()).isEqualTo(Duration.ofMillis(812));
        assertThat(anthropic.costUsd()).isEqualByComparingTo("0.00699");
        JournalVote gemini = e.votes().get(2);
        assertThat(gemini.status()).isEqualTo(VoteStatus.ERROR);
        assertThat(gemini.decision()).isNull();
        assertThat(gemini.costUsd()).isEqualByComparingTo("0");
        JournalVote grok = e.votes().get(3);
        assertThat(grok.costUsd()).isNull();
        assertThat(grok.costNote()).isEqualTo("no price for model grok-5-preview");

        // 0.00699 + (1,702 × 2 + 41 × 8) / 1e6 = 0.00699 + 0.003732; grok's is unknown.
        assertThat(e.knownCostUsd()).isEqualByComparingTo(new BigDecimal("0.010722"));
        assertThat(e.costComplete()).isFalse();
    }

    @Test
    void theSameCandlesHaveTheSameFingerprintWhateverFormatTheyCameInAndOtherCandlesAnother() {
        MarketData fromJson = MarketDataParser.parse(TestMarketData.json(60), null, null);
        MarketData fromCsv = MarketDataParser.parse(TestMarketData.csv(60), "BTC/USDT", "5m");

        assertThat(CandleFingerprint.of(fromJson.candles()))
                .isEqualTo(CandleFingerprint.of(fromCsv.candles()))
                .isNotEqualTo(CandleFingerprint.of(TestMarketData.candles(61)));
    }

    @Test
    void theFingerprintIsTheSha256OfOneLinePerCandleAsDocumented() throws Exception {
        List<Candle> candles = List.of(
                new Candle(Instant.parse("2026-03-14T12:00:00Z"), 64_012.5, 64_100, 63_950.25, 64_050, 12.75),
                new Candle(Instant.parse("2026-03-14T12:05:00Z"), 64_050, 64_080.125, 64_001, 64_002.5, 0.001));
        String lines = "1773489600000,64012.5,64100.0,63950.25,64050.0,12.75\n"
                + "1773489900000,64050.0,64080.125,64001.0,64002.5,0.001\n";

        assertThat(CandleFingerprint.of(candles)).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(lines.getBytes(StandardCharsets.US_ASCII))));
    }
}
