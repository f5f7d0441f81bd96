package dev.llmservice.benchmarks;

import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.MultiProviderOrchestrator;
import dev.llmservice.consensus.internal.Ballots;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.marketdata.MarketDataParser;
import dev.llmservice.consensus.policy.ConfidenceRange;
import dev.llmservice.consensus.policy.ConsensusPolicy;
import dev.llmservice.consensus.policy.Tally;
import dev.llmservice.consensus.prompt.ConsensusPrompt;
import dev.llmservice.consensus.report.ConsensusJson;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.TokenUsage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a consensus costs besides the network: issue 3's target is at most 200 µs per consensus.
 *
 * <ul>
 *   <li>{@code pipeline}: on one thread, everything the orchestrator does for four providers except waiting —
 *       parse and validate the market data, compute the indicators and the prompt, parse four replies of the
 *       usual shapes into votes, run the early-decision check after each, tally, build the result and write
 *       its JSON.</li>
 *   <li>{@code orchestrator}: the real {@link MultiProviderOrchestrator#generateConsensusSignal(String, String,
 *       String)} with four providers that answer at once, so it adds the fan-out to pool threads and back.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConsensusCostBenchmark {

    @Param({"100"})
    public int candles;

    private String json;
    private List<GenerationResult> replies;
    private Ballots.Voter[] voters;
    private MultiProviderOrchestrator orchestrator;
    private final ConsensusPolicy policy = ConsensusPolicy.DEFAULT;

    @Setup
    public void setUp() {
        json = BenchmarkFixtures.marketDataJson(candles);
        replies = new ArrayList<>();
        voters = new Ballots.Voter[BenchmarkFixtures.REPLIES.length];
        List<LlmProvider> providers = new ArrayList<>();
        for (int i = 0; i < BenchmarkFixtures.REPLIES.length; i++) {
            String name = "p" + i;
            replies.add(new GenerationResult(name, "model-" + name, BenchmarkFixtures.REPLIES[i],
                    new TokenUsage(950, 40), Duration.ofMillis(100), "stop"));
            voters[i] = new Ballots.Voter(name, "model-" + name, 1.0, Duration.ofSeconds(30));
            providers.add(BenchmarkFixtures.provider(name, Duration.ZERO, BenchmarkFixtures.REPLIES[i]));
        }
        orchestrator = MultiProviderOrchestrator.builder(() -> providers).build();
    }

    @TearDown
    public void tearDown() {
        orchestrator.close();
    }

    @Benchmark
    public String pipeline() {
        long start = System.nanoTime();
        MarketData data = MarketDataParser.parse(json, null, null);
        GenerationRequest request = ConsensusPrompt.request(data);
        List<Vote> votes = new ArrayList<>(voters.length);
        List<Double> pending = new ArrayList<>();
        for (int i = 0; i < voters.length; i++) {
            pending.add(1.0);
        }
        for (int i = 0; i < voters.length; i++) {
            pending.remove(pending.size() - 1);
            votes.add(Ballots.answered(voters[i], replies.get(i), Duration.ofMillis(100 + i)));
            policy.foresee(votes, pending);
        }
        Tally tally = policy.evaluate(votes);
        ConsensusResult result = ConsensusResult.of(data.pair(), data.timeframe(), data.lastCandleDate(), tally, votes,
                false, ConfidenceRange.point(tally.confidence()), Duration.ofNanos(System.nanoTime() - start),
                policy.version());
        return request.prompt().length() + ConsensusJson.toCompactJson(result);
    }

    @Benchmark
    public ConsensusResult orchestrator() {
        return orchestrator.generateConsensusSignal(json, null, null);
    }
}
