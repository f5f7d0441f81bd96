package dev.llmservice.operations;

import dev.llmservice.config.ApiKey;
import dev.llmservice.config.Environment;
import dev.llmservice.config.ProviderConfig;
import dev.llmservice.consensus.ConsensusCache;
import dev.llmservice.consensus.ConsensusCacheTtl;
import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.MultiProviderOrchestrator;
import dev.llmservice.testing.TestMarketData;
import dev.llmservice.consensus.marketdata.Candle;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.report.ConsensusJson;
import dev.llmservice.consensus.report.ConsensusTable;
import dev.llmservice.cost.CostCalculator;
import dev.llmservice.journal.JournalSettings;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.TokenUsage;
import dev.llmservice.testing.FakeProvider;
import dev.llmservice.testing.FakeProviderType;
import dev.llmservice.testing.MemoryJournal;
import dev.llmservice.testing.VirtualTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One spend per candle: identical requests share one fan-out, as the CLI and the server run them. */
class ConsensusCacheTest {

    /** The newest candle of {@link TestMarketData#marketData(int) marketData(60)} opened at 16:55; the next at 17:00. */
    static final Instant NOW = Instant.parse("2024-05-01T16:58:00Z");
    static final String VOTE = "{\"decision\": \"BUY\", \"confidence\": 0.9, \"reasoning\": \"the trend says so\"}";

    final VirtualTime time = VirtualTime.frozenAt(NOW);
    final FakeProviderType typeA = FakeProviderType.named("a").usualAnswer(VOTE, new TokenUsage(900, 40),
            Duration.ofMillis(5));
    final FakeProviderType typeB = FakeProviderType.named("b").usualAnswer(VOTE, new TokenUsage(900, 40),
            Duration.ofMillis(5));
    final AtomicReference<List<LlmProvider>> providers = new AtomicReference<>(List.of(
            FakeProvider.standalone(typeA, 1, Duration.ofSeconds(30)),
            FakeProvider.standalone(typeB, 1, Duration.ofSeconds(30))));
    final MultiProviderOrchestrator orchestrator = MultiProviderOrchestrator.builder(() -> providers.get()).build();
    final MemoryJournal journal = new MemoryJournal();
    final MarketData data = TestMarketData.marketData(60);

    @AfterEach
    void close() {
        orchestrator.close();
    }

    LocalConsensus consensus(String ttl) {
        Map<String, String> env = ttl == null ? Map.of() : Map.of(ConsensusCacheTtl.VARIABLE, ttl);
        ConsensusSettings settings = ConsensusSettings.load(Environment.of(env), List.of("a", "b"));
        return new LocalConsensus(orchestrator, journal, settings, ConsensusCache.inProcess(time), time);
    }

    int vendorCalls() {
        return typeA.generations() + typeB.generations();
    }

