package dev.llmservice.spring.openai;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.config.Defaults;
import dev.llmservice.config.Excerpt;
import dev.llmservice.json.Json;
import dev.llmservice.provider.GenerationOptions;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationRequest.Role;
import dev.llmservice.provider.GenerationRequest.Turn;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code POST /v1/chat/completions} body, read and checked: every problem is a 400 in OpenAI's shape naming the
 * field ({@code param}), as OpenAI answers.
 *
 * <p>What is taken: {@code model}, {@code messages} (roles {@code system}/{@code developer}, {@code user},
 * {@code assistant}; content a string or text parts), {@code max_completion_tokens} (or the older
 * {@code max_tokens}), {@code temperature}, {@code response_format} ({@code text}, {@code json_object}),
 * {@code stream}, {@code stream_options.include_usage}, {@code n} of 1. Fields that only describe the caller
 * ({@code user}, {@code metadata}, {@code store}, ...) are accepted and not used. Anything that would change the
 * answer and cannot be honoured here (tools, images, {@code top_p}, {@code stop}, {@code n} above 1, JSON schemas,
 * ...) is refused with {@code unsupported_parameter} rather than silently dropped; a field OpenAI does not have
 * either is refused as OpenAI refuses it ("Unrecognized request argument").
 *
 * <p>System and developer messages, wherever they stand, become the system prompt (joined by a blank line, in
 * order); the last other message must be the user's: it is the prompt, the ones before it the history.
 *
 * @param model        as given: a provider name, {@code provider/model} or {@code auto}
 * @param includeUsage {@code stream_options.include_usage}: a last chunk with the usage
 */
