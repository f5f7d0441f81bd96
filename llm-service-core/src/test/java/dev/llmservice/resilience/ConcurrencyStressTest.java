package dev.llmservice.resilience;

import dev.llmservice.testing.TestMarketData;
import dev.llmservice.config.Environment;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.status.ProviderStatus;
import dev.llmservice.status.StatusSummary;
import dev.llmservice.testing.FakeProviderType;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many callers and status readers while other threads enable, disable and re-initialise providers, and circuits
 * open and close under the callers' failures. Bounded iterations, no sleeps.
 *
 * <p>"Disabled before the call began" is made exact with a stamp per provider: its toggling thread disables it, then
 * makes its stamp odd; makes it even again, then enables it. A caller reads the stamps, takes the snapshot it calls
 * from, reads the stamps again: the same odd stamp on both sides means the provider was disabled for the whole time,
 * so it must not be in the snapshot as available, nor be called.
 *
 * <p>The same check is made around consensus requests: no vote from a provider disabled before the request started.
 */
class ConcurrencyStressTest {

    private static final List<String> NAMES = List.of("alpha", "beta", "gamma", "delta");
    private static final int CALLERS = 4;
    private static final int ROUNDS_PER_CALLER = 1_500;
    private static final int REINITIALISATIONS = 150;

