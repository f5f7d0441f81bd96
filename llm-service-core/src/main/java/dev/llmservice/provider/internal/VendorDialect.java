package dev.llmservice.provider.internal;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.catalog.ModelCatalog;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.llmservice.config.ProviderConfig;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What differs between vendors, and nothing else: how to build LangChain4j's chat model and model catalog, and how to
 * read the vendor's error bodies and refusals. {@link ChatModelProvider} does the rest.
 *
 * <p>Implementations are stateless.
 */
public interface VendorDialect {

    /** Human name used in messages, e.g. {@code OpenAI}. */
    String displayName();

    /**
     * LangChain4j's chat model for {@code config} (whose base URL is already normalised), sending through
     * {@code http}. Called for every attempt, with that attempt's transport: no I/O, no timeouts (the transport
     * bounds each request by the attempt's budget). It must be built with {@code maxRetries(0)}:
     * {@link dev.llmservice.provider.retry.RetryPolicy} owns retries.
     */
    ChatModel chatModel(ProviderConfig config, HttpClientBuilder http);

    /**
     * LangChain4j's streaming chat model for {@code config}, as {@link #chatModel}: the vendor answers in server-sent
     * events, which the transport hands to LangChain4j as they arrive.
     */
    StreamingChatModel streamingChatModel(ProviderConfig config, HttpClientBuilder http);

    /** LangChain4j's list-models client for {@code config}, used by the health check; as {@link #chatModel}. */
    ModelCatalog modelCatalog(ProviderConfig config, HttpClientBuilder http);

    /** Whether the vendor has a JSON mode ({@code response_format: json_object}, {@code responseMimeType}). */
    boolean hasJsonMode();

    /** Classifies an HTTP error answer; the default reads the status only. */
    default Classification classifyHttpError(int status, ErrorBody body) {
        return Classification.forStatus(status);
    }

    /**
     * How long the vendor asks us to wait, as said in the body of an error answer (not in a header); empty when it
     * says nothing. Headers ({@code retry-after}, {@code retry-after-ms}) win over this; see {@link RetryHints}.
     */
    default Optional<Duration> retryDelay(String errorBody) {
        return Optional.empty();
    }

    /**
     * The HTTP status an error stands for that the vendor reports in a successful (2xx) answer; empty for a real
     * answer (the default: no vendor but OpenRouter does this). OpenRouter answers an error that happens after the
     * model started with HTTP 200 and an error object instead of choices. Such an answer is then handled as an HTTP
     * error of that status (classified, retried when that may help) and never parsed as a reply.
     *
     * @param body the answer's body, as received
     */
    default OptionalInt errorInSuccessfulAnswer(String body) {
        return OptionalInt.empty();
    }

    /**
     * A refusal that the vendor signals in a successful (2xx) body and LangChain4j does not surface, described in a
     * few words (e.g. {@code prompt blocked: SAFETY}); empty when the body is no refusal. A dialect whose vendor
     * has none does not parse the body (the default: every successful answer passes here).
     *
     * @param body the answer's body, as received; {@code null} when there was none
     */
    default Optional<String> refusal(String body) {
        return Optional.empty();
    }
}
