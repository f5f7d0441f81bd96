package dev.llmservice.benchmarks;

import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.MultiProviderOrchestrator;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.marketdata.MarketDataParser;
import dev.llmservice.provider.LlmProvider;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Wall time of a consensus against providers with simulated network delays (issue 3 targets, read the median
 * {@code p0.50} of the sample-time output):
 * <ul>
 *   <li>{@code fourProviders100To250ms}: four providers answering after 100, 150, 200 and 250 ms, early
 *       decision off (so the request has to wait for all) — target at most 1.08 × 250 ms = 270 ms.</li>
 *   <li>{@code threeAt100msOneAt5s}: three agreeing providers at 100 ms and one at 5 s, early decision on —
 *       target at most 1.1 × 100 ms = 110 ms.</li>
 * </ul>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(1)
public class WallTimeBenchmark {

    private MarketData data;
    private MultiProviderOrchestrator allFour;
    private MultiProviderOrchestrator early;

    @Setup
    public void setUp() {
        data = MarketDataParser.parse(BenchmarkFixtures.marketDataJson(100), null, null);
        List<LlmProvider> staggered = List.of(
                BenchmarkFixtures.provider("a", Duration.ofMillis(100), BenchmarkFixtures.REPLIES[0]),
                BenchmarkFixtures.provider("b", Duration.ofMillis(150), BenchmarkFixtures.REPLIES[1]),
                BenchmarkFixtures.provider("c", Duration.ofMillis(200), BenchmarkFixtures.REPLIES[2]),
                BenchmarkFixtures.provider("d", Duration.ofMillis(250), BenchmarkFixtures.REPLIES[3]));
        allFour = MultiProviderOrchestrator.builder(() -> staggered).earlyDecision(false).build();
        String buy = "{\"decision\": \"BUY\", \"confidence\": 0.9, \"reasoning\": \"trend\"}";
        List<LlmProvider> oneSlow = List.of(
                BenchmarkFixtures.provider("a", Duration.ofMillis(100), buy),
                BenchmarkFixtures.provider("b", Duration.ofMillis(100), buy),
                BenchmarkFixtures.provider("c", Duration.ofMillis(100), buy),
                BenchmarkFixtures.provider("slow", Duration.ofSeconds(5), buy));
        early = MultiProviderOrchestrator.builder(() -> oneSlow).build();
    }

    @TearDown
    public void tearDown() {
        allFour.close();
        early.close();
    }

    @Benchmark
    public ConsensusResult fourProviders100To250ms() {
        return allFour.generateConsensusSignal(data);
    }

    @Benchmark
    public ConsensusResult threeAt100msOneAt5s() {
        ConsensusResult r = early.generateConsensusSignal(data);
        if (!r.earlyStopped()) {
            throw new IllegalStateException("expected an early decision");
        }
        return r;
    }
}