    @Test
    void callsStatusTogglesAndReinitialisationsInterleaveSafely() throws Exception {
        Map<String, FakeProviderType> types = new HashMap<>();
        List<FakeProviderType> typeList = new ArrayList<>();
        Map<String, String> env = new HashMap<>();
        for (String name : NAMES) {
            FakeProviderType type = FakeProviderType.named(name);
            AtomicInteger n = new AtomicInteger();
            // Two calls in three fail, so that circuits (threshold 2, 1 ms cool-down) open and close all the time.
            type.generating((p, r) -> {
                if (n.incrementAndGet() % 3 != 0) {
                    throw new ProviderException(p.name(), FailureKind.UNAVAILABLE, 503, "down", null);
                }
                return p.reply("ok");
            });
            types.put(name, type);
            typeList.add(type);
            env.put(name.toUpperCase() + "_API_KEY", "sk-" + name + "-kQvXzJwMhBnRyPcdef");
        }
        env.put("LLM_PROVIDERS", String.join(",", NAMES));
        ProviderFactory factory = ProviderFactory.builder()
                .environment(Environment.of(env))
                .overrides(OverrideStore.inMemory())
                .types(List.copyOf(typeList))
                .circuitBreaker(new CircuitBreakerConfig(2, Duration.ofMillis(1)))
                .clock(Clock.systemUTC())
                .build();
        ProviderRegistry registry = factory.initializeRegistry();

        AtomicLongArray stamps = new AtomicLongArray(NAMES.size());
        Queue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicBoolean callersDone = new AtomicBoolean();
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger rounds = new AtomicInteger();
        AtomicInteger toggles = new AtomicInteger();
        AtomicInteger reinitialisations = new AtomicInteger();
        AtomicInteger circuitOpenSeen = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS + NAMES.size() + 1);
        List<Future<?>> callers = new ArrayList<>();
        List<Future<?>> writers = new ArrayList<>();
        try {
            for (int c = 0; c < CALLERS; c++) {
                callers.add(pool.submit(() -> {
                    start.await();
                    // On a loaded machine the writers may first run when the callers are nearly done, or toggle so
                    // often that no circuit stays open long enough to refuse a call: then the callers go on (up to
                    // ten times as long) until every writer has disabled its provider twice and a circuit refused one.
                    for (int round = 0; round < ROUNDS_PER_CALLER
                            || (toggles.get() < 2 * NAMES.size() || circuitOpenSeen.get() == 0)
                                && round < 10 * ROUNDS_PER_CALLER; round++) {
                        rounds.incrementAndGet();
                        long[] before = read(stamps);
                        List<ProviderEntry> snapshot = registry.snapshot();
                        long[] after = read(stamps);
                        checkStatus(StatusSummary.of(registry), problems);
                        for (int i = 0; i < NAMES.size(); i++) {
                            ProviderEntry entry = snapshot.get(i);
                            boolean disabledThroughout = before[i] == after[i] && before[i] % 2 == 1;
                            if (!entry.available()) {
                                continue;
                            }
                            if (disabledThroughout) {
                                problems.add(NAMES.get(i) + " was disabled before the call began but is available");
                                continue;
                            }
                            try {
                                calls.incrementAndGet();
                                entry.provider().generate(GenerationRequest.of("Hi"),
                                        Clock.systemUTC().instant().plusSeconds(5));
                            } catch (CircuitOpenException e) {
                                circuitOpenSeen.incrementAndGet();
                            } catch (ProviderException e) {
                                if (e.kind() != FailureKind.UNAVAILABLE) {
                                    problems.add("unexpected failure: " + e);
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (int i = 0; i < NAMES.size(); i++) {
                int index = i;
                String name = NAMES.get(i);
                writers.add(pool.submit(() -> {
                    start.await();
                    // Bounded, and stops once the callers are done.
                    for (int round = 0; round < 20_000 && !callersDone.get(); round++) {
                        factory.disable(registry, name);
                        toggles.incrementAndGet();
                        stamps.incrementAndGet(index);
                        // Stay disabled until the callers have taken a few snapshots (a wait, not a sleep).
                        int seen = rounds.get();
                        while (rounds.get() < seen + 2 && !callersDone.get()) {
                            Thread.yield();
                        }
                        stamps.incrementAndGet(index);
                        factory.enable(registry, name);
                        seen = rounds.get();
                        while (rounds.get() < seen + 2 && !callersDone.get()) {
                            Thread.yield();
                        }
                    }
                    return null;
                }));
            }
            writers.add(pool.submit(() -> {
                start.await();
                for (int round = 0; round < REINITIALISATIONS && !callersDone.get(); round++) {
                    factory.reinitialize(registry);
                    reinitialisations.incrementAndGet();
                }
                return null;
            }));

            start.countDown();
            for (Future<?> caller : callers) {
                caller.get(60, TimeUnit.SECONDS);
            }
            callersDone.set(true);
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        System.out.printf("stress: %d calls, %d refused by an open circuit, %d disables, %d re-initialisations%n",
                calls.get(), circuitOpenSeen.get(), toggles.get(), reinitialisations.get());
        assertThat(problems).isEmpty();
        // The interleavings happened: calls reached providers, circuits refused some, writers ran throughout. How
        // many of each depends on scheduling, so the check is that every call is accounted for, not a count.
        int reached = types.values().stream().mapToInt(FakeProviderType::generations).sum();
        assertThat(reached).as("calls that reached a provider").isPositive();
        assertThat(reached + circuitOpenSeen.get()).as("calls reached or refused").isEqualTo(calls.get());
        assertThat(circuitOpenSeen.get()).as("calls refused by an open circuit").isPositive();
        assertThat(toggles.get()).as("disables").isGreaterThan(NAMES.size());
        assertThat(reinitialisations.get()).as("re-initialisations").isPositive();
    }

    @Test
    void consensusRequestsNeverListAProviderDisabledBeforeTheyStarted() throws Exception {
        List<FakeProviderType> typeList = new ArrayList<>();
        Map<String, String> env = new HashMap<>();
        for (String name : NAMES) {
            FakeProviderType type = FakeProviderType.named(name);
            type.generating((p, r) -> new dev.llmservice.provider.GenerationResult(p.name(), "m",
                    "{\"decision\": \"BUY\", \"confidence\": 0.8, \"reasoning\": \"up\"}", null, Duration.ZERO, "stop"));
            typeList.add(type);
            env.put(name.toUpperCase() + "_API_KEY", "sk-" + name + "-kQvXzJwMhBnRyPcdef");
        }
        env.put("LLM_PROVIDERS", String.join(",", NAMES));
        ProviderFactory factory = ProviderFactory.builder()
                .environment(Environment.of(env))
                .overrides(OverrideStore.inMemory())
                .types(List.copyOf(typeList))
                .build();
        ProviderRegistry registry = factory.initializeRegistry();
        AtomicLongArray stamps = new AtomicLongArray(NAMES.size());
        // Per request (the source is asked once, on the requesting thread): who was disabled throughout the read.
        ThreadLocal<List<String>> disabledThroughout = new ThreadLocal<>();
        dev.llmservice.consensus.MultiProviderOrchestrator orchestrator =
                dev.llmservice.consensus.MultiProviderOrchestrator.builder(() -> {
                    long[] before = read(stamps);
                    List<dev.llmservice.provider.LlmProvider> enabled = registry.enabled();
                    long[] after = read(stamps);
                    List<String> off = new ArrayList<>();
                    for (int i = 0; i < NAMES.size(); i++) {
                        if (before[i] == after[i] && before[i] % 2 == 1) {
                            off.add(NAMES.get(i));
                        }
                    }
                    disabledThroughout.set(off);
                    return enabled;
                }).earlyDecision(false).build();
        dev.llmservice.consensus.marketdata.MarketData data = dev.llmservice.consensus.marketdata.MarketDataParser
                .parse(dev.llmservice.testing.TestMarketData.json(60), null, null);

        Queue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger toggles = new AtomicInteger();
        AtomicInteger excluded = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS + NAMES.size() + 1);
        List<Future<?>> callers = new ArrayList<>();
        List<Future<?>> writers = new ArrayList<>();
        try {
            for (int c = 0; c < CALLERS; c++) {
                callers.add(pool.submit(() -> {
                    start.await();
                    // 200 requests each, and on until the interleaving this test is about has happened (the writers
                    // toggled several times and some request started with a provider disabled throughout): on a
                    // loaded machine the callers could otherwise finish before the writers got going.
                    for (int round = 0; round < 200 || round < 20_000
                            && (toggles.get() <= 2 * NAMES.size() || excluded.get() == 0); round++) {
                        dev.llmservice.consensus.ConsensusResult r = orchestrator.generateConsensusSignal(data);
                        requests.incrementAndGet();
                        List<String> off = disabledThroughout.get();
                        excluded.addAndGet(off.size());
                        r.votes().stream().filter(v -> off.contains(v.provider())).forEach(v ->
                                problems.add(v.provider() + " voted (" + v.status() + ") though disabled before the request"));
                    }
                    return null;
                }));
            }
            for (int i = 0; i < NAMES.size(); i++) {
                int index = i;
                String name = NAMES.get(i);
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < 20_000 && !done.get(); round++) {
                        factory.disable(registry, name);
                        stamps.incrementAndGet(index);
                        toggles.incrementAndGet();
                        int seen = requests.get();
                        while (requests.get() < seen + 1 && !done.get()) {
                            Thread.yield();
                        }
                        stamps.incrementAndGet(index);
                        factory.enable(registry, name);
                        seen = requests.get();
                        while (requests.get() < seen + 1 && !done.get()) {
                            Thread.yield();
                        }
                    }
                    return null;
                }));
            }
            writers.add(pool.submit(() -> {
                start.await();
                for (int round = 0; round < REINITIALISATIONS && !done.get(); round++) {
                    factory.reinitialize(registry);
                }
                return null;
            }));
            start.countDown();
            for (Future<?> caller : callers) {
                caller.get(60, TimeUnit.SECONDS);
            }
            done.set(true);
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            orchestrator.close();
        }

        assertThat(problems).isEmpty();
        assertThat(requests.get()).isGreaterThanOrEqualTo(CALLERS * 200);
        // The interleaving happened: some requests started while a provider was disabled throughout.
        assertThat(excluded.get()).as("providers disabled throughout a request's start").isPositive();
        assertThat(toggles.get()).isGreaterThan(NAMES.size());
    }

    private static long[] read(AtomicLongArray stamps) {
        long[] values = new long[stamps.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = stamps.get(i);
        }
        return values;
    }

    /** A summary describes one instant: totals agree with the providers, and each provider agrees with itself. */
    private static void checkStatus(StatusSummary summary, Queue<String> problems) {
        List<ProviderStatus> providers = summary.providers();
        if (summary.registry().totalProviders() != NAMES.size() || providers.size() != NAMES.size()) {
            problems.add("totals disagree: " + summary.registry() + " for " + providers.size() + " providers");
            return;
        }
        long available = providers.stream().filter(ProviderStatus::available).count();
        if (summary.registry().availableProviders() != available) {
            problems.add("available count " + summary.registry().availableProviders() + " but " + available
                    + " providers say available");
        }
        for (int i = 0; i < providers.size(); i++) {
            ProviderStatus p = providers.get(i);
            boolean expected = "enabled".equals(p.state()) && !"open".equals(p.circuit());
            if (!p.name().equals(NAMES.get(i)) || p.available() != expected || p.circuit() == null) {
                problems.add("inconsistent status: " + p);
            }
        }
    }
}
