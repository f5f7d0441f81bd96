package dev.llmservice.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmservice.json.Json;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.resilience.CircuitOpening;

import java.time.Instant;
import java.util.Arrays;

/**
 * An opening as stored in {@link RedisKeys#CIRCUITS}:
 * <pre>{"opened_by": "web-1:4242", "opened_at": "2026-12-05T10:00:00Z", "retry_at": "2026-12-05T10:00:30Z",
 *  "failures": 5, "last_failure": "unavailable", "message": "…"}</pre>
 */
final class CircuitJson {

    private CircuitJson() {
    }

    static String write(CircuitOpening o) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("opened_by", o.openedBy());
        node.put("opened_at", o.openedAt().toString());
        node.put("retry_at", o.retryAt().toString());
        node.put("failures", o.consecutiveFailures());
        node.put("last_failure", o.lastFailure().code());
        node.put("message", o.lastFailureMessage());
        return node.toString();
    }

    /**
     * @throws IllegalArgumentException saying what is wrong, when {@code value} is not such an opening
     */
    static CircuitOpening read(String value) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(value);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        try {
            String kind = text(node, "last_failure");
            FailureKind failure = Arrays.stream(FailureKind.values()).filter(k -> k.code().equals(kind)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("last_failure is not a failure kind"));
            JsonNode failures = node.get("failures");
            if (failures == null || !failures.canConvertToInt() || failures.asInt() < 0) {
                throw new IllegalArgumentException("failures is not a count");
            }
            JsonNode message = node.get("message");
            return new CircuitOpening(text(node, "opened_by"), Instant.parse(text(node, "opened_at")),
                    Instant.parse(text(node, "retry_at")), failures.asInt(), failure,
                    message == null || message.isNull() ? null : message.asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("a time is not an ISO-8601 instant");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return v.asText();
    }

    static final String EXPECTED = "an opening like {\"opened_by\": \"web-1:4242\", \"opened_at\": \"2026-12-05T10:00:00Z\", "
            + "\"retry_at\": \"2026-12-05T10:00:30Z\", \"failures\": 5, \"last_failure\": \"unavailable\"}";
}
