package dev.llmservice.ratelimit;

import dev.llmservice.config.Environment;
import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.MultiProviderOrchestrator;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.marketdata.MarketDataParser;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.consensus.vote.VoteStatus;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.TokenUsage;
import dev.llmservice.provider.retry.Sleeper;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.resilience.CircuitState;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.testing.FakeProviderType;
import dev.llmservice.testing.VirtualTime;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code P_RPM} and {@code P_TPM} as a user meets them: providers made by the factory from the environment, a fake
 * vendor that notes the (virtual) time of every request it receives, and waits that only move the virtual clock.
 */
class RateLimiterTest {

    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    /** 400 characters: 100 tokens by the estimate. */
    private static final GenerationRequest PROMPT = GenerationRequest.of("x".repeat(400));

    private VirtualTime time = VirtualTime.frozenAt(T0);
    private final FakeProviderType alpha = FakeProviderType.named("alpha");
    private final List<Instant> received = Collections.synchronizedList(new ArrayList<>());
    /*
     * When each request was let through, on its own thread: the instant the buckets last read there, plus the waits
     * since. The vendor notes that rather than the clock when the request reaches it, because every virtual wait
     * moves the one clock: another caller's wait between this one's grant and its arrival would date it late.
     */
    private final ThreadLocal<Instant> bucketRead = new ThreadLocal<>();
    private final ThreadLocal<Duration> waitedSince = ThreadLocal.withInitial(() -> Duration.ZERO);
    /*
     * The clock also stands still while a caller is between reading it in the buckets and waiting or reaching the
     * vendor, as real time nearly does. Bucket4j reads the time once per attempt and, when another caller changed the
     * bucket meanwhile, computes again on the newer state with that time; a virtual wait in that span (a whole
     * refill or more, where real time moves microseconds) let a request through on a token that only came later.
     */
    private final Object clockLock = new Object();
    private final ThreadLocal<Boolean> readingBuckets = ThreadLocal.withInitial(() -> false);
    private int callersReadingBuckets;
    private final Clock bucketClock = new Clock() {
        @Override
        public Instant instant() {
            Instant now;
            synchronized (clockLock) {
                if (!readingBuckets.get()) {
                    readingBuckets.set(true);
                    callersReadingBuckets++;
                }
                now = time.instant();
            }
            bucketRead.set(now);
            waitedSince.set(Duration.ZERO);
            return now;
        }

        @Override
        public long millis() {
            return instant().toEpochMilli();
        }

        @Override
        public ZoneId getZone() {
            return time.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    };
    private final Sleeper limiterSleeper = duration -> {
        doneReadingBuckets();
        synchronized (clockLock) {
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (callersReadingBuckets > 0) {
                long left = giveUp - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(callersReadingBuckets + " callers still between reading the buckets "
                            + "and waiting after 10 s");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(clockLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            // Waits end at their own time, as real ones do: the clock moves to this caller's waking, not by the
            // sum of every caller's waits (8 callers waiting at once are not 8 waits one after another).
            Instant read = bucketRead.get();
            Instant waking = (read != null ? read.plus(waitedSince.get()) : time.instant()).plus(duration);
            waitedSince.set(waitedSince.get().plus(duration));
            Duration ahead = Duration.between(time.instant(), waking);
            if (ahead.compareTo(Duration.ZERO) > 0) {
                time.sleep(ahead);
            }
        }
    };

    private void doneReadingBuckets() {
        synchronized (clockLock) {
            if (readingBuckets.get()) {
                readingBuckets.set(false);
                callersReadingBuckets--;
                clockLock.notifyAll();
            }
        }
    }

    private ProviderFactory factory;
    private ProviderRegistry registry;

    /** Alpha and beta (no limits), alpha with {@code variables}; the vendor notes when each request reaches it. */
    private void start(String... variables) {
        Map<String, String> env = new HashMap<>(Map.of("LLM_PROVIDERS", "alpha,beta",
                "ALPHA_API_KEY", "sk-alpha-kQvXzJwMhBnRyPcdef", "BETA_API_KEY", "sk-beta-kQvXzJwMhBnRyPcdef"));
        for (int i = 0; i < variables.length; i += 2) {
            env.put(variables[i], variables[i + 1]);
        }
        alpha.generating((p, r) -> {
            Instant read = bucketRead.get();
            received.add(read != null ? read.plus(waitedSince.get()) : time.instant());
            doneReadingBuckets();
            return p.reply("{\"decision\":\"BUY\",\"confidence\":0.8,\"reasoning\":\"up\"}");
        });
        factory = ProviderFactory.builder()
                .environment(Environment.of(env))
                .overrides(OverrideStore.inMemory())
                .types(List.of(alpha, FakeProviderType.named("beta")))
                .clock(time)
                .rateLimiter(new RateLimiter(RateLimitBuckets.inProcess(bucketClock), time, limiterSleeper))
                .build();
        registry = factory.initializeRegistry();
    }

    private LlmProvider alphaProvider() {
        return registry.provider("alpha").orElseThrow();
    }

    private void call(Duration deadlineIn) {
        try {
            alphaProvider().generate(PROMPT, time.instant().plus(deadlineIn));
        } finally {
            doneReadingBuckets();
        }
    }

    private static List<Duration> sinceT0(List<Instant> instants) {
        return instants.stream().map(i -> Duration.between(T0, i)).toList();
    }

    @Test
    void underSixtyAMinuteTheVendorSeesOneRequestAtOnceThenTheRestOfTheLimitSpreadOverEachMinute() {
        start("ALPHA_RPM", "3");

        for (int i = 0; i < 7; i++) {
            call(Duration.ofSeconds(40));
        }

        // A burst of 1, then 2 a minute: 3 in the first minute, never more than 3 in any 60 seconds.
        assertThat(sinceT0(received)).containsExactly(Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofSeconds(90), Duration.ofSeconds(120), Duration.ofSeconds(150), Duration.ofSeconds(180));
        assertThat(time.sleeps()).containsOnly(Duration.ofSeconds(30));
    }

    @Test
    void manyCallersAtOnceNeverGiveTheVendorMoreThanTheLimitInAnyMinute() throws Exception {
        start("ALPHA_RPM", "120");
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                calls.add(callers.submit(() -> call(Duration.ofHours(1))));
            }
            for (Future<?> f : calls) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }

        // A vendor counting requests in a sliding minute (the strictest way a vendor may count) refuses none: the
        // (n + 120)-th request comes a full minute or more after the n-th, to the millisecond (Bucket4j's refill is
        // computed in whole nanoseconds, so a token may come a nanosecond before the exact 60/118 s; no vendor
        // counts that finely). A burst of 2 goes out at once.
        List<Instant> sorted = new ArrayList<>(received);
        Collections.sort(sorted);
        assertThat(sorted).hasSize(400);
        assertThat(sorted.subList(0, 2)).containsOnly(T0);
        for (int n = 0; n + 120 < sorted.size(); n++) {
            assertThat(Duration.between(sorted.get(n), sorted.get(n + 120))).as("requests %d to %d", n + 1, n + 121)
                    .isGreaterThanOrEqualTo(Duration.ofMinutes(1).minusMillis(1));
        }
        // ... and it is kept busy: 400 requests within 3.5 minutes (118 a minute after the burst).
        assertThat(Duration.between(T0, sorted.get(399))).isLessThan(Duration.ofSeconds(205));
    }

    @Test
    void aCallOverTheLimitWaitsForRoomWhenThatEndsBeforeItsDeadline() {
        start("ALPHA_RPM", "1");
        call(Duration.ofSeconds(30));

        call(Duration.ofSeconds(90));

        assertThat(sinceT0(received)).containsExactly(Duration.ZERO, Duration.ofSeconds(60));
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void aCallWhoseWaitWouldPassItsDeadlineIsNotMadeAndSaysWhy() {
        start("ALPHA_RPM", "1");
        call(Duration.ofSeconds(30));

        assertThatThrownBy(() -> call(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED_LOCALLY);
                    assertThat(e.kind().code()).isEqualTo("rate_limited_locally");
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessage("alpha was not called: ALPHA_RPM=1 has no room for 1 request before the deadline "
                        + "(room in 60.0 s, the deadline in 10.0 s) (rate_limited_locally)");
        assertThat(received).hasSize(1);
        assertThat(time.sleeps()).isEmpty();
        // Not the vendor's failure: the circuit stays closed however often it happens.
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> call(Duration.ofSeconds(10))).isInstanceOf(RateLimitedLocallyException.class);
        }
        assertThat(registry.get("alpha").circuit().orElseThrow().state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aStreamedCallTakesRoomAsAnyOtherAndTheVendorsJsonModeShowsThroughTheLimit() {
        alpha.withJsonMode();
        start("ALPHA_RPM", "1", "ALPHA_TIMEOUT", "90"); // a stream waits for room at most its timeout
        List<String> pieces = new ArrayList<>();

        alphaProvider().stream(PROMPT, pieces::add);
        alphaProvider().stream(PROMPT, pieces::add);

        assertThat(sinceT0(received)).containsExactly(Duration.ZERO, Duration.ofSeconds(60));
        assertThat(pieces).hasSize(2);
        // The OpenAI-compatible endpoint refuses JSON mode for a provider that says it has none.
        assertThat(alphaProvider().supportsJsonMode()).isTrue();
    }

    @Test
    void aRefusedCallTakesNoRoom() {
        start("ALPHA_RPM", "120", "ALPHA_TPM", "3000", "ALPHA_MAX_TOKENS", "1000"); // a burst of 2 requests
        call(Duration.ofSeconds(30));                       // 1,100 tokens estimated, 11 + 2 used

        // 1 request and 2,987 tokens left: a request estimated at 2,000 + 1,000 tokens needs 0.26 s more, and its
        // deadline is 50 ms away. Its request was taken first, and is given back.
        GenerationRequest big = GenerationRequest.of("x".repeat(8000));
        assertThatThrownBy(() -> registry.provider("alpha").orElseThrow().generate(big, time.instant().plusMillis(50)))
                .isInstanceOf(RateLimitedLocallyException.class);
        assertThat(received).hasSize(1);

        call(Duration.ofSeconds(30));                        // the request it did not spend is still there

        assertThat(sinceT0(received)).containsExactly(Duration.ZERO, Duration.ZERO);
    }

    @Test
    void aRequestLargerThanAMinutesTokensIsRefusedAtOnce() {
        start("ALPHA_TPM", "500");                           // 100 + 1,024 tokens estimated

        assertThatThrownBy(() -> call(Duration.ofMinutes(10)))
                .isInstanceOf(RateLimitedLocallyException.class)
                .hasMessage("alpha was not called: the request needs an estimated 1124 tokens, more than ALPHA_TPM=500 "
                        + "allows in a minute (rate_limited_locally)");
        assertThat(received).isEmpty();
    }

    @Test
    void tokensTheVendorDidNotUseAreGivenBack() {
        // 100 + 1,000 tokens estimated per call; the vendor reports 150 used.
        start("ALPHA_TPM", "3000", "ALPHA_MAX_TOKENS", "1000");
        alpha.usualAnswer("ok", new TokenUsage(100, 50), Duration.ofMillis(5));

        for (int i = 0; i < 6; i++) {
            call(Duration.ofSeconds(30));
        }

        // Counted at their estimate, the third call would have waited; corrected, six fit in 3,000 tokens.
        assertThat(sinceT0(received)).hasSize(6).containsOnly(Duration.ZERO);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void tokensBeyondTheEstimateAreTakenAndDelayTheNextCall() {
        start("ALPHA_TPM", "3000", "ALPHA_MAX_TOKENS", "1000");
        alpha.usualAnswer("ok", new TokenUsage(2_000, 900), Duration.ofMillis(5));

        call(Duration.ofSeconds(30));                        // estimated 1,100, used 2,900: 100 left
        call(Duration.ofSeconds(30));                        // needs 1,100: 1,000 more, 20 s at 3,000 a minute

        assertThat(sinceT0(received)).containsExactly(Duration.ZERO, Duration.ofSeconds(20));
    }

    @Test
    void reinitialisingDoesNotResetALimit() {
        start("ALPHA_RPM", "1");
        call(Duration.ofSeconds(30));

        factory.reinitialize(registry);

        assertThatThrownBy(() -> call(Duration.ofSeconds(10))).isInstanceOf(RateLimitedLocallyException.class);
        assertThat(received).hasSize(1);
    }

    @Test
    void inConsensusAProviderOverItsLimitIsASkippedVoteAndTheOthersStillVote() {
        time = VirtualTime.realTimeFrom(Instant.now()); // the orchestrator's deadline is on the system clock
        start("ALPHA_RPM", "1");
        MarketData data = MarketDataParser.parse(candles(), "BTC/USDT", "5m");
        try (MultiProviderOrchestrator orchestrator = MultiProviderOrchestrator.builder(registry::enabled)
                .earlyDecision(false).build()) {
            orchestrator.generateConsensusSignal(data);

            ConsensusResult second = orchestrator.generateConsensusSignal(data);

            Vote skipped = second.votes().get(0);
            assertThat(skipped.provider()).isEqualTo("alpha");
            assertThat(skipped.status()).isEqualTo(VoteStatus.SKIPPED);
            assertThat(skipped.failure()).isEqualTo(FailureKind.RATE_LIMITED_LOCALLY);
            assertThat(skipped.error()).startsWith("alpha was not called: ALPHA_RPM=1 has no room for 1 request");
            assertThat(second.votes().get(1).status()).isNotEqualTo(VoteStatus.SKIPPED);
            assertThat(received).hasSize(1);
        }
    }

    /** 50 five-minute candles as CSV. */
    private static String candles() {
        StringBuilder csv = new StringBuilder("date,open,high,low,close,volume\n");
        Instant t = Instant.parse("2025-05-01T00:00:00Z");
        for (int i = 0; i < 50; i++) {
            double close = 100 + i;
            csv.append(t.plus(Duration.ofMinutes(5L * i)).toEpochMilli()).append(',').append(close - 0.5).append(',')
                    .append(close + 1).append(',').append(close - 1).append(',').append(close).append(",10\n");
        }
        return csv.toString();
    }
}
