package dev.llmservice.spring.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmservice.json.Json;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.TokenUsage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
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
 * then {@code data: [DONE]}) as the vendor streams its answer ({@link dev.llmservice.provider.LlmProvider#stream}).
 * Nothing is sent before the first piece of text, so a failure until then (the fallback of {@code auto} included) is
 * still an HTTP error with its status; its headers say {@code provider=started} for the provider that answers, and
 * carry no cost (known only at the end; it goes to the metric).
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

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MODELS = "/models";
    private static final String CHAT_COMPLETIONS = "/chat/completions";
    /** The paths this endpoint answers, under {@code /v1}, and the method of each. */
    private static final Map<String, String> PATHS = Map.of(MODELS, "GET", CHAT_COMPLETIONS, "POST");
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ChatCompletions completions;
    private final Clock clock;
    private final UnaryOperator<String> mask;

    /** @param mask masks every configured key in a message (for the errors written into a stream) */
    public OpenAiController(ChatCompletions completions, Clock clock, UnaryOperator<String> mask) {
        this.completions = completions;
        this.clock = clock;
        this.mask = mask;
    }

    /** The enabled providers, then {@code auto}, as OpenAI lists models. */
    @GetMapping(MODELS)
    public ResponseEntity<byte[]> models() throws IOException {
        ObjectNode root = NODES.objectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        List<String> ids = new ArrayList<>(completions.providerModels());
        ids.add(ChatCompletions.AUTO);
        long created = clock.instant().getEpochSecond();
        for (String id : ids) {
            data.addObject().put("id", id).put("object", "model").put("created", created)
                    .put("owned_by", "llm-service");
        }
        return json(root, HttpHeaders.EMPTY);
    }

    @PostMapping(CHAT_COMPLETIONS)
    public ResponseEntity<byte[]> chatCompletions(@RequestBody(required = false) byte[] body,
                                                  HttpServletResponse response) throws IOException {
        ChatCompletionRequest request = ChatCompletionRequest.read(body == null ? new byte[0] : body);
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = clock.instant().getEpochSecond();
        if (request.stream()) {
            stream(request, response, id, created);
            return null;
        }
        ChatCompletions.Completion completion = completions.complete(request);
        HttpHeaders headers = new HttpHeaders();
        headers.set(ATTEMPTS_HEADER, attempts(completion.attempts()));
        headers.set(PROVIDER_HEADER, completion.result().provider());
        if (completion.cost().isKnown()) {
            headers.set(COST_HEADER, completion.cost().usd().toPlainString());
        }
        GenerationResult result = completion.result();
        ObjectNode root = NODES.objectNode();
        root.put("id", id);
        root.put("object", "chat.completion");
        root.put("created", created);
        root.put("model", result.provider() + "/" + result.model());
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

    /**
     * Any other path under {@code /v1} (embeddings, responses, a base URL given twice): OpenAI's own answer to an
     * unknown URL, 404 {@code unknown_url}, naming the two paths this server answers, so that an SDK shows why instead
     * of a problem document it cannot read. A known path asked with another method is a 405 that says which.
     */
    @RequestMapping("/**")
    public ResponseEntity<byte[]> unknown(HttpServletRequest request) throws HttpRequestMethodNotSupportedException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String known = PATHS.get(path.substring("/v1".length()));
        if (known != null) {
            throw new HttpRequestMethodNotSupportedException(request.getMethod(), List.of(known));
        }
        throw new OpenAiError(404, OpenAiError.INVALID_REQUEST, null, "unknown_url", "Unknown request URL: "
                + request.getMethod() + " " + path + ". This server answers GET /v1/models and POST /v1/chat/completions.");
    }

    /**
     * The answer as {@code chat.completion.chunk} events while the provider sends it. Nothing is written before the
     * first piece of text: a failure until then (every provider's, with {@code auto}) is an ordinary error answer. A
     * failure after it can only be told in the stream: an {@code error} event in OpenAI's shape, and no
     * {@code [DONE]}.
     */
    private void stream(ChatCompletionRequest request, HttpServletResponse response, String id, long created)
            throws IOException {
        EventStream events = new EventStream(response, id, created);
        ChatCompletions.Completion completion;
        try {
            completion = completions.complete(request, events);
        } catch (ChatCompletions.StreamAborted gone) {
            return;                                     // the client went away; nobody is left to tell
        } catch (OpenAiError e) {
            if (!events.started()) {
                throw e;
            }
            events.error(e.withMessage(mask.apply(e.getMessage())));
            return;
        }
        events.finish(completion, request.includeUsage());
    }

    /** Writes the chunks of one answer; commits the response with its first one. */
    private static final class EventStream implements ChatCompletions.Stream {

        private final HttpServletResponse response;
        private final String id;
        private final long created;
        private String model;
        private OutputStream out;

        EventStream(HttpServletResponse response, String id, long created) {
            this.response = response;
            this.id = id;
            this.created = created;
        }

        boolean started() {
            return out != null;
        }

        @Override
        public void start(String provider, String askedModel, List<ChatCompletions.Attempt> failedBefore) {
            model = askedModel;
            List<String> tried = new ArrayList<>(failedBefore.stream().map(ChatCompletions.Attempt::toString).toList());
            tried.add(provider + "=started");
            response.setStatus(200);
            response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
            response.setHeader(ATTEMPTS_HEADER, String.join(", ", tried));
            response.setHeader(PROVIDER_HEADER, provider);
            try {
                out = response.getOutputStream();
                ObjectNode first = chunk(id, created, model);
                ObjectNode choice = (ObjectNode) first.get("choices").get(0);
                choice.putObject("delta").put("role", "assistant").put("content", "");
                choice.putNull("finish_reason");
                event(out, first);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void text(String piece) {
            ObjectNode c = chunk(id, created, model);
            ObjectNode choice = (ObjectNode) c.get("choices").get(0);
            choice.putObject("delta").put("content", piece);
            choice.putNull("finish_reason");
            try {
                event(out, c);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The finish reason, the usage when asked for, then {@code [DONE]}. */
        void finish(ChatCompletions.Completion completion, boolean includeUsage) throws IOException {
            GenerationResult result = completion.result();
            if (!started()) {
                // An answer without text (a content filter's stop, zero tokens asked): the stream still begins.
                List<ChatCompletions.Attempt> attempts = completion.attempts();
                start(result.provider(), result.provider() + "/" + result.model(),
                        attempts.subList(0, attempts.size() - 1));
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

        /** A failure after the answer began: OpenAI's error object as an event, and the stream ends without DONE. */
        void error(OpenAiError e) throws IOException {
            event(out, e.toJson());
        }
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
