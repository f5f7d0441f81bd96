package dev.llmservice.consensus.answer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.llmservice.config.Excerpt;
import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.json.Json;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a model's reply to the consensus prompt: tolerant of how models wrap JSON, strict about what it says.
 *
 * <p>Tolerated:
 * <ul>
 *   <li>the JSON object inside a Markdown code fence ({@code ```json … ```}) or with prose before and after it;</li>
 *   <li>keys in any case ({@code "Decision"});</li>
 *   <li>the decision in any case and with surrounding spaces ({@code "buy"});</li>
 *   <li>the confidence as a number from 0 to 1, as a number above 1 and up to 100 (read as a percentage:
 *       {@code 85} is 0.85), or as a string holding either ({@code "0.85"}, {@code "85"}, {@code "85%"});
 *       exactly {@code 1} is read as 1.0 on the 0..1 scale;</li>
 *   <li>a missing or non-text {@code reasoning} (kept as its JSON text, or empty).</li>
 * </ul>
 * Everything else is {@link ParsedAnswer.Unparseable}, never a guess: no JSON object, several objects that
 * disagree, a missing decision or confidence, a decision other than BUY, SELL or HOLD ({@code "STRONG BUY"},
 * {@code "long"}), a confidence below 0, above 100 (or above 100 %), NaN, or not a number.
 *
 * <p>Refusals are not parsed here: a vendor's refusal or safety block reaches the orchestrator as a
 * {@link dev.llmservice.provider.ProviderException} of kind {@link dev.llmservice.provider.FailureKind#REFUSED}
 * (vote status {@code refused}). A refusal that arrives as plain text has no decision and is unparseable.
 *
 * <p>Thread-safe and stateless.
 */
public final class AnswerParser {

    /** Replies longer than this are not searched (a model answering with a novel has not followed the prompt). */
    public static final int MAX_REPLY_CHARS = 100_000;

    private static final ObjectReader JSON = Json.mapper().reader().with(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);
    private static final Pattern PERCENT = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)\\s*%$");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("^[0-9]+(?:\\.[0-9]+)?$");
    private static final BigDecimal ONE = BigDecimal.ONE;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private AnswerParser() {
    }

    /** Parses one reply. Never throws; {@code null} or blank text is unparseable. */
    public static ParsedAnswer parse(String reply) {
        if (reply == null || reply.isBlank()) {
            return new ParsedAnswer.Unparseable("the reply was empty");
        }
        if (reply.length() > MAX_REPLY_CHARS) {
            return new ParsedAnswer.Unparseable("the reply was " + reply.length() + " characters long, over "
                    + MAX_REPLY_CHARS);
        }
        List<JsonNode> candidates = new ArrayList<>();
        for (JsonNode node : jsonObjects(reply)) {
            if (field(node, "decision") != null) {
                candidates.add(node);
            }
        }
        if (candidates.isEmpty()) {
            return new ParsedAnswer.Unparseable("no JSON object with a decision in the reply: " + excerpt(reply));
        }
        ParsedAnswer first = read(candidates.get(0));
        for (int i = 1; i < candidates.size(); i++) {
            if (!read(candidates.get(i)).equals(first)) {
                return new ParsedAnswer.Unparseable("the reply holds " + candidates.size()
                        + " different JSON answers: " + excerpt(reply));
            }
        }
        return first;
    }

    private static ParsedAnswer read(JsonNode node) {
        JsonNode decisionNode = field(node, "decision");
        if (!decisionNode.isTextual()) {
            return new ParsedAnswer.Unparseable("decision was " + Excerpt.quoted(String.valueOf(decisionNode))
                    + " but it must be BUY, SELL or HOLD");
        }
        Optional<Decision> decision = Decision.parse(decisionNode.asText());
        if (decision.isEmpty()) {
            return new ParsedAnswer.Unparseable("decision was " + Excerpt.quoted(decisionNode.asText())
                    + " but it must be BUY, SELL or HOLD");
        }
        JsonNode confidenceNode = field(node, "confidence");
        if (confidenceNode == null) {
            return new ParsedAnswer.Unparseable("confidence was missing but it must be a number from 0 to 1");
        }
        Optional<Double> confidence = confidence(confidenceNode);
        if (confidence.isEmpty()) {
            String shown = confidenceNode.isTextual() ? confidenceNode.asText() : confidenceNode.toString();
            return new ParsedAnswer.Unparseable("confidence was " + Excerpt.quoted(shown)
                    + " but it must be a number from 0 to 1 (or a percentage up to 100)");
        }
        JsonNode reasoningNode = field(node, "reasoning");
        String reasoning = reasoningNode == null || reasoningNode.isNull() ? ""
                : reasoningNode.isTextual() ? reasoningNode.asText() : reasoningNode.toString();
        return new ParsedAnswer.Valid(decision.get(), confidence.get(), reasoning.strip());
    }

    /** The confidence on the 0..1 scale, or empty when it cannot be read without guessing. */
    static Optional<Double> confidence(JsonNode node) {
        BigDecimal value;
        boolean percent = false;
        if (node.isNumber()) {
            double d = node.asDouble();
            if (!Double.isFinite(d)) {
                return Optional.empty();
            }
            value = node.isBigDecimal() ? node.decimalValue() : BigDecimal.valueOf(d);
        } else if (node.isTextual()) {
            String text = node.asText().strip();
            Matcher m = PERCENT.matcher(text);
            if (m.matches()) {
                value = new BigDecimal(m.group(1));
                percent = true;
            } else if (PLAIN_NUMBER.matcher(text).matches()) {
                value = new BigDecimal(text);
            } else {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        if (value.signum() < 0) {
            return Optional.empty();
        }
        if (percent || value.compareTo(ONE) > 0) {
            if (value.compareTo(HUNDRED) > 0) {
                return Optional.empty();
            }
            value = value.movePointLeft(2);
        }
        return Optional.of(value.doubleValue());
    }

    /** The field named {@code name} in any case, or {@code null}. */
    private static JsonNode field(JsonNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().strip().toLowerCase(Locale.ROOT).equals(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * Every JSON object in the text, left to right, that is not inside another one. Prose, code fences and
     * stray braces around them are skipped: at each {@code '{'} one JSON value is read, and on success the scan
     * continues after it.
     */
    static List<JsonNode> jsonObjects(String text) {
        List<JsonNode> objects = new ArrayList<>();
        char[] chars = text.toCharArray();
        int i = text.indexOf('{');
        while (i >= 0) {
            int next = i + 1;
            try (JsonParser parser = JSON.createParser(chars, i, chars.length - i)) {
                JsonNode node = JSON.readTree(parser);
                if (node != null && node.isObject()) {
                    objects.add(node);
                    next = i + (int) parser.currentLocation().getCharOffset();
                }
            } catch (IOException | RuntimeException e) {
                // Not JSON from here: a brace in prose. Try the next one.
            }
            i = text.indexOf('{', Math.max(next, i + 1));
        }
        return objects;
    }

    private static String excerpt(String reply) {
        String oneLine = reply.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 80 ? "'" + oneLine + "'" : "'" + oneLine.substring(0, 77) + "...'";
    }
}
