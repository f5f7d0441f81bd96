package dev.llmservice.benchmarks;

import dev.llmservice.config.Environment;
import dev.llmservice.config.ProviderName;
import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.MultiProviderOrchestrator;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.marketdata.MarketDataParser;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.state.OverrideStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A consensus of twelve providers configured by the environment (the any-provider issue's target: at most 1.08 x
 * the slowest, 270 ms), read the median {@code p0.50} of the sample-time output:
 * {@code java -jar llm-service-benchmarks/target/benchmarks.jar ManyProvidersBenchmark}.
 *
 * <p>The twelve are every bundled type, and two types twice: the four built-ins, a second OpenAI and a second
 * Anthropic model, DeepSeek, Mistral, OpenRouter, a keyless Ollama and two OpenAI-compatible servers, built by the
 * factory from {@code LLM_PROVIDERS} and their variables, as in production (circuit breakers, retries, the real
 * LangChain4j clients and HTTP). Each has a fake vendor of its own on 127.0.0.1, answering in its wire format after
 * 50, 68, ..., 250 ms. Early decision is off, so that every request waits for the slowest: the time over 250 ms is
 * what twelve providers cost.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 4)
@Measurement(iterations = 3, time = 6)
@Fork(1)
public class ManyProvidersBenchmark {

    /** Provider name to its type, in LLM_PROVIDERS order. */
    static final Map<String, String> PROVIDERS = providers();
    /** The slowest fake's think time. */
    static final Duration SLOWEST = Duration.ofMillis(250);

    private FakeVendors fakes;
    private MultiProviderOrchestrator orchestrator;
    private MarketData data;

    private static Map<String, String> providers() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("anthropic", "anthropic");
        p.put("openai", "openai");
        p.put("gemini", "gemini");
        p.put("grok", "grok");
        p.put("openai-mini", "openai");
        p.put("claude-haiku", "anthropic");
        p.put("deepseek", "deepseek");
        p.put("mistral", "mistral");
        p.put("openrouter", "openrouter");
        p.put("ollama", "ollama");
        p.put("vllm", "openai-compatible");
        p.put("lmstudio", "openai-compatible");
        return p;
    }

    /** The environment of the twelve, pointed at {@code fakes}: what a user sets, plus each fake's base URL. */
    static Map<String, String> environment(FakeVendors fakes) {
        Map<String, String> env = new HashMap<>(fakes.environment());
        env.put("LLM_PROVIDERS", String.join(",", PROVIDERS.keySet()));
        PROVIDERS.forEach((name, type) -> {
            String prefix = ProviderName.prefixOf(name);
            if (!name.equals(type)) {
                env.put(prefix + "_TYPE", type);
            }
            if (type.equals("openrouter") || type.equals("ollama") || type.equals("openai-compatible")) {
                env.put(prefix + "_MODEL", "bench-model");
            }
        });
        env.remove("OLLAMA_API_KEY");
        return env;
    }

    /** 50 ms for the first, 250 ms for the last, evenly between. */
    static Map<String, Duration> latencies() {
        Map<String, Duration> latency = new LinkedHashMap<>();
        int i = 0;
        for (String name : PROVIDERS.keySet()) {
            latency.put(name, Duration.ofMillis(50 + Math.round(200.0 * i++ / (PROVIDERS.size() - 1))));
        }
        return latency;
    }

    @Setup
    public void setUp() {
        fakes = FakeVendors.start(latencies(), PROVIDERS::get,
                name -> FaultMixBenchmark.wire(wireOf(PROVIDERS.get(name))).success());
        ProviderRegistry registry = ProviderFactory.builder().environment(Environment.of(environment(fakes)))
                .overrides(OverrideStore.inMemory()).build().initializeRegistry();
        if (registry.available().size() != PROVIDERS.size()) {
            throw new IllegalStateException("expected " + PROVIDERS.size() + " available providers, got "
                    + registry.snapshot());
        }
        orchestrator = MultiProviderOrchestrator.builder(registry::enabled).earlyDecision(false).build();
        data = MarketDataParser.parse(BenchmarkFixtures.marketDataJson(100), null, null);
        ConsensusResult first = orchestrator.generateConsensusSignal(data);
        if (first.votes().size() != PROVIDERS.size() || !first.votes().stream().allMatch(Vote::isOk)) {
            throw new IllegalStateException("expected " + PROVIDERS.size() + " ok votes, got " + first.votes());
        }
    }

    /** The wire format of {@code type}'s fake: its own for the four built-ins, OpenAI's for the others. */
    private static String wireOf(String type) {
        return switch (type) {
            case "anthropic", "gemini", "grok" -> type;
            default -> "openai";
        };
    }

    @TearDown
    public void tearDown() {
        orchestrator.close();
        fakes.close();
    }

    @Benchmark
    public ConsensusResult twelveProviders50To250ms() {
        return orchestrator.generateConsensusSignal(data);
    }
}