public record ChatCompletionRequest(String model, String systemPrompt, List<Turn> history, String prompt,
                                    boolean json, Double temperature, Integer maxTokens, boolean stream,
                                    boolean includeUsage) {

    /** Fields taken into account. */
    private static final Set<String> TAKEN = Set.of("model", "messages", "max_tokens", "max_completion_tokens",
            "temperature", "response_format", "stream", "stream_options", "n");
    /** Fields about the caller, not the answer: accepted, not used. */
    private static final Set<String> IGNORED = Set.of("user", "metadata", "store", "service_tier",
            "safety_identifier", "prompt_cache_key", "parallel_tool_calls");
    /** OpenAI's fields that would change the answer and that this endpoint cannot honour. */
    private static final Set<String> UNSUPPORTED = Set.of("tools", "tool_choice", "functions", "function_call",
            "top_p", "stop", "seed", "logprobs", "top_logprobs", "logit_bias", "frequency_penalty", "presence_penalty",
            "audio", "modalities", "prediction", "reasoning_effort", "verbosity", "web_search_options");

    /** The request as a provider takes it, with {@code model} (or the configured model when {@code null}). */
    public GenerationRequest generation(String providerModel) {
        return new GenerationRequest(systemPrompt, history, prompt, json,
                new GenerationOptions(providerModel, temperature, maxTokens));
    }

    /**
     * Reads a request body.
     *
     * @throws OpenAiError a 400 naming the first field at fault
     */
    public static ChatCompletionRequest read(byte[] body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (JacksonException e) {
            throw OpenAiError.badRequest(null, "invalid_json", "the body is not valid JSON: "
                    + e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            throw OpenAiError.badRequest(null, "invalid_json", "the body could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw OpenAiError.badRequest(null, "invalid_json", "the body must be a JSON object, but was "
                    + (root == null || root.isMissingNode() ? "empty" : Excerpt.of(root.toString())));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (UNSUPPORTED.contains(name) && !field.getValue().isNull() && !isEmptyList(field.getValue())) {
                throw OpenAiError.badRequest(name, "unsupported_parameter",
                        "Unsupported parameter: '" + name + "' is not supported by this endpoint.");
            }
            if (!TAKEN.contains(name) && !IGNORED.contains(name) && !UNSUPPORTED.contains(name)) {
                throw OpenAiError.badRequest(name, "unknown_parameter",
                        "Unrecognized request argument supplied: " + Excerpt.of(name));
            }
        }
        String model = text(root, "model");
        int n = whole(root, "n", 1, 1);
        if (n != 1) {
            throw OpenAiError.badRequest("n", "unsupported_parameter", "n was " + n + " but only 1 is supported");
        }
        Integer maxTokens = root.hasNonNull("max_completion_tokens")
                ? (Integer) whole(root, "max_completion_tokens", Defaults.MIN_MAX_TOKENS, null)
                : (Integer) whole(root, "max_tokens", Defaults.MIN_MAX_TOKENS, null);
        Double temperature = temperature(root);
        boolean json = json(root.get("response_format"));
        boolean stream = bool(root, "stream", "stream");
        JsonNode options = root.get("stream_options");
        boolean includeUsage = false;
        if (options != null && !options.isNull()) {
            if (!options.isObject()) {
                throw OpenAiError.badRequest("stream_options", null, "stream_options must be an object, but was "
                        + Excerpt.of(options.toString()));
            }
            includeUsage = bool(options, "include_usage", "stream_options.include_usage");
        }
        return messages(root.get("messages"), model, json, temperature, maxTokens, stream, includeUsage);
    }

    private static ChatCompletionRequest messages(JsonNode messages, String model, boolean json, Double temperature,
                                                  Integer maxTokens, boolean stream, boolean includeUsage) {
        if (messages == null || messages.isNull()) {
            throw OpenAiError.badRequest("messages", "missing_required_parameter",
                    "Missing required parameter: 'messages'.");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw OpenAiError.badRequest("messages", null, "messages must be a non-empty array of messages, but was "
                    + Excerpt.of(messages.toString()));
        }
        List<String> system = new ArrayList<>();
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            String at = "messages[" + i + "]";
            JsonNode message = messages.get(i);
            if (!message.isObject()) {
                throw OpenAiError.badRequest(at, null, at + " must be an object with role and content, but was "
                        + Excerpt.of(message.toString()));
            }
            JsonNode role = message.get("role");
            String roleName = role == null || !role.isTextual() ? null : role.asText();
            if (message.hasNonNull("tool_calls") || message.hasNonNull("function_call")) {
                throw OpenAiError.badRequest(at + ".tool_calls", "unsupported_parameter",
                        at + " calls tools, which this endpoint does not support");
            }
            String content = content(message.get("content"), at + ".content");
            if (roleName == null) {
                throw OpenAiError.badRequest(at + ".role", null, at + ".role must be one of system, developer, user, "
                        + "assistant, but was " + (role == null ? "missing" : Excerpt.of(role.toString())));
            }
            switch (roleName) {
                case "system", "developer" -> system.add(content);
                case "user" -> turns.add(new Turn(Role.USER, content));
                case "assistant" -> turns.add(new Turn(Role.ASSISTANT, content));
                case "tool", "function" -> throw OpenAiError.badRequest(at + ".role", "unsupported_parameter",
                        at + ".role was '" + roleName + "': tool results are not supported by this endpoint");
                default -> throw OpenAiError.badRequest(at + ".role", null, at + ".role must be one of system, "
                        + "developer, user, assistant, but was " + Excerpt.quoted(roleName));
            }
        }
        if (turns.isEmpty() || turns.get(turns.size() - 1).role() != Role.USER) {
            throw OpenAiError.badRequest("messages", null, "the last message that is not a system or developer "
                    + "message must be a user message");
        }
        Turn last = turns.remove(turns.size() - 1);
        if (last.text().isBlank()) {
            throw OpenAiError.badRequest("messages[" + (messages.size() - 1) + "].content", null,
                    "the last user message must not be empty");
        }
        String systemPrompt = system.isEmpty() ? null : String.join("\n\n", system);
        return new ChatCompletionRequest(model, systemPrompt, turns, last.text(), json, temperature, maxTokens, stream,
                includeUsage);
    }

    /** A string, or text parts ({@code [{"type": "text", "text": "..."}]}) joined; {@code null} is empty. */
    private static String content(JsonNode content, String at) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw OpenAiError.badRequest(at, null, at + " must be a string or an array of text parts, but was "
                    + Excerpt.of(content.toString()));
        }
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String type = part.path("type").asText("");
            if (!"text".equals(type)) {
                throw OpenAiError.badRequest(at + "[" + j + "].type", "unsupported_parameter",
                        at + "[" + j + "].type was " + Excerpt.of(part.path("type").toString())
                                + " but only text parts are supported");
            }
            if (!part.path("text").isTextual()) {
                throw OpenAiError.badRequest(at + "[" + j + "].text", null, at + "[" + j + "].text must be a string");
            }
            text.append(part.get("text").asText());
        }
        return text.toString();
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw OpenAiError.badRequest(field, "missing_required_parameter",
                    "Missing required parameter: '" + field + "'.");
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw OpenAiError.badRequest(field, null, field + " must be a non-blank string, but was "
                    + Excerpt.of(node.toString()));
        }
        return node.asText().strip();
    }

    private static Integer whole(JsonNode root, String field, int min, Integer absent) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.canConvertToInt() || !(node.isIntegralNumber() || node.isNumber() && node.asDouble() % 1 == 0)
                || node.asInt() < min) {
            throw OpenAiError.badRequest(field, null, field + " was " + Excerpt.of(node.toString())
                    + " but it must be a whole number of at least " + min);
        }
        return node.asInt();
    }

    private static Double temperature(JsonNode root) {
        JsonNode node = root.get("temperature");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || node.asDouble() < Defaults.MIN_TEMPERATURE
                || node.asDouble() > Defaults.MAX_TEMPERATURE) {
            throw OpenAiError.badRequest("temperature", null, "temperature was " + Excerpt.of(node.toString())
                    + " but it must be a number from " + Defaults.MIN_TEMPERATURE + " to " + Defaults.MAX_TEMPERATURE);
        }
        return node.asDouble();
    }

    private static boolean bool(JsonNode root, String field, String param) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw OpenAiError.badRequest(param, null, param + " was " + Excerpt.of(node.toString())
                    + " but it must be true or false");
        }
        return node.asBoolean();
    }

    /** {@code response_format}: absent or {@code text} is plain text, {@code json_object} JSON mode. */
    private static boolean json(JsonNode format) {
        if (format == null || format.isNull()) {
            return false;
        }
        String type = format.path("type").isTextual() ? format.get("type").asText() : null;
        if ("text".equals(type)) {
            return false;
        }
        if ("json_object".equals(type)) {
            return true;
        }
        if ("json_schema".equals(type)) {
            throw OpenAiError.badRequest("response_format.type", "unsupported_parameter",
                    "response_format.type json_schema is not supported by this endpoint; use json_object");
        }
        throw OpenAiError.badRequest("response_format.type", null, "response_format.type must be text or json_object, "
                + "but was " + (type == null ? Excerpt.of(format.toString()) : Excerpt.of(type)));
    }

    private static boolean isEmptyList(JsonNode node) {
        return node.isArray() && node.isEmpty();
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
