package dev.llmservice.operations;

import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.marketdata.MarketData;
import dev.llmservice.journal.HistoryQuery;
import dev.llmservice.scorecard.Scorecard;

/**
 * The consensus operations, defined once: ask the providers (recorded in the decision journal, priced, within the
 * daily budget), look back at what was decided, and score it. The library's entry point ({@link LocalConsensus}),
 * the CLI ({@code llm-providers consensus | history | scorecard}, locally and with {@code --url}) and the REST API
 * all go through these, so each answers the same document everywhere.
 *
 * <table>
 *   <caption>Operations</caption>
 *   <tr><th>operation</th><th>CLI</th><th>REST ({@code /api/v1})</th><th>report</th></tr>
 *   <tr><td>{@link #consensus}</td><td>{@code consensus --market-data FILE}</td><td>{@code POST /consensus}</td>
 *       <td>{@link ConsensusResult}</td></tr>
 *   <tr><td>{@link #history}</td><td>{@code history [--pair P] [--since D] [--limit N]}</td>
 *       <td>{@code GET /consensus?pair=&since=&limit=&cursor=}</td><td>{@link HistoryReport}</td></tr>
 *   <tr><td>{@link #decision}</td><td></td><td>{@code GET /consensus/{id}}</td><td>{@link ConsensusResult}</td></tr>
 *   <tr><td>{@link #scorecard}</td><td>{@code scorecard --market-data FILE}</td><td>{@code POST /scorecard}</td>
 *       <td>{@link Scorecard}</td></tr>
 * </table>
 */
public interface ConsensusOperations {

    /**
     * Asks every enabled provider about already validated market data and combines the votes; each vote is priced.
     * The result is recorded in the journal (off the response path) under the id it carries, unless the journal is
     * off. When today's spend has reached the daily budget no provider is asked and the status is
     * {@code budget_exhausted}. A journal that cannot be written never keeps the result from being returned.
     */
    ConsensusResult consensus(MarketData marketData);

    /**
     * Recorded results, newest first, in the shape {@link #consensus} returns them.
     *
     * @throws InvalidQueryException                    when the query's cursor is not one a history page returned
     * @throws dev.llmservice.journal.JournalException when the journal cannot be read
     */
    HistoryReport history(HistoryQuery query);

    /**
     * The recorded result with this id.
     *
     * @throws UnknownDecisionException when the journal holds none (or it is still being written)
     */
    ConsensusResult decision(String id);

    /**
     * How the recorded decisions of the market data's pair and timeframe turned out against its candles.
     *
     * @param candles what followed the decisions: their pair, timeframe and candles (validated as for a consensus)
     * @param horizon candles after a decision's newest one whose close decides, at least 1
     * @param minMove the move (a fraction, 0.001 = 0.1 %) a BUY or SELL must beat, at least 0
     */
    Scorecard scorecard(MarketData candles, int horizon, double minMove);
}
