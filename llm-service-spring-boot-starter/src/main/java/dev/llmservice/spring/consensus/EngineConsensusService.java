package dev.llmservice.spring.consensus;

import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.marketdata.MarketDataLimits;
import dev.llmservice.operations.ConsensusOperations;

import java.time.Clock;
import java.util.Objects;

/**
 * The consensus engine behind {@code POST /api/v1/consensus}: reads issue 3's JSON market data with a
 * {@link MarketDataReader}, asks the {@link ConsensusOperations} (which record the result in the decision journal,
 * price its votes and keep within the daily budget), and returns the {@link ConsensusResult} (written by the web
 * layer exactly as {@code ConsensusJson} writes it, with its journal id).
 */
public final class EngineConsensusService implements ConsensusService {

    private final ConsensusOperations consensus;
    private final MarketDataReader reader;

    /** With {@link MarketDataLimits#DEFAULTS} and the system clock. */
    public EngineConsensusService(ConsensusOperations consensus) {
        this(consensus, MarketDataLimits.DEFAULTS, Clock.systemUTC());
    }

    /** @param clock "now", for the latest candle date accepted */
    public EngineConsensusService(ConsensusOperations consensus, MarketDataLimits limits, Clock clock) {
        this.consensus = Objects.requireNonNull(consensus, "consensus");
        this.reader = new MarketDataReader(limits, clock);
    }

    @Override
    public ConsensusOutcome decide(String marketDataJson) {
        ConsensusResult r = consensus.consensus(reader.read(marketDataJson));
        return new ConsensusOutcome(r.decision().name(), r.status().code(), r);
    }
}
