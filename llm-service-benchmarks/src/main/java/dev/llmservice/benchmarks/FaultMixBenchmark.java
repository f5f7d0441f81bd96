package dev.llmservice.benchmarks;

import dev.llmservice.benchmarks.FaultyVendor.Fault;
import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.MultiProviderOrchestrator;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.marketdata.MarketDataParser;
import dev.llmservice.consensus.policy.ConsensusStatus;
import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.config.Environment;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.resilience.CircuitBreakerConfig;
import dev.llmservice.state.OverrideStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Issue 5's target, at the provider layer (consensus is not on main yet): four providers asked at once with one
 * deadline, one of them failing every way in turn ({@link Fault}: each request that reaches it meets the next fault,
 * cycling; requests its open circuit refuses do not use one up), the other three
 * answering a decision after {@value #HEALTHY_LATENCY_MS} ms. A request is done when all four calls have returned.
 * Measured: how long each request took against its deadline (the target: never more than deadline + 100 ms), whether
 * the three healthy providers all answered (the "correct decision from the rest"), and what became of the faulty one.
 *
 * <p>Two modes: {@code breaker} (the factory's default breaker, but a 1 s cool-down so the faulty provider is
 * probed often) and {@code no-breaker} (a threshold no run of failures reaches, so every request meets its fault).
 * Real providers (LangChain4j over our transport) against local fakes; real sleeping; P_MAX_RETRIES=2 for the faulty
 * provider.
 *
 * <p>Run with {@code bench/fault-mix.sh [requests] [deadline-ms] [faulty-vendor] [providers|consensus|consensus-wait]}.
 * With {@code consensus-wait} early decision is off, so every request waits for the faulty provider. With {@code consensus},
 * each request is a real consensus request ({@link MultiProviderOrchestrator} over {@code registry::enabled}, early
 * decision on, the same deadline) and the check is the decision: BUY, status decided, the faulty provider not voting.
 */
public final class FaultMixBenchmark {

    static final long HEALTHY_LATENCY_MS = 20;
    static final String DECISION = "{\\\"decision\\\":\\\"BUY\\\",\\\"confidence\\\":0.8,\\\"reasoning\\\":\\\"fake\\\"}";
    static final List<String> VENDORS = List.of("anthropic", "openai", "gemini", "grok");
    static final Fault[] FAULTS = Arrays.stream(Fault.values()).filter(f -> f != Fault.NONE).toArray(Fault[]::new);

    private static volatile Fault current = Fault.NONE;
    /** {@code consensus-wait}: early decision off, so every request waits for the faulty provider too. */
    private static boolean waitForAll;

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        Duration deadline = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 500);
        String faulty = args.length > 2 ? args[2].toLowerCase(Locale.ROOT) : "anthropic";
        if (!VENDORS.contains(faulty)) {
            throw new IllegalArgumentException("faulty vendor must be one of " + VENDORS + ", but was " + faulty);
        }
        System.out.printf("fault mix: %d requests per mode, deadline %d ms, faulty vendor %s, %d faults in turn%n",
                requests, deadline.toMillis(), faulty, FAULTS.length);
        String mode = args.length > 3 ? args[3].toLowerCase(Locale.ROOT) : "providers";
        boolean consensus = mode.startsWith("consensus");
        waitForAll = mode.equals("consensus-wait");
        for (boolean breaker : new boolean[] {true, false}) {
            run(requests, deadline, faulty, breaker, consensus);
        }
    }

    private static void run(int requests, Duration deadline, String faulty, boolean breaker, boolean consensus)
            throws Exception {
        Map<String, Duration> latency = new LinkedHashMap<>();
        for (String v : VENDORS) {
            if (!v.equals(faulty)) {
                latency.put(v, Duration.ofMillis(HEALTHY_LATENCY_MS));
            }
        }
        ExecutorService callers = Executors.newFixedThreadPool(VENDORS.size());
        try (FakeVendors healthy = FakeVendors.start(latency, v -> wire(v).success());
             FaultyVendor bad = new FaultyVendor(wire(faulty), () -> current, deadline.plusSeconds(1))) {
            Map<String, String> env = new HashMap<>(healthy.environment());
            String prefix = faulty.toUpperCase(Locale.ROOT);
            env.put(prefix + "_API_KEY", FakeVendors.key(faulty));
            env.put(prefix + "_BASE_URL", "http://127.0.0.1:" + bad.port()
                    + (faulty.equals("openai") || faulty.equals("grok") ? "/v1" : ""));
            env.put(prefix + "_MAX_RETRIES", "2");
            ProviderFactory factory = ProviderFactory.builder()
                    .environment(Environment.of(env))
                    .overrides(OverrideStore.inMemory())
                    .circuitBreaker(breaker
                            ? CircuitBreakerConfig.DEFAULT.withOpenDuration(Duration.ofSeconds(1))
                            : CircuitBreakerConfig.DEFAULT.withFailureThreshold(Integer.MAX_VALUE))
                    .build();
            ProviderRegistry registry = factory.initializeRegistry();
            MultiProviderOrchestrator orchestrator = MultiProviderOrchestrator.builder(registry::enabled)
                    .deadline(deadline).earlyDecision(!waitForAll).build();
            MarketData marketData = MarketDataParser.parse(BenchmarkFixtures.marketDataJson(60), null, null);

            // Warm-up: every provider answers once (class loading, first connections), not measured.
            current = Fault.NONE;
            for (int i = 0; i < 3; i++) {
                ask(registry, callers, Instant.now().plusSeconds(10));
            }

            List<Double> elapsedMs = new ArrayList<>();
            int late = 0;
            int restAllAnswered = 0;
            Map<Fault, Map<String, Integer>> outcomes = new EnumMap<>(Fault.class);
            // The next fault in turn goes to the next request that reaches the faulty vendor: requests its open
            // circuit refuses do not use one up, so the probes, too, meet every fault.
            int turn = 0;
            for (int r = 0; r < requests; r++) {
                Fault fault = FAULTS[turn % FAULTS.length];
                current = fault;
                if (fault == Fault.CONNECTION_REFUSED) {
                    bad.refuseConnections();
                }
                long start = System.nanoTime();
                Map<String, Object> answers = consensus
                        ? vote(orchestrator, marketData, faulty)
                        : ask(registry, callers, Instant.now().plus(deadline));
                double ms = (System.nanoTime() - start) / 1e6;
                bad.listenAgain();
                elapsedMs.add(ms);
                if (ms > deadline.toMillis() + 100) {
                    late++;
                }
                boolean rest = answers.entrySet().stream().filter(e -> !e.getKey().equals(faulty))
                        .allMatch(e -> e.getValue() instanceof GenerationResult g && g.text().contains("BUY"));
                restAllAnswered += rest ? 1 : 0;
                Object mine = answers.get(faulty);
                String outcome = mine instanceof ProviderException e ? e.kind().code()
                        : mine instanceof GenerationResult ? "answered" : String.valueOf(mine);
                outcomes.computeIfAbsent(fault, f -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
                if (!outcome.equals(FailureKind.CIRCUIT_OPEN.code())) {
                    turn++;
                }
            }

            System.out.printf("%n== mode %s ==%n", breaker ? "breaker (5 failures, 1 s cool-down)" : "no-breaker");
            System.out.printf("requests %d, deadline %d ms: elapsed median %.1f ms, p95 %.1f ms, p99 %.1f ms, "
                            + "max %.1f ms; over deadline + 100 ms: %d%n", requests, deadline.toMillis(),
                    pct(elapsedMs, 50), pct(elapsedMs, 95), pct(elapsedMs, 99), pct(elapsedMs, 100), late);
            System.out.printf(consensus ? "decided BUY from the rest, faulty provider not voting: %d of %d%n"
                    : "the three healthy providers all answered: %d of %d%n", restAllAnswered, requests);
            System.out.println("faulty provider, per fault: outcome x count");
            outcomes.forEach((fault, counts) -> System.out.printf("  %-30s %s%n", fault, counts));
            orchestrator.close();
        } finally {
            callers.shutdownNow();
            callers.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /**
     * One consensus request, in the shape {@link #ask} returns: each healthy provider maps to a "BUY" result when the
     * whole request was decided BUY and the faulty provider did not vote ok; the faulty one to its vote's outcome.
     */
    private static Map<String, Object> vote(MultiProviderOrchestrator orchestrator, MarketData data, String faulty) {
        ConsensusResult r = orchestrator.generateConsensusSignal(data);
        Vote bad = r.votes().stream().filter(v -> v.provider().equals(faulty)).findFirst().orElseThrow();
        boolean correct = r.status() == ConsensusStatus.DECIDED && r.decision() == Decision.BUY && !bad.isOk();
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Vote v : r.votes()) {
            if (v.provider().equals(faulty)) {
                answers.put(faulty, v.failure() == null ? v.status().toString().toLowerCase(Locale.ROOT)
                        : new ProviderException(faulty, v.failure(), "vote " + v.status()));
            } else {
                answers.put(v.provider(), new GenerationResult(v.provider(), v.model(), correct ? "BUY" : "wrong",
                        null, v.latency(), null));
            }
        }
        return answers;
    }

    /** Asks every available provider at once; provider name to its result or failure. */
    private static Map<String, Object> ask(ProviderRegistry registry, ExecutorService callers, Instant deadline)
            throws Exception {
        Map<String, CompletableFuture<Object>> calls = new LinkedHashMap<>();
        for (String name : VENDORS) {
            LlmProvider provider = registry.provider(name).orElseThrow();
            calls.put(name, CompletableFuture.supplyAsync(() -> {
                try {
                    return provider.generate(new GenerationRequest(null, "Decide.", true), deadline);
                } catch (ProviderException e) {
                    return e;
                }
            }, callers));
        }
        CompletableFuture.allOf(calls.values().toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        Map<String, Object> answers = new LinkedHashMap<>();
        calls.forEach((name, f) -> answers.put(name, f.join()));
        return answers;
    }

    /** Each vendor's bodies, in its own wire format, with {@link #DECISION} as the answer text. */
    static FaultyVendor.Wire wire(String vendor) {
        return wire(vendor, "BUY");
    }

    /** Each vendor's bodies, in its own wire format, with {@code decision} (BUY, SELL or HOLD) as the answer's. */
    static FaultyVendor.Wire wire(String vendor, String decision) {
        String text = "\"" + DECISION.replace("BUY", decision) + "\"";
        return switch (vendor) {
            case "anthropic" -> new FaultyVendor.Wire(
                    anthropic("[{\"type\":\"text\",\"text\":" + text + "}]", "end_turn", ""),
                    "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request tokens "
                            + "has exceeded your per-minute rate limit\"}}",
                    "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
                    anthropic("[]", "refusal", ",\"stop_details\":{\"explanation\":\"declined\"}"),
                    anthropic("[]", "end_turn", ""));
            case "openai", "grok" -> new FaultyVendor.Wire(
                    openAi("\"content\":" + text),
                    "{\"error\":{\"message\":\"Rate limit reached. Please try again in 1.574s.\",\"type\":\"tokens\","
                            + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
                    "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"param\":null,"
                            + "\"code\":null}}",
                    openAi("\"content\":null,\"refusal\":\"I'm very sorry, but I can't assist with that.\""),
                    openAi("\"content\":\"\""));
            case "gemini" -> new FaultyVendor.Wire(
                    gemini("{\"parts\":[{\"text\":" + text + "}],\"role\":\"model\"}", "STOP"),
                    "{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted (e.g. check quota).\","
                            + "\"status\":\"RESOURCE_EXHAUSTED\"}}",
                    "{\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again later.\","
                            + "\"status\":\"UNAVAILABLE\"}}",
                    "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}",
                    gemini("{}", "STOP"));
            default -> throw new IllegalArgumentException(vendor);
        };
    }

    private static String anthropic(String content, String stopReason, String extra) {
        return "{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
                + "\"content\":" + content + ",\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":null" + extra
                + ",\"usage\":{\"input_tokens\":10,\"output_tokens\":20}}";
    }

    private static String openAi(String message) {
        return "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4.1\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\"," + message + "},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":20,"
                + "\"total_tokens\":30}}";
    }

    private static String gemini(String content, String finishReason) {
        return "{\"candidates\":[{\"content\":" + content + ",\"finishReason\":\"" + finishReason + "\",\"index\":0}],"
                + "\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":20,\"totalTokenCount\":30},"
                + "\"modelVersion\":\"gemini-2.5-pro\"}";
    }

    static double pct(List<Double> values, int percentile) {
        return RegistryAndHealthBenchmark.pct(values, percentile);
    }
}
