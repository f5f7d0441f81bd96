package dev.llmservice.spring.web;

import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.operations.ConsensusOperations;
import dev.llmservice.operations.ConsensusQueries;
import dev.llmservice.operations.HistoryReport;
import dev.llmservice.scorecard.Scorecard;
import dev.llmservice.spring.consensus.MarketDataReader;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The decision journal over HTTP, the CLI's {@code history} and {@code scorecard}: reads, open unless
 * {@code LLM_API_TOKEN} is set.
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><th>request</th><th>answer</th></tr>
 *   <tr><td>GET {@code /api/v1/consensus?pair=&since=&limit=&cursor=}</td><td>recorded results, newest first, paged
 *       ({@link HistoryReport}); an invalid parameter is a 400 naming it</td></tr>
 *   <tr><td>GET {@code /api/v1/consensus/{id}}</td><td>one recorded result; an unknown id is a 404 problem</td></tr>
 *   <tr><td>POST {@code /api/v1/scorecard?horizon=&min_move=} with market data</td><td>the {@link Scorecard} of the
 *       data's pair and timeframe; invalid market data is a 400 naming each field, as for a consensus</td></tr>
 * </table>
 * Every result is in the shape {@code POST /api/v1/consensus} answers, with its {@code id} and {@code created_at}.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class DecisionsController {

    private final ConsensusOperations consensus;
    private final MarketDataReader reader;

    public DecisionsController(ConsensusOperations consensus, MarketDataReader reader) {
        this.consensus = consensus;
        this.reader = reader;
    }

    /** {@code since}: a date ({@code 2024-05-01}, midnight UTC) or an instant; {@code limit} 1 to 1000, default 50. */
    @GetMapping("/consensus")
    public HistoryReport history(@RequestParam(required = false) String pair,
                                 @RequestParam(required = false) String since,
                                 @RequestParam(required = false) String limit,
                                 @RequestParam(required = false) String cursor) {
        return consensus.history(ConsensusQueries.history(pair, since, limit, cursor));
    }

    @GetMapping("/consensus/{id}")
    public ConsensusResult decision(@PathVariable String id) {
        return consensus.decision(id);
    }

    /** {@code horizon}: candles, default 1; {@code min_move}: percent, default 0.1. */
    @PostMapping(path = "/scorecard", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Scorecard scorecard(@RequestBody(required = false) String marketData,
                               @RequestParam(required = false) String horizon,
                               @RequestParam(name = "min_move", required = false) String minMove) {
        ConsensusQueries.ScorecardParameters parameters = ConsensusQueries.scorecard(horizon, minMove);
        return consensus.scorecard(reader.read(marketData), parameters.horizon(), parameters.minMove());
    }
}
