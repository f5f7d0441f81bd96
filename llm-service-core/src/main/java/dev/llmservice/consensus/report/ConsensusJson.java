package dev.llmservice.consensus.report;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.marketdata.Timeframe;
import dev.llmservice.consensus.policy.ConfidenceRange;
import dev.llmservice.consensus.policy.ConsensusStatus;
import dev.llmservice.consensus.policy.Quorum;
import dev.llmservice.consensus.policy.Scores;
import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.consensus.vote.VoteStatus;
import dev.llmservice.cost.VoteCost;
import dev.llmservice.json.Json;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.TokenUsage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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
 *               "error": null,               // or {"kind": "rate_limited" | … | null, "message": "…"}
 *               "cost_usd": 0.003465,        // tokens × the model's price; null when unknown …
 *               "cost_note": null} ],        // … and then why: "no price for model X"
 *   "dissent": [ … ],                        // the counted ok votes against the decision, same shape as votes
 *   "early_stopped": false,
 *   "confidence_range": {"min": 0.375, "max": 0.375},
 *   "latency_ms": 905,                       // the whole request
 *   "policy_version": "1",
 *   "cost_usd": 0.01386,                     // the votes' costs summed; null when any is unknown
 *   "id": "0190f6b2-…",                      // the decision journal's id; null when not recorded
 *   "created_at": "2024-05-01T16:06:12.345Z", // when it was made and recorded; null when not recorded
 *   "cached": false                          // true: an identical request's result (same id), nothing asked or spent
 * }
 * }</pre>
 * Amounts are USD, exact decimals written without exponent. The keys after {@code policy_version} were added with
 * the decision journal, {@code cached} with the consensus cache; a reader finds them {@code null} (not cached) in
 * documents written before.
 * Dates are ISO-8601 UTC. {@code error.kind} is the provider's failure kind ({@code rate_limited},
 * {@code timeout}, {@code bad_response}, {@code refused}, …), {@code null} for cancelled and skipped votes.
 *
 * <p>The shape is the record tree at the end of this class, written and read by Jackson with the shared
 * {@link Json#mapper()} (whose snake_case naming turns {@code lastCandle} into {@code last_candle}); a result is
 * mapped to it and back. Numbers are written as Java writes doubles ({@code 0.3333333333333333}, {@code 1.0}).
 */
public final class ConsensusJson {

    // Bound to the document type once: a server writes one result per request, and a bound writer does not look
    // its serializer up each time.
    private static final ObjectWriter COMPACT = Json.mapper().writerFor(ResultDocument.class);
    private static final ObjectWriter PRETTY = Json.prettyWriter().forType(ResultDocument.class);
    private static final ObjectReader READER = Json.mapper().readerFor(ResultDocument.class);

    private ConsensusJson() {
    }

    /** The result as a JSON tree, for servers that serialise it themselves. */
    public static ObjectNode toNode(ConsensusResult r) {
        return Json.mapper().valueToTree(ResultDocument.of(r));
    }

    /** The result as indented JSON. */
    public static String toJson(ConsensusResult r) {
        return write(PRETTY, r);
    }

    /** The result as JSON on one line. */
    public static String toCompactJson(ConsensusResult r) {
        return write(COMPACT, r);
    }

    /** The result as compact UTF-8 JSON: {@link #toCompactJson} without the detour through a {@code String}. */
    public static byte[] toCompactJsonBytes(ConsensusResult r) {
        try {
            return COMPACT.writeValueAsBytes(ResultDocument.of(r));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the documented shape back: a client of a server's {@code POST /api/v1/consensus} gets the same
     * {@link ConsensusResult} the server had, to show it as a local run would. Latencies are whole
     * milliseconds, as written. Unknown keys are ignored, so documents with keys added later still read.
     *
     * @throws IllegalArgumentException naming the first field that is missing or not as documented, by its path
     *                                  ({@code votes[1].latency_ms}), with its value and what it must be
     */
    public static ConsensusResult fromNode(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a consensus result must be a JSON object");
        }
        ResultDocument document;
        try {
            document = READER.readValue(json);
        } catch (IOException e) {
            throw unreadable(json, e);
        }
        return document.toResult(json);
    }

    /**
     * Writes a {@link ConsensusResult} in the documented shape wherever it appears in a document written by
     * {@link Json#mapper()} (a history page's entries); {@link ConsensusResult} names it.
     */
    public static final class Serializer extends StdSerializer<ConsensusResult> {

        public Serializer() {
            super(ConsensusResult.class);
        }

        @Override
        public void serialize(ConsensusResult value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            provider.findValueSerializer(ResultDocument.class).serialize(ResultDocument.of(value), gen, provider);
        }
    }

    /** Reads a {@link ConsensusResult} in the documented shape as {@link #fromNode} does, within a larger document. */
    public static final class Deserializer extends StdDeserializer<ConsensusResult> {

        public Deserializer() {
            super(ConsensusResult.class);
        }

        @Override
        public ConsensusResult deserialize(JsonParser p, DeserializationContext context) throws IOException {
            JsonNode tree = p.readValueAsTree();
            try {
                return fromNode(tree);
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
    }

    private static String write(ObjectWriter writer, ConsensusResult r) {
        try {
            return writer.writeValueAsString(ResultDocument.of(r));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- reading: Jackson checks presence and types, the mapping below the values ----------------------------

    /** Jackson's complaint in the words of {@link #invalid}: the path of the field, its value, what it must be. */
    private static IllegalArgumentException unreadable(JsonNode json, IOException e) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
            return new IllegalArgumentException("unreadable consensus result: "
                    + (e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage()), e);
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType()
                : e.getCause() instanceof InputCoercionException outOfRange ? outOfRange.getTargetType() : null;
        IllegalArgumentException invalid = invalid(json, path.toString(), expected(target));
        invalid.initCause(e);
        return invalid;
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "text";
        } else if (type == Double.class || type == double.class || type == BigDecimal.class) {
            return "a number";
        } else if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        } else if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        } else if (type != null && Collection.class.isAssignableFrom(type)) {
            return "an array of votes";
        } else if (type == VoteDocument.class) {
            return "a vote object";
        } else if (type != null && type.isRecord()) {
            return "an object";
        }
        return "as documented";
    }

    /** {@code path} ({@code votes[1].latency_ms}) was not {@code expected}; its value is looked up in {@code json}. */
    private static IllegalArgumentException invalid(JsonNode json, String path, String expected) {
        JsonNode value = json;
        for (String step : path.split("[.\\[\\]]+")) {
            value = step.chars().allMatch(Character::isDigit) ? value.path(Integer.parseInt(step)) : value.path(step);
        }
        String shown = value.isMissingNode() ? "missing"
                : "'" + (value.isTextual() ? value.asText() : value.toString()) + "'";
        if (shown.length() > 62) {
            shown = shown.substring(0, 58) + "...'";
        }
        return new IllegalArgumentException(path + " was " + shown + " but it must be " + expected);
    }

    private static Instant instant(JsonNode json, String path, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(json, path, "an ISO-8601 instant such as 2024-05-01T16:55:00Z");
        }
    }

    private static Decision decisionOf(JsonNode json, String path, String value) {
        try {
            return Decision.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw invalid(json, path, "BUY, SELL or HOLD");
        }
    }

    /** An enum constant from its JSON code ({@code below_threshold} is {@code BELOW_THRESHOLD}). */
    private static <E extends Enum<E>> E code(JsonNode json, String path, Class<E> type, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(value)) {
                return e;
            }
        }
        throw invalid(json, path, "one of " + String.join(", ", Arrays.stream(
                type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList()));
    }

    // --- the documented shape --------------------------------------------------------------------------------

    /** A key the document must have, with a value other than {@code null}. */
    @Retention(RetentionPolicy.RUNTIME)
    @JacksonAnnotationsInside
    @JsonProperty(required = true)
    @JsonSetter(nulls = Nulls.FAIL, contentNulls = Nulls.FAIL)
    private @interface Required {
    }

    /** A required number, which must be a JSON number. */
    @Retention(RetentionPolicy.RUNTIME)
    @JacksonAnnotationsInside
    @JsonProperty(required = true)
    @JsonSetter(nulls = Nulls.FAIL)
    @JsonDeserialize(using = JsonNumber.class)
    private @interface RequiredNumber {
    }

    /** A JSON number only: Jackson would otherwise read the text {@code "NaN"} or {@code "Infinity"} as a double. */
    private static final class JsonNumber extends StdScalarDeserializer<Double> {

        JsonNumber() {
            super(Double.class);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext context) throws IOException {
            return p.currentToken().isNumeric() ? p.getDoubleValue()
                    : (Double) context.handleUnexpectedToken(Double.class, p);
        }
    }

    /** The whole document, in the documented key order. */
    private record ResultDocument(
            @Required String pair, @Required String timeframe, @Required String lastCandle,
            @Required String validUntil, @Required String decision, @Required String status,
            @RequiredNumber Double confidence, @RequiredNumber Double agreement, @Required ScoresDocument scores,
            @RequiredNumber Double margin, @Required QuorumDocument quorum, @Required List<VoteDocument> votes,
            @Required List<VoteDocument> dissent, @Required Boolean earlyStopped,
            @Required RangeDocument confidenceRange, @Required Long latencyMs, @Required String policyVersion,
            BigDecimal costUsd, String id, String createdAt, Boolean cached) {

        static ResultDocument of(ConsensusResult r) {
            Scores s = r.scores();
            Quorum q = r.quorum();
            return new ResultDocument(r.pair(), r.timeframe().code(), r.lastCandle().toString(),
                    r.validUntil().toString(), r.decision().name(), r.status().code(), r.confidence(), r.agreement(),
                    new ScoresDocument(s.buy(), s.sell(), s.hold()), r.margin(),
                    new QuorumDocument(q.totalWeight(), q.requiredWeight(), q.respondedWeight(), q.requiredCount(),
                            q.respondedCount(), q.met()),
                    VoteDocument.of(r.votes()), VoteDocument.of(r.dissent()), r.earlyStopped(),
                    new RangeDocument(r.confidenceRange().min(), r.confidenceRange().max()), r.latency().toMillis(),
                    r.policyVersion(), r.costUsd(), r.id(), r.createdAt() == null ? null : r.createdAt().toString(),
                    r.cached());
        }

        /** @param json the tree this was read from, to show a value that is not as documented */
        ConsensusResult toResult(JsonNode json) {
            Timeframe tf = Timeframe.fromCode(timeframe).orElseThrow(() -> invalid(json, "timeframe",
                    "one of " + Timeframe.allCodes()));
            return new ConsensusResult(pair, tf, instant(json, "last_candle", lastCandle),
                    instant(json, "valid_until", validUntil), decisionOf(json, "decision", decision),
                    code(json, "status", ConsensusStatus.class, status), confidence, agreement,
                    new Scores(scores.buy, scores.sell, scores.hold), margin,
                    new Quorum(quorum.totalWeight, quorum.requiredWeight, quorum.respondedWeight,
                            quorum.requiredCount, quorum.respondedCount, quorum.met),
                    VoteDocument.toVotes(json, "votes", votes), VoteDocument.toVotes(json, "dissent", dissent),
                    earlyStopped, new ConfidenceRange(confidenceRange.min, confidenceRange.max),
                    Duration.ofMillis(latencyMs), policyVersion, id,
                    createdAt == null ? null : instant(json, "created_at", createdAt), Boolean.TRUE.equals(cached));
        }
    }

    private record ScoresDocument(
            @RequiredNumber Double buy, @RequiredNumber Double sell, @RequiredNumber Double hold) {
    }

    private record QuorumDocument(
            @RequiredNumber Double totalWeight, @RequiredNumber Double requiredWeight,
            @RequiredNumber Double respondedWeight, @Required Integer requiredCount, @Required Integer respondedCount,
            @Required Boolean met) {
    }

    private record RangeDocument(@RequiredNumber Double min, @RequiredNumber Double max) {
    }

    /** One vote, in {@code votes} and {@code dissent}. Decision, confidence and reasoning are null unless ok. */
    private record VoteDocument(
            @Required String provider, @Required String model, @RequiredNumber Double weight,
            @Required String status, String decision, @JsonDeserialize(using = JsonNumber.class) Double confidence,
            String reasoning, @Required Long latencyMs, @Required TokensDocument tokens, ErrorDocument error,
            BigDecimal costUsd, String costNote) {

        static List<VoteDocument> of(List<Vote> votes) {
            List<VoteDocument> documents = new ArrayList<>(votes.size());
            for (Vote v : votes) {
                documents.add(new VoteDocument(v.provider(), v.model(), v.weight(), v.status().code(),
                        v.isOk() ? v.decision().name() : null, v.isOk() ? v.confidence() : null,
                        v.isOk() ? v.reasoning() : null, v.latency().toMillis(),
                        new TokensDocument(v.tokens().inputTokens(), v.tokens().outputTokens()),
                        v.isOk() ? null
                                : new ErrorDocument(v.failure() == null ? null : v.failure().code(), v.error()),
                        v.cost() == null ? null : v.cost().usd(), v.cost() == null ? null : v.cost().note()));
            }
            return documents;
        }

        static List<Vote> toVotes(JsonNode json, String field, List<VoteDocument> documents) {
            List<Vote> votes = new ArrayList<>(documents.size());
            for (int i = 0; i < documents.size(); i++) {
                votes.add(documents.get(i).toVote(json, field + "[" + i + "]"));
            }
            return votes;
        }

        private Vote toVote(JsonNode json, String where) {
            VoteStatus voteStatus = code(json, where + ".status", VoteStatus.class, status);
            Decision voteDecision = decision == null ? null : decisionOf(json, where + ".decision", decision);
            FailureKind failure = error == null || error.kind == null ? null
                    : code(json, where + ".error.kind", FailureKind.class, error.kind);
            if (costUsd != null && costNote != null) {
                throw invalid(json, where + ".cost_note", "null when cost_usd is known");
            }
            try {
                return new Vote(provider, model, weight, voteStatus, voteDecision, confidence, reasoning,
                        Duration.ofMillis(latencyMs), new TokenUsage(tokens.input, tokens.output), failure,
                        error == null ? null : error.message,
                        costUsd != null ? VoteCost.known(costUsd) : costNote != null ? VoteCost.unknown(costNote) : null);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(where + " is not a valid vote: " + e.getMessage(), e);
            }
        }
    }

    private record TokensDocument(@Required Integer input, @Required Integer output) {
    }

    /** Why a vote that is not ok did not count; {@code kind} is null for cancelled and skipped votes. */
    private record ErrorDocument(String kind, String message) {
    }
}
