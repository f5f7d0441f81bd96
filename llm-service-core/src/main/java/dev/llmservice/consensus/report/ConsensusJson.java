package dev.llmservice.consensus.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.marketdata.Timeframe;
import dev.llmservice.consensus.policy.ConfidenceRange;
import dev.llmservice.consensus.policy.ConsensusStatus;
import dev.llmservice.consensus.policy.Quorum;
import dev.llmservice.consensus.policy.Scores;
import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.consensus.vote.VoteStatus;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.TokenUsage;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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

    /** The result as compact UTF-8 JSON: {@link #toCompactJson} without the detour through a {@code String}. */
    public static byte[] toCompactJsonBytes(ConsensusResult r) {
        try {
            return MAPPER.writeValueAsBytes(toNode(r));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
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

    /**
     * Reads the documented shape back: a client of a server's {@code POST /api/v1/consensus} gets the same
     * {@link ConsensusResult} the server had, to show it as a local run would. Latencies are whole
     * milliseconds, as written. Unknown keys are ignored, so documents with keys added later still read.
     *
     * @throws IllegalArgumentException naming the first field that is missing or not as documented
     */
    public static ConsensusResult fromNode(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a consensus result must be a JSON object");
        }
        String timeframeCode = text(json, "timeframe");
        Timeframe timeframe = Timeframe.fromCode(timeframeCode).orElseThrow(() -> invalid("timeframe", timeframeCode,
                "one of " + Timeframe.allCodes()));
        JsonNode scores = object(json, "scores");
        JsonNode quorum = object(json, "quorum");
        JsonNode range = object(json, "confidence_range");
        try {
            return new ConsensusResult(text(json, "pair"), timeframe, instant(json, "last_candle"),
                    instant(json, "valid_until"), decision(json, "decision"),
                    code(ConsensusStatus.class, json, "status"), number(json, "confidence"),
                    number(json, "agreement"),
                    new Scores(number(scores, "buy"), number(scores, "sell"), number(scores, "hold")),
                    number(json, "margin"),
                    new Quorum(number(quorum, "total_weight"), number(quorum, "required_weight"),
                            number(quorum, "responded_weight"), whole(quorum, "required_count"),
                            whole(quorum, "responded_count"), bool(quorum, "met")),
                    votes(json, "votes"), votes(json, "dissent"), bool(json, "early_stopped"),
                    new ConfidenceRange(number(range, "min"), number(range, "max")),
                    Duration.ofMillis(whole(json, "latency_ms")), text(json, "policy_version"));
        } catch (NullPointerException e) {
            throw new IllegalArgumentException("inconsistent consensus result: " + e.getMessage(), e);
        }
    }

    private static List<Vote> votes(JsonNode json, String field) {
        JsonNode array = json.get(field);
        if (array == null || !array.isArray()) {
            throw invalid(field, array, "an array of votes");
        }
        List<Vote> votes = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode v = array.get(i);
            String where = field + "[" + i + "]";
            if (!v.isObject()) {
                throw invalid(where, v, "a vote object");
            }
            String provider;
            String model;
            double weight;
            VoteStatus status;
            Decision decision;
            Double confidence;
            String reasoning;
            Duration latency;
            TokenUsage tokens;
            FailureKind failure;
            String message;
            try {
                provider = text(v, "provider");
                model = text(v, "model");
                weight = number(v, "weight");
                status = code(VoteStatus.class, v, "status");
                decision = v.hasNonNull("decision") ? decision(v, "decision") : null;
                confidence = v.hasNonNull("confidence") ? number(v, "confidence") : null;
                reasoning = v.hasNonNull("reasoning") ? text(v, "reasoning") : null;
                latency = Duration.ofMillis(whole(v, "latency_ms"));
                JsonNode t = object(v, "tokens");
                tokens = new TokenUsage(whole(t, "input"), whole(t, "output"));
                JsonNode error = v.path("error");
                failure = error.isObject() && error.hasNonNull("kind") ? code(FailureKind.class, error, "kind") : null;
                message = error.isObject() && error.hasNonNull("message") ? text(error, "message") : null;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "." + e.getMessage(), e);
            }
            try {
                votes.add(new Vote(provider, model, weight, status, decision, confidence, reasoning, latency, tokens,
                        failure, message));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(where + " is not a valid vote: " + e.getMessage(), e);
            }
        }
        return votes;
    }

    private static JsonNode object(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || !v.isObject()) {
            throw invalid(field, v, "an object");
        }
        return v;
    }

    private static String text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || !v.isTextual()) {
            throw invalid(field, v, "text");
        }
        return v.asText();
    }

    private static double number(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || !v.isNumber()) {
            throw invalid(field, v, "a number");
        }
        return v.asDouble();
    }

    private static int whole(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
            throw invalid(field, v, "a whole number");
        }
        return v.asInt();
    }

    private static boolean bool(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || !v.isBoolean()) {
            throw invalid(field, v, "true or false");
        }
        return v.asBoolean();
    }

    private static Instant instant(JsonNode json, String field) {
        String s = text(json, field);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw invalid(field, json.get(field), "an ISO-8601 instant such as 2024-05-01T16:55:00Z");
        }
    }

    private static Decision decision(JsonNode json, String field) {
        String s = text(json, field);
        try {
            return Decision.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw invalid(field, json.get(field), "BUY, SELL or HOLD");
        }
    }

    /** An enum constant from its JSON code ({@code below_threshold} is {@code BELOW_THRESHOLD}). */
    private static <E extends Enum<E>> E code(Class<E> type, JsonNode json, String field) {
        String s = text(json, field);
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(s)) {
                return e;
            }
        }
        throw invalid(field, json.get(field), "one of " + String.join(", ", Arrays.stream(
                type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList()));
    }

    private static IllegalArgumentException invalid(String field, Object value, String expected) {
        String shown = value == null ? "missing" : "'" + (value instanceof JsonNode n && n.isTextual() ? n.asText()
                : String.valueOf(value)) + "'";
        if (shown.length() > 62) {
            shown = shown.substring(0, 58) + "...'";
        }
        return new IllegalArgumentException(field + " was " + shown + " but it must be " + expected);
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