    @Test
    void twoIdenticalRequestsAtOnceAskEachProviderOnceAndGetTheSameRecordedResult() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        typeA.generating((p, r) -> {
            release.await();
            return p.reply(VOTE);
        });
        LocalConsensus ops = consensus(null);
        ExecutorService bots = Executors.newFixedThreadPool(2);
        try {
            Future<ConsensusResult> first = bots.submit(() -> ops.consensus(data));
            assertThat(typeA.created().get(0).called().await(10, TimeUnit.SECONDS)).isTrue();
            AtomicReference<Thread> secondThread = new AtomicReference<>();
            Future<ConsensusResult> second = bots.submit(() -> {
                secondThread.set(Thread.currentThread());
                return ops.consensus(TestMarketData.marketData(60));   // the same candles, parsed again
            });
            awaitWaiting(secondThread);
            release.countDown();

            ConsensusResult one = first.get(10, TimeUnit.SECONDS);
            ConsensusResult two = second.get(10, TimeUnit.SECONDS);

            assertThat(typeA.generations()).isEqualTo(1);
            assertThat(typeB.generations()).isEqualTo(1);
            assertThat(one.cached()).isFalse();
            assertThat(two.cached()).isTrue();
            assertThat(two.id()).isEqualTo(one.id()).isNotNull();
            assertThat(journal.entries).hasSize(1);
            assertThat(ConsensusJson.toNode(two).get("cached").asBoolean()).isTrue();
            assertThat(ConsensusJson.toNode(one).get("cached").asBoolean()).isFalse();
            assertThat(ConsensusTable.render(two)).contains("id " + one.id() + ", recorded " + one.createdAt()
                    + " (cached: an identical request's result; nothing asked or spent for this one)");
            assertThat(ConsensusTable.render(one)).doesNotContain("cached");
            assertThat(ConsensusJson.toJson(two.recordedAs(two.id(), two.createdAt())))
                    .isEqualTo(ConsensusJson.toJson(one.asCached()));
        } finally {
            release.countDown();
            bots.shutdownNow();
        }
    }

    /** Until {@code thread} is parked waiting (for the request in flight). */
    private static void awaitWaiting(AtomicReference<Thread> thread) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.get() == null || thread.get().getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime() - giveUp).as("the second request never waited").isNegative();
            Thread.onSpinWait();
        }
    }

    @Test
    void aLaterIdenticalRequestGetsTheKeptResultUntilTheNextCandleOpens() {
        LocalConsensus ops = consensus(null);
        ConsensusResult asked = ops.consensus(data);

        time.sleep(Duration.ofSeconds(119));                   // 16:59:59
        ConsensusResult kept = ops.consensus(data);

        assertThat(vendorCalls()).isEqualTo(2);
        assertThat(kept.cached()).isTrue();
        assertThat(kept.id()).isEqualTo(asked.id());
        assertThat(journal.entries).hasSize(1);

        time.sleep(Duration.ofSeconds(1));                     // 17:00: the next candle opens
        ConsensusResult again = ops.consensus(data);

        assertThat(vendorCalls()).isEqualTo(4);
        assertThat(again.cached()).isFalse();
        assertThat(again.id()).isNotEqualTo(asked.id());
        assertThat(journal.entries).hasSize(2);
    }

    @Test
    void aTtlInSecondsKeepsTheResultThatLong() {
        LocalConsensus ops = consensus("30");
        ops.consensus(data);

        time.sleep(Duration.ofSeconds(29));
        assertThat(ops.consensus(data).cached()).isTrue();
        time.sleep(Duration.ofSeconds(1));
        assertThat(ops.consensus(data).cached()).isFalse();

        assertThat(vendorCalls()).isEqualTo(4);
    }

    @Test
    void ttlZeroAsksTheProvidersEveryTime() {
        LocalConsensus ops = consensus("0");

        ConsensusResult one = ops.consensus(data);
        ConsensusResult two = ops.consensus(data);

        assertThat(vendorCalls()).isEqualTo(4);
        assertThat(two.cached()).isFalse();
        assertThat(two.id()).isNotEqualTo(one.id());
        assertThat(journal.entries).hasSize(2);
    }

    @Test
    void aChangedWeightModelOrCandleIsANewQuestion() {
        LocalConsensus ops = consensus(null);
        ops.consensus(data);

        providers.set(List.of(FakeProvider.standalone(typeA, 0.5, Duration.ofSeconds(30)),
                FakeProvider.standalone(typeB, 1, Duration.ofSeconds(30))));
        assertThat(ops.consensus(data).cached()).as("another weight").isFalse();

        ProviderConfig other = new ProviderConfig("b", ApiKey.of("test-key-b-qwertyuiop"), true, "model-b-2", 1, 1024,
                0.7, Duration.ofSeconds(30), 0, URI.create("http://127.0.0.1:9"));
        providers.set(List.of(providers.get().get(0), typeB.create(other)));
        assertThat(ops.consensus(data).cached()).as("another model").isFalse();

        List<Candle> candles = new ArrayList<>(data.candles());
        Candle last = candles.remove(candles.size() - 1);
        candles.add(new Candle(last.date(), last.open(), last.high(), last.low(), last.close(), last.volume() + 1));
        MarketData moved = new MarketData(data.pair(), data.timeframe(), candles, data.indicators());
        assertThat(ops.consensus(moved).cached()).as("another volume in the last candle").isFalse();

        assertThat(ops.consensus(moved).cached()).as("the same again").isTrue();
        assertThat(vendorCalls()).isEqualTo(8);
        assertThat(journal.entries).hasSize(4);
    }

    @Test
    void aResultThatSpentNothingIsNotKept() {
        typeA.failingWith(dev.llmservice.provider.FailureKind.UNAVAILABLE);
        typeB.failingWith(dev.llmservice.provider.FailureKind.UNAVAILABLE);
        LocalConsensus ops = consensus(null);

        ops.consensus(data);                                   // all_failed
        ConsensusResult again = ops.consensus(data);

        assertThat(again.cached()).isFalse();
        assertThat(vendorCalls()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "5m", "1e3", "2678401", "0.0001", "NaN"})
    void anInvalidTtlIsRefusedNamingTheVariableAndTheValue(String raw) {
        assertThatThrownBy(() -> ConsensusSettings.load(Environment.of(Map.of(ConsensusCacheTtl.VARIABLE, raw)),
                List.of()))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.lines()).containsExactly(
                        "LLM_CONSENSUS_CACHE_TTL was '" + raw + "' but it must be a number of seconds from 0 to "
                                + "2678400 (0: off; unset: until the next candle of the timeframe opens)"));
    }

    @Test
    void theTtlIsReadAsSecondsAndDefaultsToTheNextCandle() {
        assertThat(ConsensusSettings.load(Environment.of(Map.of()), List.of()).cacheTtl())
                .isEqualTo(ConsensusCacheTtl.UNTIL_NEXT_CANDLE);
        assertThat(ConsensusSettings.load(Environment.of(Map.of(ConsensusCacheTtl.VARIABLE, " 0 ")), List.of())
                .cacheTtl().isOff()).isTrue();
        assertThat(ConsensusSettings.load(Environment.of(Map.of(ConsensusCacheTtl.VARIABLE, "90.5")), List.of())
                .cacheTtl().fixed()).isEqualTo(Duration.ofMillis(90_500));
    }

    @Test
    void untilTheNextCandleFollowsTheMarketDatasCandleGrid() {
        ConsensusCacheTtl ttl = ConsensusCacheTtl.UNTIL_NEXT_CANDLE;
        Instant last = Instant.parse("2024-05-01T16:55:00Z");
        var tf = data.timeframe();

        assertThat(ttl.keepUntil(Instant.parse("2024-05-01T16:58:00Z"), last, tf))
                .isEqualTo(Instant.parse("2024-05-01T17:00:00Z"));
        assertThat(ttl.keepUntil(Instant.parse("2024-05-01T17:00:00Z"), last, tf)).as("at the open: the one after")
                .isEqualTo(Instant.parse("2024-05-01T17:05:00Z"));
        assertThat(ttl.keepUntil(Instant.parse("2024-05-01T18:31:00Z"), last, tf)).as("old data")
                .isEqualTo(Instant.parse("2024-05-01T18:35:00Z"));
    }
}
