package dev.llmservice.spring.web;

import dev.llmservice.spring.consensus.ConsensusOutcome;
import dev.llmservice.spring.consensus.ConsensusService;
import dev.llmservice.spring.consensus.InvalidMarketDataException;
import dev.llmservice.spring.metrics.ConsensusMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code POST /api/v1/consensus}: issue 3's market-data JSON in, the consensus result out. Invalid input is a
 * 400 naming every invalid field; too few providers is a result with status {@code no_quorum}, not an error.
 */
@RestController
public class ConsensusController {

    private final ConsensusService consensus;
    private final ObjectProvider<ConsensusMetrics> metricsProvider;
    /** Looked up once, at the first request (the context is complete by then): a lookup per request cost ~3% of
     *  the server's CPU under load (dependency resolution with annotation scans). Empty when there are none. */
    private volatile Optional<ConsensusMetrics> metrics;

    public ConsensusController(ConsensusService consensus, ObjectProvider<ConsensusMetrics> metrics) {
        this.consensus = consensus;
        this.metricsProvider = metrics;
    }

    @PostMapping(path = "/api/v1/consensus", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Object consensus(@RequestBody(required = false) String marketData) {
        long start = System.nanoTime();
        ConsensusMetrics m = metrics();
        ConsensusOutcome outcome;
        try {
            outcome = consensus.decide(marketData);
        } catch (InvalidMarketDataException e) {
            if (m != null) {
                m.recordWithoutDecision(ConsensusMetrics.STATUS_INVALID_INPUT, since(start));
            }
            throw e;
        } catch (RuntimeException e) {
            if (m != null) {
                m.recordWithoutDecision(ConsensusMetrics.STATUS_ERROR, since(start));
            }
            throw e;
        }
        if (m != null) {
            m.record(outcome, since(start));
        }
        return outcome.result();
    }

    private ConsensusMetrics metrics() {
        Optional<ConsensusMetrics> m = metrics;
        if (m == null) {
            m = Optional.ofNullable(metricsProvider.getIfAvailable());
            metrics = m;
        }
        return m.orElse(null);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
