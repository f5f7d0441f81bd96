package dev.llmservice.spring.consensus.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.spring.consensus.ConsensusOutcome;
import dev.llmservice.spring.consensus.ConsensusService;
import dev.llmservice.spring.consensus.ConsensusUnavailableException;

import java.util.List;

/**
 * Stands in for the consensus engine until it is wired: validates the request, answers HOLD with status
 * {@code no_quorum} when fewer providers are available than a quorum needs (a correct answer, whatever the
 * engine), and otherwise refuses with {@link ConsensusUnavailableException} rather than invent a vote.
 */
public final class InterimConsensusService implements ConsensusService {

    private final ProviderRegistry registry;
    private final int minVotes;

    public InterimConsensusService(ProviderRegistry registry, int minVotes) {
        this.registry = registry;
        this.minVotes = minVotes;
    }

    @Override
    public ConsensusOutcome decide(String marketDataJson) {
        long start = System.nanoTime();
        JsonNode data = MarketDataShape.check(marketDataJson);
        int available = registry.available().size();
        if (available >= minVotes) {
            throw new ConsensusUnavailableException("the consensus engine is not installed in this service; "
                    + available + " providers are available but none was asked");
        }
        long latencyMs = (System.nanoTime() - start) / 1_000_000;
        InterimResult result = new InterimResult(data.get("pair").asText(), data.get("timeframe").asText(),
                "HOLD", "no_quorum", 0.0, 0.0, new InterimResult.Quorum(minVotes, 0, false), List.of(), false,
                latencyMs);
        return new ConsensusOutcome(result.decision(), result.status(), result);
    }

    /**
     * The fields of issue 3's result that a no-quorum answer can fill honestly (JSON keys snake_case).
     *
     * @param quorum the votes required and received, and whether quorum was met
     * @param votes  always empty: no provider was asked
     */
    public record InterimResult(String pair, String timeframe, String decision, String status, double confidence,
                                double agreement, Quorum quorum, List<Object> votes, boolean earlyStopped,
                                long latencyMs) {

        public record Quorum(int requiredCount, int respondedCount, boolean met) {
        }
    }
}
