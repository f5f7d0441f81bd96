package dev.llmservice.scorecard;

import dev.llmservice.consensus.marketdata.Candle;
import dev.llmservice.consensus.marketdata.Timeframe;
import dev.llmservice.consensus.policy.ConsensusStatus;
import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.VoteStatus;
import dev.llmservice.journal.JournalEntry;
import dev.llmservice.journal.JournalVote;
import dev.llmservice.journal.ScoringEntry;
import dev.llmservice.journal.ScoringVote;
import dev.llmservice.json.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scorecard's worked example, computed by hand (1h candles, horizon 1, minimum move 0.1 %):
 * <pre>
 * entry  newest candle  c0        c1 (one later)  r                         outcome
 * E1     10:00          100       101             +0.01                     BUY
 * E2     11:00          101       100.899         −0.001 (exactly −m)       HOLD
 * E3     12:00          100.899   99.89001        −0.01                     SELL
 * E4     13:00          99.89001  (no candle)     pending
 *
 *             E1          E2          E3           scored  hits  brier
 * anthropic   BUY 0.8 ✓   HOLD 0.6 ✓  BUY 0.7 ✗    3       2     (0.2² + 0.4² + 0.7²)/3 = 0.69/3 = 0.23
 * openai      SELL 0.9 ✗  timeout     SELL 0.6 ✓   2       1     (0.9² + 0.4²)/2 = 0.97/2 = 0.485
 * consensus   BUY 0.5 ✓   HOLD 0 ✓    (no_quorum)  2       2     (0.5² + 1²)/2 = 0.625
 * </pre>
 * Returns: anthropic after BUY (0.01 − 0.01)/2 = 0; openai after SELL (0.01 − 0.01)/2 = 0; consensus after BUY 0.01.
 * Costs: anthropic 0.01 a call, 3 calls = 0.03, per hit 0.015; openai 0.002 + 0 + 0.002 = 0.004, per hit 0.004;
 * consensus 0.034, per hit 0.017. Wilson 95 %: 2/3 → [0.2077, 0.9385], 1/2 → [0.0945, 0.9055], 2/2 → [0.3424, 1].
 */
class ScorecardsTest {

    static final Instant T10 = Instant.parse("2026-03-14T10:00:00Z");

    static Instant hour(int h) {
        return T10.plus(Duration.ofHours(h - 10));
    }

    static Candle candle(int h, double close) {
        return new Candle(hour(h), close, close, close, close, 1);
    }

    static JournalVote ok(String provider, Decision d, double confidence, String cost) {
        return new JournalVote(provider, "m", 1, VoteStatus.OK, d, confidence, "", Duration.ZERO, 100, 10,
                new BigDecimal(cost), null);
    }

    static JournalVote timeout(String provider) {
        return new JournalVote(provider, "m", 1, VoteStatus.TIMEOUT, null, null, null, Duration.ZERO, 0, 0,
                BigDecimal.ZERO, null);
    }

    static JournalEntry entry(String pair, int h, double close, Decision decision, ConsensusStatus status,
                              double confidence, JournalVote... votes) {
        return new JournalEntry("e" + h + pair, hour(h).plusSeconds(3_600), pair, Timeframe.H1, hour(h), close, "f", "1",
                "1", decision, status, confidence, confidence, false, Duration.ZERO, List.of(votes));
    }

    static final List<Candle> CANDLES = List.of(candle(10, 100), candle(11, 101), candle(12, 100.899),
            candle(13, 99.89001));

    static final List<JournalEntry> ENTRIES = List.of(
            entry("BTC/USDT", 10, 100, Decision.BUY, ConsensusStatus.DECIDED, 0.5,
                    ok("anthropic", Decision.BUY, 0.8, "0.01"), ok("openai", Decision.SELL, 0.9, "0.002")),
            entry("BTC/USDT", 11, 101, Decision.HOLD, ConsensusStatus.BELOW_THRESHOLD, 0,
                    ok("anthropic", Decision.HOLD, 0.6, "0.01"), timeout("openai")),
            entry("BTC/USDT", 12, 100.899, Decision.HOLD, ConsensusStatus.NO_QUORUM, 0,
                    ok("anthropic", Decision.BUY, 0.7, "0.01"), ok("openai", Decision.SELL, 0.6, "0.002")),
            entry("BTC/USDT", 13, 99.89001, Decision.BUY, ConsensusStatus.DECIDED, 0.9,
                    ok("anthropic", Decision.BUY, 0.9, "0.01")),
            entry("ETH/USDT", 10, 100, Decision.SELL, ConsensusStatus.DECIDED, 0.9,
                    ok("anthropic", Decision.SELL, 0.9, "0.01")));

