package dev.llmservice.spring.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmservice.json.Json;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.TokenUsage;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * OpenAI's API in front of every provider: {@code GET /v1/models} and {@code POST /v1/chat/completions}, in OpenAI's
 * request, response, streaming and error shapes, so that OpenAI's SDKs and tools work with a changed base URL. What
 * is asked of which provider is {@link ChatCompletions}; what a body may hold, {@link ChatCompletionRequest}; errors
 * are {@link OpenAiError}s ({@link OpenAiErrorHandler}).
 *
 * <p>Every answer of {@code /v1/chat/completions}, errors after a provider was asked included, carries
 * {@value #ATTEMPTS_HEADER} (each provider asked, in order: {@code openai=rate_limited;status=429, anthropic=ok}); a
 * successful one also {@value #PROVIDER_HEADER} (who answered) and, when the price is known,
 * {@value #COST_HEADER} (USD). The response's {@code model} is {@code provider/model as the vendor reported it}, which
 * can be sent back as a {@code model} to reach the same provider and model.
 *
 * <p>Streaming ({@code "stream": true}) answers OpenAI's server-sent events ({@code chat.completion.chunk} objects,
 * then {@code data: [DONE]}), but the providers are asked for the whole answer first: the chunks are cut from the
 * complete answer, so the first token arrives no earlier than without streaming. In exchange, a failure is still an
 * HTTP error with its status (the fallback of {@code auto} happens before anything is sent), not an event in a 200
 * stream.
 */
@RestController
@RequestMapping("/v1")
public class OpenAiController {

    /** Each provider asked, in order, with its outcome. */
    public static final String ATTEMPTS_HEADER = "x-llm-attempts";
    /** The provider that answered. */
    public static final String PROVIDER_HEADER = "x-llm-provider";
    /** What the answer cost, USD, when the model's price is known. */
    public static final String COST_HEADER = "x-llm-cost-usd";
    /** The most characters of the answer one streamed chunk carries. */
    static final int CHUNK_CHARS = 48;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ChatCompletions completions;
    private final Clock clock;

    public OpenAiController(ChatCompletions completions, Clock clock) {
        this.completions = completions;
        this.clock = clock;
    }

    /** The enabled providers, then {@code auto}, as OpenAI lists models. */
    @GetMapping("/models")
    public ResponseEntity<byte[]> models() throws IOException {
        ObjectNode root = NODES.objectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        List<String> ids = new ArrayList<>(completions.providerModels());
        ids.add(ChatCompletions.AUTO);
        long created = clock.instant().getEpochSecond();
        for (String id : ids) {
            data.addObject().put("id", id).put("object", "model").put("created", created).put("owned_by", "llm-service");
        }
        return json(root, HttpHeaders.EMPTY);
    }

    @PostMapping("/chat/completions")
    public ResponseEntity<byte[]> chatCompletions(@RequestBody(required = false) byte[] body,
                                                  HttpServletResponse response) throws IOException {
        ChatCompletionRequest request = ChatCompletionRequest.read(body == null ? new byte[0] : body);
        ChatCompletions.Completion completion = completions.complete(request);
        HttpHeaders headers = new HttpHeaders();
        headers.set(ATTEMPTS_HEADER, attempts(completion.attempts()));
        headers.set(PROVIDER_HEADER, completion.result().provider());
        if (completion.cost().isKnown()) {
            headers.set(COST_HEADER, completion.cost().usd().toPlainString());
        }
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = clock.instant().getEpochSecond();
        GenerationResult result = completion.result();
        String model = result.provider() + "/" + result.model();
        if (request.stream()) {
            stream(response, headers, id, created, model, result, request.includeUsage());
            return null;
        }
        ObjectNode root = NODES.objectNode();
        root.put("id", id);
        root.put("object", "chat.completion");
        root.put("created", created);
        root.put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", result.text());
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(result.finishReason()));
        root.set("usage", usage(result.usage()));
        return json(root, headers);
    }

    /** The answer as {@code chat.completion.chunk} events: role, text in pieces, finish reason, usage if asked, DONE. */
    private static void stream(HttpServletResponse response, HttpHeaders headers, String id, long created,
                               String model, GenerationResult result, boolean includeUsage) throws IOException {
        response.setStatus(200);
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        headers.forEach((name, values) -> response.setHeader(name, values.get(0)));
        OutputStream out = response.getOutputStream();
        ObjectNode first = chunk(id, created, model);
        ObjectNode firstChoice = (ObjectNode) first.get("choices").get(0);
        firstChoice.putObject("delta").put("role", "assistant").put("content", "");
        firstChoice.putNull("finish_reason");
        event(out, first);
        for (String piece : pieces(result.text())) {
            ObjectNode c = chunk(id, created, model);
            ObjectNode choice = (ObjectNode) c.get("choices").get(0);
            choice.putObject("delta").put("content", piece);
            choice.putNull("finish_reason");
            event(out, c);
        }
        ObjectNode last = chunk(id, created, model);
        ObjectNode lastChoice = (ObjectNode) last.get("choices").get(0);
        lastChoice.putObject("delta");
        lastChoice.put("finish_reason", finishReason(result.finishReason()));
        event(out, last);
        if (includeUsage) {
            ObjectNode usage = NODES.objectNode();
            usage.put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
            usage.putArray("choices");
            usage.set("usage", usage(result.usage()));
            event(out, usage);
        }
        out.write(DONE);
        out.flush();
    }

    private static ObjectNode chunk(String id, long created, String model) {
        ObjectNode c = NODES.objectNode();
        c.put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
        c.putArray("choices").addObject().put("index", 0);
        return c;
    }

    private static void event(OutputStream out, ObjectNode data) throws IOException {
        out.write("data: ".getBytes(StandardCharsets.US_ASCII));
        out.write(Json.mapper().writeValueAsBytes(data));
        out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The text in pieces of at most {@value #CHUNK_CHARS} characters, cut after white space where there is some. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + CHUNK_CHARS);
            if (end < text.length()) {
                int space = text.lastIndexOf(' ', end - 1);
                if (space >= start) {
                    end = space + 1;
                } else if (Character.isHighSurrogate(text.charAt(end - 1))) {
                    end--;
                }
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }

    private static ObjectNode usage(TokenUsage usage) {
        ObjectNode u = NODES.objectNode();
        u.put("prompt_tokens", usage.inputTokens());
        u.put("completion_tokens", usage.outputTokens());
        u.put("total_tokens", usage.totalTokens());
        return u;
    }

    /** OpenAI's finish reasons; the vendor-neutral {@code other} (a stop sequence, an end turn) is {@code stop}. */
    static String finishReason(String neutral) {
        return switch (neutral) {
            case "length", "content_filter", "tool_calls" -> neutral;
            default -> "stop";
        };
    }

    static String attempts(List<ChatCompletions.Attempt> attempts) {
        return attempts.stream().map(ChatCompletions.Attempt::toString).collect(Collectors.joining(", "));
    }

    private static ResponseEntity<byte[]> json(ObjectNode root, HttpHeaders headers) throws IOException {
        return ResponseEntity.ok().headers(headers).contentType(MediaType.APPLICATION_JSON)
                .body(Json.mapper().writeValueAsBytes(root));
    }
}
