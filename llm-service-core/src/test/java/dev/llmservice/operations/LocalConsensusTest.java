package dev.llmservice.operations;

import dev.llmservice.config.Environment;
import dev.llmservice.provider.TokenUsage;
import dev.llmservice.testing.FakeProvider;
import dev.llmservice.testing.FakeProviderType;
import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.MultiProviderOrchestrator;
import dev.llmservice.testing.TestMarketData;
import dev.llmservice.consensus.marketdata.Candle;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.policy.ConsensusStatus;
import dev.llmservice.consensus.report.ConsensusJson;
import dev.llmservice.consensus.vote.VoteStatus;
import dev.llmservice.cost.CostCalculator;
import dev.llmservice.cost.PriceTable;
import dev.llmservice.cost.Prices.PriceOverride;
import dev.llmservice.journal.DecisionJournal;
import dev.llmservice.journal.HistoryQuery;
import dev.llmservice.scorecard.Scorecard;
import dev.llmservice.testing.MemoryJournal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalConsensusTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T22:30:00.123Z"), ZoneOffset.UTC);
    /** Each fake call: 900 input and 40 output tokens at 1 and 10 USD per million: 0.0013 USD. */
    static final CostCalculator COSTS = new CostCalculator(PriceTable.bundled(), Map.of(
            "a", new PriceOverride(BigDecimal.ONE, BigDecimal.TEN), "b", new PriceOverride(BigDecimal.ONE, BigDecimal.TEN)));

    final FakeProvider a = voting("a", "BUY", 0.9);
    final FakeProvider b = voting("b", "BUY", 0.8);

    /** A provider answering at once with a well-formed vote, 900 tokens in and 40 out. */
    private static FakeProvider voting(String name, String decision, double confidence) {
        String text = "{\"decision\": \"" + decision + "\", \"confidence\": " + confidence
                + ", \"reasoning\": \"the trend says so\"}";
        return FakeProvider.standalone(FakeProviderType.named(name).usualAnswer(text, new TokenUsage(900, 40),
                java.time.Duration.ofMillis(5)), 1, java.time.Duration.ofSeconds(30));
    }
    final MultiProviderOrchestrator orchestrator = MultiProviderOrchestrator.builder(() -> List.of(a, b))
            .costs(COSTS).build();
    final MemoryJournal journal = new MemoryJournal();
    final MarketData data = TestMarketData.marketData(60);

    @AfterEach
    void close() {
        orchestrator.close();
    }

    LocalConsensus consensus(DecisionJournal j, String budget) {
        return new LocalConsensus(orchestrator, j, budget == null ? null : new BigDecimal(budget), CLOCK);
    }

    @Test
    void everyResultIsRecordedUnderTheIdItReturnsAndReadsBackAsTheSameDocument() {
        LocalConsensus ops = consensus(journal, null);

        ConsensusResult r = ops.consensus(data);

        assertThat(r.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(r.createdAt()).isEqualTo(CLOCK.instant());
        assertThat(r.costUsd()).isEqualByComparingTo("0.0026");
        assertThat(journal.entries).hasSize(1);
        assertThat(ConsensusJson.toJson(ops.decision(r.id()))).isEqualTo(ConsensusJson.toJson(r));
        assertThat(ops.history(HistoryQuery.newest()).entries()).extracting(ConsensusResult::id).containsExactly(r.id());
    }

    @Test
    void withTheJournalOffNothingIsRecordedAndTheResultHasNoId() {
        ConsensusResult r = consensus(DecisionJournal.off(), null).consensus(data);

        assertThat(r.id()).isNull();
        assertThat(r.createdAt()).isNull();
        assertThat(r.costUsd()).isEqualByComparingTo("0.0026");
    }

    @Test
    void onceTodaysSpendReachesTheBudgetNoProviderIsAskedAndTheStatusSaysWhy() {
        LocalConsensus ops = consensus(journal, "0.0026");
        ops.consensus(data);                                   // spends 0.0026: the budget

        ConsensusResult r = ops.consensus(data);

        assertThat(a.generations()).isEqualTo(1);
        assertThat(b.generations()).isEqualTo(1);
        assertThat(r.status()).isEqualTo(ConsensusStatus.BUDGET_EXHAUSTED);
        assertThat(r.isDecided()).isFalse();
        assertThat(r.votes()).extracting(v -> v.status()).containsOnly(VoteStatus.SKIPPED);
        assertThat(r.votes().get(0).error()).isEqualTo("not called: today's spend (UTC) of USD 0.002600 has reached "
                + "LLM_DAILY_BUDGET_USD=0.0026");
        assertThat(r.costUsd()).isEqualByComparingTo("0");
        assertThat(r.id()).isNotNull();
        assertThat(ops.spend()).isEqualTo(new dev.llmservice.status.StatusSummary.Spend(new BigDecimal("0.0026"),
                new BigDecimal("0.0026")));
    }

    @Test
    void aJournalThatIsDownStillGivesTheResultCountsTheLossAndTheBudgetHoldsForThisProcess() {
        LocalConsensus ops = consensus(journal, "0.004");
        ops.consensus(data);                                   // recorded, read back as today's spend next time
        journal.down = true;

        ConsensusResult second = ops.consensus(data);          // spend unreadable: 0.0026 read + 0 since
        ConsensusResult third = ops.consensus(data);           // 0.0026 + 0.0026 >= 0.004

        assertThat(second.status()).isEqualTo(ConsensusStatus.DECIDED);
        assertThat(second.id()).isNotNull();
        assertThat(third.status()).isEqualTo(ConsensusStatus.BUDGET_EXHAUSTED);
        assertThat(journal.dropped()).isEqualTo(2);
        assertThat(a.generations()).isEqualTo(2);
    }

    @Test
    void anUnknownIdIsReportedWithWhereItWasLookedFor() {
        assertThatThrownBy(() -> consensus(journal, null).decision("0190f6b2-0000-7000-8000-000000000000"))
                .isInstanceOf(UnknownDecisionException.class)
                .hasMessage("no consensus with id '0190f6b2-0000-7000-8000-000000000000' in the decision journal (memory)");
    }

    @Test
    void theScorecardScoresTheEntriesTheCandlesReachAndLeavesOutThoseBeforeThem() {
        LocalConsensus ops = consensus(journal, null);
        List<Candle> all = TestMarketData.candles(120);
        ops.consensus(new MarketData("BTC/USDT", data.timeframe(), all.subList(0, 55)));    // newest candle: 54
        ops.consensus(new MarketData("BTC/USDT", data.timeframe(), all.subList(0, 58)));    // newest candle: 57
        ops.consensus(new MarketData("ETH/USDT", data.timeframe(), all.subList(0, 55)));

        Scorecard card = ops.scorecard(new MarketData("BTC/USDT", data.timeframe(), all.subList(50, 110)), 1, 0.001);

        assertThat(card.entriesScored()).isEqualTo(2);
        assertThat(card.entriesPending()).isZero();
        assertThat(card.providers()).extracting(p -> p.name()).containsExactly("a", "b");

        // Candles from 57 on: the decision on candle 54 cannot be scored against them and is not counted as pending.
        Scorecard later = ops.scorecard(new MarketData("BTC/USDT", data.timeframe(), all.subList(57, 110)), 1, 0.001);
        assertThat(later.entriesScored()).isEqualTo(1);
        assertThat(later.entriesPending()).isZero();
    }

    @Test
    void settingsThatCannotBeUsedAreAllNamedWithTheirValues() {
        assertThatThrownBy(() -> ConsensusSettings.load(Environment.of(Map.of(
                "LLM_JOURNAL_URL", "jdbc:mysql://db/llm", "OPENAI_INPUT_PRICE", "abc", "LLM_DAILY_BUDGET_USD", "0")),
                List.of("openai")))
                .isInstanceOf(InvalidSettingsException.class)
                .satisfies(e -> assertThat(((InvalidSettingsException) e).lines()).containsExactly(
                        "LLM_JOURNAL_URL was 'jdbc:mysql://db/llm' but it must be jdbc:sqlite:FILE (e.g. "
                                + "jdbc:sqlite:/var/lib/llm-service/journal.db) or jdbc:postgresql://HOST[:PORT]/DATABASE",
                        "OPENAI_INPUT_PRICE was 'abc' but it must be a number >= 0 (USD per million tokens)",
                        "LLM_DAILY_BUDGET_USD was '0' but it must be a number > 0 (USD per UTC day)"));
    }

    @Test
    void aBudgetWithoutTheJournalThatCountsItIsRefused() {
        assertThatThrownBy(() -> ConsensusSettings.load(Environment.of(Map.of(
                "LLM_JOURNAL", "off", "LLM_DAILY_BUDGET_USD", "5")), List.of()))
                .hasMessage("LLM_DAILY_BUDGET_USD was '5' but it must be unset while LLM_JOURNAL is off (the day's "
                        + "spend is counted in the decision journal)");
    }

    @Test
    void historyAndScorecardParametersAreCheckedTogether() {
        assertThatThrownBy(() -> ConsensusQueries.history("BTC/USDT", "yesterday", "0", null))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessage("since was 'yesterday' but it must be an ISO-8601 date (2024-05-01, midnight UTC) or "
                        + "instant (2024-05-01T16:00:00Z); limit was '0' but it must be a whole number from 1 to 1000");
        assertThat(ConsensusQueries.history(null, "2024-05-01", "10", " ").since())
                .isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(ConsensusQueries.history(null, "2024-05-01T16:00:00+02:00", null, null).since())
                .isEqualTo(Instant.parse("2024-05-01T14:00:00Z"));
        assertThatThrownBy(() -> ConsensusQueries.scorecard("0", "-1"))
                .hasMessage("horizon was '0' but it must be a whole number of candles from 1 to 1000; min_move was '-1' "
                        + "but it must be a percentage from 0 to 100, e.g. 0.1");
        assertThat(ConsensusQueries.scorecard("3", "0.25")).isEqualTo(new ConsensusQueries.ScorecardParameters(3, 0.0025));
    }
}