    @Test
    void theWorkedExampleComputedByHand() {
        Scorecard card = Scorecards.compute("BTC/USDT", Timeframe.H1, ENTRIES, CANDLES);

        assertThat(card.entriesScored()).isEqualTo(3);
        assertThat(card.entriesPending()).isEqualTo(1);
        assertThat(card.providers()).containsExactly(
                new ProviderScore("anthropic", 3, 2, 0.6667, List.of(0.2077, 0.9385), 0.23, 0.0, null,
                        new BigDecimal("0.03"), new BigDecimal("0.015"), null),
                new ProviderScore("openai", 2, 1, 0.5, List.of(0.0945, 0.9055), 0.485, null, 0.0,
                        new BigDecimal("0.004"), new BigDecimal("0.004"), null));
        assertThat(card.consensus()).isEqualTo(new ConsensusScore(2, 2, 1.0, List.of(0.3424, 1.0), 0.625, 0.01, null,
                new BigDecimal("0.034"), new BigDecimal("0.017")));
        assertThat(card.weightLines()).as("below 30 votes nothing is suggested").isEmpty();
    }

    @Test
    void theNarrowFormTheJournalReadsFastGivesTheSameScorecard() {
        List<ScoringEntry> narrow = ENTRIES.stream().map(ScoringEntry::of).toList();

        assertThat(Scorecards.computeScoring("BTC/USDT", Timeframe.H1, narrow, CANDLES))
                .isEqualTo(Scorecards.compute("BTC/USDT", Timeframe.H1, ENTRIES, CANDLES));
        assertThat(Scorecards.computeScoring("BTC/USDT", Timeframe.H1, narrow, CANDLES, 2, 0.01))
                .isEqualTo(Scorecards.compute("BTC/USDT", Timeframe.H1, ENTRIES, CANDLES, 2, 0.01));
        assertThat(narrow.get(1).votes().get(1)).as("a failed vote keeps its provider and cost, nothing to score")
                .isEqualTo(new ScoringVote("openai", null, null, BigDecimal.ZERO))
                .matches(v -> !v.isOk());
    }

    @Test
    void theJsonHasTheDocumentedShape() {
        String json = Json.compact(Scorecards.compute("BTC/USDT", Timeframe.H1, ENTRIES, CANDLES));

        assertThat(json).startsWith("{\"pair\":\"BTC/USDT\",\"timeframe\":\"1h\",\"horizon\":1,\"min_move\":0.001,"
                + "\"entries_scored\":3,\"entries_pending\":1,\"providers\":[{\"name\":\"anthropic\",\"votes_scored\":3,"
                + "\"hits\":2,\"hit_rate\":0.6667,\"hit_rate_ci95\":[0.2077,0.9385],\"brier\":0.23,"
                + "\"mean_return_after_buy\":0.0,\"mean_return_after_sell\":null,\"cost_usd\":0.03,"
                + "\"cost_per_hit_usd\":0.015,\"suggested_weight\":null},")
                .endsWith("\"consensus\":{\"votes_scored\":2,\"hits\":2,\"hit_rate\":1.0,\"hit_rate_ci95\":[0.3424,1.0],"
                        + "\"brier\":0.625,\"mean_return_after_buy\":0.01,\"mean_return_after_sell\":null,"
                        + "\"cost_usd\":0.034,\"cost_per_hit_usd\":0.017}}");
    }

