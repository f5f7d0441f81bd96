package dev.llmservice.provider.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.json.Json;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a vendor said in an error body, read from any of the four shapes:
 * <ul>
 *   <li>OpenAI: {@code {"error":{"message","type","param","code"}}}</li>
 *   <li>Anthropic: {@code {"type":"error","error":{"type","message"},"request_id"}}</li>
 *   <li>Gemini: {@code {"error":{"code":400,"message","status","details":[{"reason":"API_KEY_INVALID"}]}}}</li>
 *   <li>xAI: {@code {"code":"Client specified an invalid argument","error":"Incorrect API key provided: …"}},
 *       whose message may arrive URL-encoded</li>
 * </ul>
 *
 * @param message the vendor's own message, or a short excerpt of a body that is not JSON; never {@code null}
 * @param type    {@code error.type} (OpenAI, Anthropic), or {@code null}
 * @param code    {@code error.code} (OpenAI string, Gemini number as text) or xAI's top-level {@code code}, or {@code null}
 * @param status  Gemini's {@code error.status}, e.g. {@code RESOURCE_EXHAUSTED}, or {@code null}
 * @param reasons Gemini's {@code error.details[].reason} values, e.g. {@code API_KEY_INVALID}
 * @param json    whether the body was JSON at all
 */
public record ErrorBody(String message, String type, String code, String status, Set<String> reasons, boolean json) {

    /** Longest vendor message we repeat; a longer one is cut with an ellipsis. */
    static final int MAX_MESSAGE_CHARS = 300;

    public ErrorBody {
        reasons = Set.copyOf(reasons);
    }

    public static ErrorBody parse(String body) {
        if (body == null || body.isBlank()) {
            return new ErrorBody("(empty body)", null, null, null, Set.of(), false);
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (Exception e) {
            return new ErrorBody(excerpt(body), null, null, null, Set.of(), false);
        }
        if (root == null || !root.isObject()) {
            return new ErrorBody(excerpt(body), null, null, null, Set.of(), true);
        }
        JsonNode error = root.path("error");
        if (error.isObject()) {
            Set<String> reasons = new LinkedHashSet<>();
            for (JsonNode detail : error.path("details")) {
                if (detail.hasNonNull("reason")) {
                    reasons.add(detail.get("reason").asText());
                }
            }
            String message = error.hasNonNull("message") ? error.get("message").asText() : excerpt(body);
            return new ErrorBody(shorten(message), text(error, "type"), text(error, "code"), text(error, "status"),
                    reasons, true);
        }
        if (error.isTextual()) {
            return new ErrorBody(shorten(urlDecoded(error.asText())), null, text(root, "code"), null, Set.of(), true);
        }
        String message = root.hasNonNull("message") ? root.get("message").asText() : excerpt(body);
        return new ErrorBody(shorten(message), text(root, "type"), text(root, "code"), null, Set.of(), true);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** xAI has been seen sending {@code Incorrect%20API%20key%20provided:…}; decode only what is clearly encoded. */
    private static String urlDecoded(String s) {
        if (!s.contains("%20")) {
            return s;
        }
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** A body that is not the expected JSON: its start, on one line. */
    static String excerpt(String body) {
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.isEmpty() ? "(empty body)" : "\"" + shorten(oneLine, 120) + "\"";
    }

    static String shorten(String s) {
        return shorten(s.strip(), MAX_MESSAGE_CHARS);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "\u2026";
    }
}
