package dev.llmservice.spring.consensus;

/**
 * What {@code POST /api/v1/consensus} delegates to: market data in, a consensus out. The auto-configuration
 * registers {@link EngineConsensusService} over the {@code MultiProviderOrchestrator} bean; an application
 * replaces it by declaring its own bean.
 *
 * <p>Implementations are thread-safe, never throw for a failed or missing provider (that is a result with
 * status {@code no_quorum} or {@code all_failed}), and put no API key in any message.
 */
@FunctionalInterface
public interface ConsensusService {

    /**
     * @param marketDataJson the request body: issue 3's JSON market data ({@code pair}, {@code timeframe},
     *                       {@code candles}, optional {@code indicators})
     * @return the decision and status (for metrics) and the result document to return
     * @throws InvalidMarketDataException when the input is invalid, before any provider is called
     */
    ConsensusOutcome decide(String marketDataJson);
}
