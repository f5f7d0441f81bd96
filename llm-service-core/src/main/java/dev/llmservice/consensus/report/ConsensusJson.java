package dev.llmservice.consensus.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.policy.Quorum;
import dev.llmservice.consensus.vote.Vote;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * The documented, stable JSON shape of a {@link ConsensusResult}. Keys are snake_case and appear in this order:
 * <pre>{@code
 * {
 *   "pair": "BTC/USDT", "timeframe": "5m",
 *   "last_candle": "2024-05-01T16:05:00Z", "valid_until": "2024-05-01T16:10:00Z",
 *   "decision": "BUY",                       // BUY | SELL | HOLD
 *   "status": "decided",                     // decided | tie | contested | below_threshold | no_quorum | all_failed
 *   "confidence": 0.375,                     // S_lead / W when decided, else 0
 *   "agreement": 0.375,                      // S_lead / R when decided, else 0
 *   "scores": {"buy": 1.5, "sell": 0.6, "hold": 0.5},
 *   "margin": 0.9,                           // |S_buy - S_sell|
 *   "quorum": {"total_weight": 4.0, "required_weight": 2.0, "responded_weight": 4.0,
 *              "required_count": 2, "responded_count": 4, "met": true},
 *   "votes": [ {"provider": "anthropic", "model": "…", "weight": 1.0,
 *               "status": "ok",              // ok | error | timeout | unparseable | refused | cancelled | skipped
 *               "decision": "BUY", "confidence": 0.8, "reasoning": "…",   // null unless ok
 *               "latency_ms": 812, "tokens": {"input": 950, "output": 41},
 *               "error": null} ],            // or {"kind": "rate_limited" | … | null, "message": "…"}
 *   "dissent": [ … ],                        // the counted ok votes against the decision, same shape as votes
 *   "early_stopped": false,
 *   "confidence_range": {"min": 0.375, "max": 0.375},
 *   "latency_ms": 905,                       // the whole request
 *   "policy_version": "1"
 * }
 * }</pre>
 * Dates are ISO-8601 UTC. {@code error.kind} is the provider's failure kind ({@code rate_limited},
 * {@code timeout}, {@code bad_response}, {@code refused}, …), {@code null} for cancelled and skipped votes.
 */
public final class ConsensusJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final ObjectMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ConsensusJson() {
    }

    /** The result as a JSON tree, for servers that serialise it themselves. */
    public static ObjectNode toNode(ConsensusResult r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("pair", r.pair());
        o.put("timeframe", r.timeframe().code());
        o.put("last_candle", r.lastCandle().toString());
        o.put("valid_until", r.validUntil().toString());
        o.put("decision", r.decision().name());
        o.put("status", r.status().code());
        o.put("confidence", r.confidence());
        o.put("agreement", r.agreement());
        ObjectNode scores = o.putObject("scores");
        scores.put("buy", r.scores().buy());
        scores.put("sell", r.scores().sell());
        scores.put("hold", r.scores().hold());
        o.put("margin", r.margin());
        Quorum q = r.quorum();
        ObjectNode quorum = o.putObject("quorum");
        quorum.put("total_weight", q.totalWeight());
        quorum.put("required_weight", q.requiredWeight());
        quorum.put("responded_weight", q.respondedWeight());
        quorum.put("required_count", q.requiredCount());
        quorum.put("responded_count", q.respondedCount());
        quorum.put("met", q.met());
        writeVotes(o.putArray("votes"), r.votes());
        writeVotes(o.putArray("dissent"), r.dissent());
        o.put("early_stopped", r.earlyStopped());
        ObjectNode range = o.putObject("confidence_range");
        range.put("min", r.confidenceRange().min());
        range.put("max", r.confidenceRange().max());
        o.put("latency_ms", r.latency().toMillis());
        o.put("policy_version", r.policyVersion());
        return o;
    }

    /** The result as indented JSON. */
    public static String toJson(ConsensusResult r) {
        return write(PRETTY, r);
    }

    /** The result as JSON on one line. */
    public static String toCompactJson(ConsensusResult r) {
        return write(MAPPER, r);
    }

    /** One vote in the shape used in {@code votes} and {@code dissent}. */
    public static ObjectNode voteNode(Vote v) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("provider", v.provider());
        o.put("model", v.model());
        o.put("weight", v.weight());
        o.put("status", v.status().code());
        if (v.isOk()) {
            o.put("decision", v.decision().name());
            o.put("confidence", v.confidence());
            o.put("reasoning", v.reasoning());
        } else {
            o.putNull("decision");
            o.putNull("confidence");
            o.putNull("reasoning");
        }
        o.put("latency_ms", v.latency().toMillis());
        ObjectNode tokens = o.putObject("tokens");
        tokens.put("input", v.tokens().inputTokens());
        tokens.put("output", v.tokens().outputTokens());
        if (v.isOk()) {
            o.putNull("error");
        } else {
            ObjectNode error = o.putObject("error");
            if (v.failure() == null) {
                error.putNull("kind");
            } else {
                error.put("kind", v.failure().code());
            }
            error.put("message", v.error());
        }
        return o;
    }

    private static void writeVotes(ArrayNode array, List<Vote> votes) {
        for (Vote v : votes) {
            array.add(voteNode(v));
        }
    }

    private static String write(ObjectMapper mapper, ConsensusResult r) {
        try {
            return mapper.writeValueAsString(toNode(r));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