    @Test
    void aLongerHorizonAndALargerMinimumMoveChangeTheOutcomes() {
        // Horizon 2 from E1: 100 → 100.899 = +0.899 %: with m = 1 % that is a HOLD, so anthropic's BUY misses.
        Scorecard card = Scorecards.compute("BTC/USDT", Timeframe.H1, ENTRIES, CANDLES, 2, 0.01);

        assertThat(card.entriesScored()).isEqualTo(2);
        assertThat(card.entriesPending()).isEqualTo(2);
        ProviderScore anthropic = card.providers().get(0);
        // E1 BUY vs HOLD: miss; E2 101 → 99.89001 = −1.1 %: SELL, anthropic's HOLD misses.
        assertThat(anthropic.hits()).isZero();
        assertThat(anthropic.votesScored()).isEqualTo(2);
    }

    @Test
    void suggestedWeightsScaleSkillOverTheBaseRateToTheBestProvider() {
        // 40 hours: the price rises 1 % in 30 of them and falls 1 % in 10, so the base rate (always BUY) is 0.75.
        List<Candle> candles = new ArrayList<>();
        List<JournalEntry> entries = new ArrayList<>();
        double price = 100;
        candles.add(new Candle(T10, price, price, price, price, 1));
        for (int i = 0; i < 40; i++) {
            boolean up = i % 4 != 0;
            Decision outcome = up ? Decision.BUY : Decision.SELL;
            Instant at = T10.plus(Duration.ofHours(i));
            List<JournalVote> votes = new ArrayList<>();
            votes.add(ok("perfect", outcome, 1.0, "0.001"));
            votes.add(ok("always_buy", Decision.BUY, 0.75, "0.001"));
            votes.add(ok("good", i < 36 ? outcome : outcome.opposite(), 0.9, "0.001"));   // 36 of 40
            if (i < 29) {
                votes.add(ok("newcomer", outcome, 1.0, "0.001"));
            }
            entries.add(new JournalEntry("e" + i, at, "BTC/USDT", Timeframe.H1, at, price, "f", "1", "1", outcome,
                    ConsensusStatus.DECIDED, 0.5, 0.5, false, Duration.ZERO, votes));
            price = price * (up ? 1.01 : 0.99);
            candles.add(new Candle(at.plus(Duration.ofHours(1)), price, price, price, price, 1));
        }

        Scorecard card = Scorecards.compute("BTC/USDT", Timeframe.H1, entries, candles);

        assertThat(card.providers()).extracting(ProviderScore::name, ProviderScore::suggestedWeight).containsExactly(
                org.assertj.core.groups.Tuple.tuple("always_buy", 0.0),
                org.assertj.core.groups.Tuple.tuple("good", 0.6),           // (0.9 − 0.75) / (1 − 0.75) = 0.6
                org.assertj.core.groups.Tuple.tuple("newcomer", null),      // 29 votes: too few
                org.assertj.core.groups.Tuple.tuple("perfect", 1.0));
        assertThat(card.weightLines()).containsExactly("ALWAYS_BUY_WEIGHT=0.00", "GOOD_WEIGHT=0.60", "PERFECT_WEIGHT=1.00");
    }

    @Test
    void anUnknownCostLeavesTheProvidersCostUnknownRatherThanTooLow() {
        JournalVote unpriced = new JournalVote("grok", "grok-5-preview", 1, VoteStatus.OK, Decision.BUY, 0.8, "",
                Duration.ZERO, 100, 10, null, "no price for model grok-5-preview");
        List<JournalEntry> entries = List.of(entry("BTC/USDT", 10, 100, Decision.BUY, ConsensusStatus.DECIDED, 0.5,
                ok("grok", Decision.BUY, 0.8, "0.01"), unpriced));

        Scorecard card = Scorecards.compute("BTC/USDT", Timeframe.H1, entries, CANDLES);

        assertThat(card.providers().get(0).costUsd()).isNull();
        assertThat(card.providers().get(0).costPerHitUsd()).isNull();
        assertThat(card.consensus().costUsd()).isNull();
    }

    @Test
    void badParametersNameTheirValue() {
        assertThatThrownBy(() -> Scorecards.compute("BTC/USDT", Timeframe.H1, ENTRIES, CANDLES, 0, 0.001))
                .hasMessage("horizon was 0 but it must be a whole number of at least 1");
        assertThatThrownBy(() -> Scorecards.compute("BTC/USDT", Timeframe.H1, ENTRIES, CANDLES, 1, -0.1))
                .hasMessage("min_move was -0.1 but it must be a number of at least 0");
    }
}
