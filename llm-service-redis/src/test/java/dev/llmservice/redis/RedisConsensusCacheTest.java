package dev.llmservice.redis;

import dev.llmservice.config.Environment;
import dev.llmservice.consensus.ConsensusCache;
import dev.llmservice.consensus.ConsensusCacheTtl;
import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.MultiProviderOrchestrator;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.report.ConsensusJson;
import dev.llmservice.json.Json;
import dev.llmservice.operations.ConsensusSettings;
import dev.llmservice.operations.LocalConsensus;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.TokenUsage;
import dev.llmservice.redis.testing.TestRedis;
import dev.llmservice.shared.SharedState;
import dev.llmservice.testing.CapturedStderr;
import dev.llmservice.testing.FakeProvider;
import dev.llmservice.testing.FakeProviderType;
import dev.llmservice.testing.MemoryJournal;
import dev.llmservice.testing.TestMarketData;
import dev.llmservice.testing.VirtualTime;
import io.lettuce.core.SetArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One spend per candle across two replicas (two shared states, each with its own orchestrator, providers and journal)
 * on a real Redis: the vendors are the same fake types, so their counts are what the vendor saw from both.
 */
class RedisConsensusCacheTest {

    /** The newest candle of {@code marketData(60)} opened at 16:55; the next opens at 17:00. */
    private static final Instant NOW = Instant.parse("2024-05-01T16:58:00Z");
    private static final String VOTE = "{\"decision\": \"BUY\", \"confidence\": 0.9, \"reasoning\": \"the trend\"}";

    @TempDir
    Path tmp;

    private final VirtualTime time = VirtualTime.frozenAt(NOW);
    private final FakeProviderType typeA = FakeProviderType.named("a").usualAnswer(VOTE, new TokenUsage(900, 40),
            Duration.ofMillis(5));
    private final FakeProviderType typeB = FakeProviderType.named("b").usualAnswer(VOTE, new TokenUsage(900, 40),
            Duration.ofMillis(5));
    private final MarketData data = TestMarketData.marketData(60);
    private final Closer closer = new Closer();
    private final Map<String, MemoryJournal> journals = new HashMap<>();
    private final Map<String, SharedState> states = new HashMap<>();
    private TestRedis redis;

    @BeforeEach
    void startRedis() {
        redis = closer.add(TestRedis.start());  // of its own: one test stops it
    }

    @AfterEach
    void closeAll() throws Exception {
        closer.close();
    }

    /** The consensus operations of replica {@code id}, with {@code LLM_CONSENSUS_CACHE_TTL=ttl} (null: default). */
    private LocalConsensus replica(String id, String ttl) {
        SharedState state = closer.add(RedisOverridesTest.replica(redis, id, time, tmp));
        states.put(id, state);
        List<LlmProvider> providers = List.of(FakeProvider.standalone(typeA, 1, Duration.ofSeconds(30)),
                FakeProvider.standalone(typeB, 1, Duration.ofSeconds(30)));
        MultiProviderOrchestrator orchestrator = closer.add(MultiProviderOrchestrator.builder(() -> providers)
                .build());
        MemoryJournal journal = new MemoryJournal();
        journals.put(id, journal);
        ConsensusSettings settings = ConsensusSettings.load(Environment.of(ttl == null ? Map.of()
                : Map.of(ConsensusCacheTtl.VARIABLE, ttl)), List.of("a", "b"));
        return new LocalConsensus(orchestrator, journal, settings, state.consensusCache(), time);
    }

    private int journalEntries() {
        return journals.values().stream().mapToInt(j -> j.entries.size()).sum();
    }

    private List<String> resultKeys() {
        return keys("llm:consensus:*");
    }

    private List<String> keys(String pattern) {
        return redis.commands(c -> c.keys(pattern));
    }

    private String get(String key) {
        return redis.commands(c -> c.get(key));
    }

    /** The result stored under {@code key}, as another replica reads it. */
    private ConsensusResult stored(String key) throws Exception {
        return ConsensusJson.fromNode(Json.mapper().readTree(get(key)));
    }

    /** Until {@code thread} waits (for the request in flight on the other replica). */
    private static void awaitWaiting(Thread[] thread) {
        TestRedis.await("the second request waiting", () -> thread[0] != null
                && thread[0].getState() == Thread.State.TIMED_WAITING);
    }

