package dev.llmservice.spring.consensus;

import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.MultiProviderOrchestrator;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.consensus.marketdata.MarketDataLimits;
import dev.llmservice.consensus.marketdata.MarketDataParser;
import dev.llmservice.consensus.marketdata.MarketDataProblem;
import dev.llmservice.spring.consensus.InvalidMarketDataException.InputProblem;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The consensus engine behind {@code POST /api/v1/consensus}: parses issue 3's JSON market data with
 * {@link MarketDataParser}, asks the orchestrator, and returns the {@link ConsensusResult} (written by the web
 * layer exactly as {@code ConsensusJson} writes it).
 *
 * <p>A parser problem becomes an {@link InputProblem} whose field is a JSON path into the request body: a
 * candle's problem in row {@code n} (counted from 1) is {@code candles[n-1].field}, a malformed or missing body
 * is {@code body}.
 *
 * <p>The body must stay within the {@link MarketDataLimits} (candles, supplied indicators) and its candle dates
 * no later than one timeframe after now on the given clock.
 */
public final class EngineConsensusService implements ConsensusService {

    private final MultiProviderOrchestrator orchestrator;
    private final MarketDataLimits limits;
    private final Clock clock;

    /** With {@link MarketDataLimits#DEFAULTS} and the system clock. */
    public EngineConsensusService(MultiProviderOrchestrator orchestrator) {
        this(orchestrator, MarketDataLimits.DEFAULTS, Clock.systemUTC());
    }

    /** @param clock "now", for the latest candle date accepted */
    public EngineConsensusService(MultiProviderOrchestrator orchestrator, MarketDataLimits limits, Clock clock) {
        this.orchestrator = Objects.requireNonNull(orchestrator, "orchestrator");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ConsensusOutcome decide(String marketDataJson) {
        if (marketDataJson == null || marketDataJson.isBlank()) {
            throw new InvalidMarketDataException(List.of(new InputProblem("body",
                    "must be a JSON object with pair, timeframe and candles", null)));
        }
        MarketData data;
        try {
            data = MarketDataParser.parseJson(marketDataJson, null, null, limits, clock);
        } catch (dev.llmservice.consensus.marketdata.InvalidMarketDataException e) {
            throw new InvalidMarketDataException(e.problems().stream().map(EngineConsensusService::toInputProblem)
                    .toList());
        }
        ConsensusResult r = orchestrator.generateConsensusSignal(data);
        return new ConsensusOutcome(r.decision().name(), r.status().code(), r);
    }

    static InputProblem toInputProblem(MarketDataProblem p) {
        String field;
        if (p.row() != null) {
            String candle = "candles[" + (p.row() - 1) + "]";
            field = "candle".equals(p.field()) ? candle : candle + "." + p.field();
        } else {
            field = "json".equals(p.field()) ? "body" : p.field();
        }
        String value = MarketDataProblem.MISSING.equals(p.value()) ? null : p.value();
        return new InputProblem(field, "must be " + p.expected(), value);
    }
}
