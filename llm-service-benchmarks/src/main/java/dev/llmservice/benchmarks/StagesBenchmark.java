package dev.llmservice.benchmarks;

import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.answer.AnswerParser;
import dev.llmservice.consensus.answer.ParsedAnswer;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.marketdata.MarketDataParser;
import dev.llmservice.consensus.marketdata.Timeframe;
import dev.llmservice.consensus.policy.ConfidenceRange;
import dev.llmservice.consensus.policy.ConsensusPolicy;
import dev.llmservice.consensus.policy.Tally;
import dev.llmservice.consensus.prompt.ConsensusPrompt;
import dev.llmservice.consensus.report.ConsensusJson;
import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.provider.TokenUsage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The stages of {@link ConsensusCostBenchmark#pipeline()} one by one, to see where the time goes. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StagesBenchmark {

    private String json;
    private MarketData data;
    private List<Vote> votes;
    private final ConsensusPolicy policy = ConsensusPolicy.DEFAULT;

    @Setup
    public void setUp() {
        json = BenchmarkFixtures.marketDataJson(100);
        data = MarketDataParser.parse(json, null, null);
        votes = List.of(
                Vote.ok("a", "m", 1, Decision.BUY, 0.8, "r", Duration.ofMillis(100), TokenUsage.NONE),
                Vote.ok("b", "m", 1, Decision.BUY, 0.7, "r", Duration.ofMillis(100), TokenUsage.NONE),
                Vote.ok("c", "m", 1, Decision.SELL, 0.6, "r", Duration.ofMillis(100), TokenUsage.NONE),
                Vote.ok("d", "m", 1, Decision.HOLD, 0.5, "r", Duration.ofMillis(100), TokenUsage.NONE));
    }

    @Benchmark
    public MarketData parseMarketData() {
        return MarketDataParser.parse(json, null, null);
    }

    @Benchmark
    public String indicatorsAndPrompt() {
        return ConsensusPrompt.request(data).prompt();
    }

    @Benchmark
    public void parseFourReplies(Blackhole bh) {
        for (String reply : BenchmarkFixtures.REPLIES) {
            ParsedAnswer a = AnswerParser.parse(reply);
            bh.consume(a);
        }
    }

    @Benchmark
    public Tally tally() {
        return policy.evaluate(votes);
    }

    @Benchmark
    public String resultJson() {
        Tally t = policy.evaluate(votes);
        return ConsensusJson.toCompactJson(ConsensusResult.of("BTC/USDT", Timeframe.M5, Instant.EPOCH, t, votes, false,
                ConfidenceRange.point(t.confidence()), Duration.ZERO, policy.version()));
    }
}