    @Test
    void theSameRequestOnTwoReplicasAtOnceIsAskedOnceAndBothGetOneRecordedResult() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        typeA.generating((p, r) -> {
            release.await();
            return p.reply(VOTE);
        });
        LocalConsensus web1 = replica("web-1", null);
        LocalConsensus web2 = replica("web-2", null);
        ExecutorService bots = Executors.newFixedThreadPool(2);
        try {
            Future<ConsensusResult> first = bots.submit(() -> web1.consensus(data));
            assertThat(typeA.created().get(0).called().await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(keys("llm:consensus-lock:*")).singleElement().asString()
                    .startsWith("llm:consensus-lock:BTC/USDT 5m ");
            Thread[] secondThread = new Thread[1];
            Future<ConsensusResult> second = bots.submit(() -> {
                secondThread[0] = Thread.currentThread();
                return web2.consensus(TestMarketData.marketData(60));
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
            assertThat(journalEntries()).isEqualTo(1);
            assertThat(ConsensusJson.toJson(two)).isEqualTo(ConsensusJson.toJson(one.asCached()));
            assertThat(keys("llm:consensus-lock:*")).isEmpty();
        } finally {
            release.countDown();
            bots.shutdownNow();
        }
    }

    @Test
    void aLaterIdenticalRequestOnTheOtherReplicaGetsTheStoredResultUntilTheNextCandleOpens() throws Exception {
        LocalConsensus web1 = replica("web-1", null);
        LocalConsensus web2 = replica("web-2", null);
        ConsensusResult asked = web1.consensus(data);

        ConsensusResult later = web2.consensus(data);

        assertThat(typeA.generations() + typeB.generations()).isEqualTo(2);
        assertThat(later.cached()).isTrue();
        assertThat(later.id()).isEqualTo(asked.id());
        assertThat(journalEntries()).isEqualTo(1);
        String key = resultKeys().get(0);
        assertThat(stored(key).id()).isEqualTo(asked.id());
        // Kept until 17:00, two minutes after 16:58 (by the replica's clock).
        long expiresIn = redis.commands(c -> c.pttl(key));
        assertThat(expiresIn).isBetween(Duration.ofSeconds(110).toMillis(), Duration.ofMinutes(2).toMillis());
    }

    @Test
    void aResultIsGivenOnlyForItsTtlThenTheProvidersAreAskedAgain() {
        LocalConsensus web1 = replica("web-1", "0.3");
        LocalConsensus web2 = replica("web-2", "0.3");
        web1.consensus(data);
        long expiresIn = redis.commands(c -> c.pttl(resultKeys().get(0)));
        assertThat(expiresIn).isBetween(1L, 300L);

        TestRedis.await("the result expired in Redis", () -> resultKeys().isEmpty());
        time.sleep(Duration.ofMillis(300));
        ConsensusResult again = web2.consensus(data);

        assertThat(again.cached()).isFalse();
        assertThat(typeA.generations()).isEqualTo(2);
        assertThat(journalEntries()).isEqualTo(2);
    }

    @Test
    void whenTheLockHolderFailsTheWaitingReplicaComputes() throws Exception {
        ConsensusResult result = replica("web-1", null).consensus(data);
        replica("web-2", null);
        ConsensusCache onWeb1 = states.get("web-1").consensusCache();
        ConsensusCache onWeb2 = states.get("web-2").consensusCache();
        Instant waitUntil = time.instant().plus(Duration.ofSeconds(30));
        CountDownLatch fail = new CountDownLatch(1);
        CountDownLatch computing = new CountDownLatch(1);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            Future<?> holder = replicas.submit(() -> onWeb1.getOrCompute("ETH/USDT 5m k1", waitUntil, () -> {
                computing.countDown();
                try {
                    fail.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("the journal is gone");
            }));
            assertThat(computing.await(10, TimeUnit.SECONDS)).isTrue();
            AtomicInteger web2Computed = new AtomicInteger();
            Thread[] waiter = new Thread[1];
            Future<ConsensusCache.Outcome> waiting = replicas.submit(() -> {
                waiter[0] = Thread.currentThread();
                return onWeb2.getOrCompute("ETH/USDT 5m k1", waitUntil, () -> {
                    web2Computed.incrementAndGet();
                    return new ConsensusCache.Computed(result, waitUntil);
                });
            });
            awaitWaiting(waiter);
            fail.countDown();

            assertThatThrownBy(() -> holder.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("the journal is gone");
            ConsensusCache.Outcome outcome = waiting.get(10, TimeUnit.SECONDS);
            assertThat(outcome.shared()).isFalse();
            assertThat(web2Computed).hasValue(1);
        } finally {
            fail.countDown();
            replicas.shutdownNow();
        }
    }

    @Test
    void aLockLeftByAReplicaThatDiedExpiresAndTheWaitingReplicaComputes() {
        ConsensusResult result = replica("web-1", null).consensus(data);
        ConsensusCache onWeb1 = states.get("web-1").consensusCache();
        redis.commands(c -> c.set("llm:consensus-lock:ETH/USDT 5m k2", "web-9 died",
                SetArgs.Builder.px(300)));

        ConsensusCache.Outcome outcome = onWeb1.getOrCompute("ETH/USDT 5m k2", time.instant().plusSeconds(30),
                () -> new ConsensusCache.Computed(result, time.instant().plusSeconds(30)));

        assertThat(outcome.shared()).isFalse();
        assertThat(get("llm:consensus:ETH/USDT 5m k2")).contains(result.id());
    }

    @Test
    void aMalformedResultIsIgnoredWithAWarningNamingItsKeyAndReplaced() throws Exception {
        LocalConsensus web1 = replica("web-1", null);
        LocalConsensus web2 = replica("web-2", null);
        ConsensusResult first = web1.consensus(data);
        String key = resultKeys().get(0);
        redis.commands(c -> c.set(key, "{\"pair\": \"BTC/USDT\", \"hand\": \"edited\"}"));

        try (CapturedStderr err = CapturedStderr.start()) {
            ConsensusResult asked = web2.consensus(data);

            assertThat(asked.cached()).isFalse();
            assertThat(asked.id()).isNotEqualTo(first.id());
            assertThat(err.text()).contains("WARN dev.llmservice.redis.SharedState - shared state: " + key
                    + " holds a malformed value (").contains("expected a consensus result as the service writes it "
                    + "(ConsensusJson)): ignored, this request asks the providers (logged once)");
            assertThat(stored(key).id()).isEqualTo(asked.id());
        }
    }

    @Test
    void withRedisDownIdenticalRequestsShareOneFanOutInTheReplica() {
        LocalConsensus web1 = replica("web-1", null);
        redis.stop();
        TestRedis.await("web-1 notices", () -> !states.get("web-1").health().up());

        ConsensusResult asked = web1.consensus(data);
        ConsensusResult again = web1.consensus(data);

        assertThat(asked.cached()).isFalse();
        assertThat(again.cached()).isTrue();
        assertThat(again.id()).isEqualTo(asked.id());
        assertThat(typeA.generations()).isEqualTo(1);
    }
}
