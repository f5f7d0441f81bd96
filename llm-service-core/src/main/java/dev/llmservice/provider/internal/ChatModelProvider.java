package dev.llmservice.provider.internal;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.RetryListener;
import dev.llmservice.provider.TokenUsage;
import dev.llmservice.provider.retry.RetryPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * An {@link LlmProvider} over a LangChain4j {@link ChatModel}: the part the four built-ins share. The vendor-specific
 * rest comes from a {@link VendorDialect}.
 *
 * <p>Each request goes through {@link RetryPolicy} (LangChain4j's own retries are off). Each attempt has its own
 * {@link AttemptBudget} (the configured timeout, or the time left before the caller's deadline when that is shorter)
 * and its own {@link ResponseRecorder}, handed to the transport ({@link CapturingHttpClientBuilder}) with the
 * LangChain4j model built for that attempt: the transport enforces the budget up to the last byte of the body and
 * records the answers, so a failure's headers reach {@link RetryHints} and a refusal's raw body the dialect.
 *
 * <p>Thread-safe: all fields are immutable or thread-safe, and no state is kept between calls.
 */
public final class ChatModelProvider implements LlmProvider {

    /** Added to the system prompt when JSON is asked for and no prompt mentions it (OpenAI's JSON mode requires it). */
    static final String JSON_INSTRUCTION = "Answer with a single JSON object and nothing else.";

    private final ProviderConfig config;
    private final VendorDialect dialect;
    private final ProviderRuntime runtime;
    private final RetryPolicy retryPolicy;
    private final FailureClassifier failures;
    private final Lazy<java.net.http.HttpClient> http;
    /** LangChain4j's blocking models by the settings they were built for; see {@link #chatModel}. */
    private final Map<ProviderConfig, ChatModel> models = new ConcurrentHashMap<>();
    private static final int MODELS_KEPT = 16;

    /**
     * No network I/O happens here, and no client is built: registering providers (and {@code llm-providers --status})
     * must not pay for loading the vendors' client classes or starting an HTTP client's thread.
     *
     * @param config  validated configuration whose base URL is already normalised to the vendor's convention
     */
    public ChatModelProvider(ProviderConfig config, VendorDialect dialect, ProviderRuntime runtime) {
        this.config = Objects.requireNonNull(config, "config");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.retryPolicy = new RetryPolicy(config.maxRetries(), runtime.jitter());
        this.failures = new FailureClassifier(config, dialect, runtime.clock());
        // A direct executor: the client's selector thread, which reads the answer, also completes it (our body
        // subscriber never blocks), instead of handing it to a thread of the client's own pool that then wakes the
        // caller. One thread switch less per vendor call; on 2 busy cores each cost ~1-2 ms of waiting for a core,
        // paid four times by a consensus that waits for all its providers.
        this.http = new Lazy<>(() -> java.net.http.HttpClient.newBuilder().executor(Runnable::run).build());
    }

    /**
     * LangChain4j's blocking model for {@code settings}: the configured ones, or a request's own model, temperature
     * or token limit. Built on first use and kept (at most {@value #MODELS_KEPT} sets of settings; past that the
     * kept ones are dropped and built again as they are used), over a transport that serves every attempt made
     * inside {@link CapturingHttpClientBuilder#during}.
     */
    private ChatModel chatModel(ProviderConfig settings) {
        ChatModel kept = models.get(settings);
        if (kept != null) {
            return kept;
        }
        if (models.size() >= MODELS_KEPT) {
            models.clear();
        }
        return models.computeIfAbsent(settings, s -> dialect.chatModel(s,
                CapturingHttpClientBuilder.forCallingThread(http, dialect::errorInSuccessfulAnswer)));
    }

    /** The transport LangChain4j gets for one attempt: bounded by {@code budget}, answers kept in {@code answers}. */
    private CapturingHttpClientBuilder transport(AttemptBudget budget, ResponseRecorder answers) {
        return new CapturingHttpClientBuilder(http, budget, answers, dialect::errorInSuccessfulAnswer);
    }

    @Override
    public ProviderConfig config() {
        return config;
    }

    @Override
    public GenerationResult generate(GenerationRequest request) {
        return run(request, null, RetryListener.NONE);
    }

    @Override
    public GenerationResult generate(GenerationRequest request, Instant deadline) {
        return generate(request, deadline, RetryListener.NONE);
    }

    @Override
    public GenerationResult generate(GenerationRequest request, Instant deadline, RetryListener onRetry) {
        return run(request, Objects.requireNonNull(deadline, "deadline"), Objects.requireNonNull(onRetry, "onRetry"));
    }

    @Override
    public boolean supportsJsonMode() {
        return dialect.hasJsonMode();
    }

    /**
     * The reply as the vendor streams it (LangChain4j's streaming model over {@link CapturingHttpClientBuilder}'s
     * server-sent events), each attempt within the configured timeout; retried as {@link #generate} is while no text
     * was handed over.
     */
    @Override
    public GenerationResult stream(GenerationRequest request, Consumer<String> onText) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(onText, "onText");
        ChatRequest chatRequest = toChatRequest(request);
        ProviderConfig settings = request.options().applyTo(config);
        AtomicBoolean handedOver = new AtomicBoolean();
        Consumer<String> tracked = piece -> {
            handedOver.set(true);
            onText.accept(piece);
        };
        long start = runtime.nanos().getAsLong();
        Reply reply = retryPolicy.execute(() -> streamAttempt(settings, chatRequest, tracked, handedOver),
                runtime.sleeper(), runtime.clock(), null, RetryListener.NONE);
        Duration latency = Duration.ofNanos(runtime.nanos().getAsLong() - start);
        return new GenerationResult(config.name(), reply.model(), reply.text(), reply.usage(), latency,
                reply.finishReason());
    }

    private Reply streamAttempt(ProviderConfig settings, ChatRequest chatRequest, Consumer<String> onText,
                                AtomicBoolean handedOver) {
        AttemptBudget budget = AttemptBudget.of(settings.timeout());
        ResponseRecorder answers = new ResponseRecorder();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        AtomicReference<RuntimeException> callerFailed = new AtomicReference<>();
        ChatResponse response;
        try {
            dialect.streamingChatModel(settings, transport(budget, answers)).chat(chatRequest,
                    new StreamingChatResponseHandler() {
                        @Override
                        public void onPartialResponse(String piece) {
                            if (piece != null && !piece.isEmpty() && !done.isDone()) {
                                try {
                                    onText.accept(piece);
                                } catch (RuntimeException e) {
                                    callerFailed.set(e);
                                    done.completeExceptionally(e);
                                }
                            }
                        }

                        @Override
                        public void onCompleteResponse(ChatResponse complete) {
                            done.complete(complete);
                        }

                        @Override
                        public void onError(Throwable error) {
                            done.completeExceptionally(error);
                        }
                    });
            // The transport reads the stream on this thread and is bounded by the budget: the answer is in by now,
            // unless a model hands the work to a thread of its own; then this waits for it, as long as the budget.
            response = done.get(budget.limit().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (callerFailed.get() != null) {
                // The caller could not take the text (its client went away): not the vendor's failure, so not
                // classified, retried or counted by a circuit breaker.
                throw callerFailed.get();
            }
            Throwable cause = e.getCause();
            throw notRetriedAfterText(failures.classify(cause instanceof RuntimeException r ? r
                    : new RuntimeException(cause), answers.last(), budget), handedOver);
        } catch (java.util.concurrent.TimeoutException e) {
            throw notRetriedAfterText(failures.classify(new dev.langchain4j.exception.TimeoutException(e),
                    answers.last(), budget), handedOver);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failures.classify(e, answers.last(), budget);
        } catch (RuntimeException e) {
            throw notRetriedAfterText(failures.classify(e, answers.last(), budget), handedOver);
        }
        return read(response, null, settings.model());
    }

    /** A failure after text was handed over is final: a second request would start another answer. */
    private static ProviderException notRetriedAfterText(ProviderException failure, AtomicBoolean handedOver) {
        if (!handedOver.get() || !failure.retryable()) {
            return failure;
        }
        return new ProviderException(failure.provider(), failure.kind(), failure.httpStatus(),
                failure.getMessage() + " (after part of the answer was sent: not retried)", failure.getCause(), false);
    }

    private GenerationResult run(GenerationRequest request, Instant deadline, RetryListener onRetry) {
        Objects.requireNonNull(request, "request");
        ChatRequest chatRequest = toChatRequest(request);
        // This request's model, temperature and token limit reach the vendor the way the configured ones do: through
        // the dialect's model builder, so each vendor's field names (max_tokens, max_completion_tokens) stay its own.
        ProviderConfig settings = request.options().applyTo(config);
        long start = runtime.nanos().getAsLong();
        Reply reply = retryPolicy.execute(() -> attempt(settings, chatRequest, deadline), runtime.sleeper(),
                runtime.clock(), deadline, onRetry);
        Duration latency = Duration.ofNanos(runtime.nanos().getAsLong() - start);
        return new GenerationResult(config.name(), reply.model(), reply.text(), reply.usage(), latency,
                reply.finishReason());
    }

    private ChatRequest toChatRequest(GenerationRequest request) {
        String system = request.systemPrompt() == null || request.systemPrompt().isBlank()
                ? null : request.systemPrompt();
        if (request.jsonResponse() && !mentionsJson(system) && !mentionsJson(request.prompt())) {
            system = system == null ? JSON_INSTRUCTION : system + "\n\n" + JSON_INSTRUCTION;
        }
        List<ChatMessage> messages = new ArrayList<>(2 + request.history().size());
        if (system != null) {
            messages.add(SystemMessage.from(system));
        }
        for (GenerationRequest.Turn turn : request.history()) {
            messages.add(switch (turn.role()) {
                case USER -> UserMessage.from(turn.text());
                case ASSISTANT -> AiMessage.from(turn.text());
            });
        }
        messages.add(UserMessage.from(request.prompt()));
        ChatRequest.Builder builder = ChatRequest.builder().messages(messages);
        if (request.jsonResponse() && dialect.hasJsonMode()) {
            builder.responseFormat(ResponseFormat.JSON);
        }
        return builder.build();
    }

    private static boolean mentionsJson(String text) {
        return text != null && text.toLowerCase(Locale.ROOT).contains("json");
    }

    /** One request, within the timeout or the time left before {@code deadline}: a reply, or a classified failure. */
    private Reply attempt(ProviderConfig settings, ChatRequest chatRequest, Instant deadline) {
        AttemptBudget budget = AttemptBudget.before(config.timeout(), deadline, runtime.clock().instant())
                .orElseThrow(failures::deadlinePassed);
        ResponseRecorder answers = new ResponseRecorder();
        ChatResponse response;
        try {
            // The model is built once per settings: building one scans the class path for LangChain4j's service
            // factories. Budget and recorder reach its transport for this call only, on this thread.
            ChatModel model = chatModel(settings);
            response = CapturingHttpClientBuilder.during(budget, answers, () -> model.chat(chatRequest));
        } catch (RuntimeException e) {
            throw failures.classify(e, answers.last(), budget);
        }
        return read(response, answers.successfulBody(), settings.model());
    }

    private Reply read(ChatResponse response, String body, String requestedModel) {
        Optional<String> refusal = dialect.refusal(body);
        if (refusal.isPresent()) {
            throw failures.refused(refusal.get(), null);
        }
        String finishReason = neutral(response.finishReason());
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null || text.isBlank()) {
            if ("content_filter".equals(finishReason)) {
                throw failures.refused("the reply was withheld by the content filter", null);
            }
            if (!"tool_calls".equals(finishReason)) {
                throw failures.badResponse("the reply has no text (finish reason " + finishReason + ")");
            }
        }
        dev.langchain4j.model.output.TokenUsage usage = response.tokenUsage();
        TokenUsage tokens = usage == null ? TokenUsage.NONE
                : new TokenUsage(orZero(usage.inputTokenCount()), orZero(usage.outputTokenCount()));
        String model = response.modelName() == null || response.modelName().isBlank()
                ? requestedModel : response.modelName();
        return new Reply(text == null ? "" : text, tokens, finishReason, model);
    }

    /** LangChain4j's finish reason in the vendor-neutral words of {@link GenerationResult#finishReason()}. */
    static String neutral(FinishReason reason) {
        if (reason == null) {
            return "other";
        }
        return switch (reason) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case CONTENT_FILTER -> "content_filter";
            case TOOL_EXECUTION -> "tool_calls";
            default -> "other";
        };
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }

    /**
     * Lists the vendor's models: costs no tokens and proves the key. Uses the configured timeout and never retries,
     * so the answer reflects this moment. Never throws.
     */
    @Override
    public HealthCheckResult healthCheck() {
        long start = runtime.nanos().getAsLong();
        AttemptBudget budget = AttemptBudget.of(config.timeout());
        ResponseRecorder answers = new ResponseRecorder();
        try {
            dialect.modelCatalog(config, transport(budget, answers)).listModels();
            return HealthCheckResult.healthy(config.name(), since(start), runtime.clock().instant());
        } catch (RuntimeException e) {
            Duration latency = since(start);
            ProviderException failure;
            try {
                failure = failures.classify(e, answers.last(), budget);
            } catch (RuntimeException classifierBug) {
                failure = new ProviderException(config.name(), FailureKind.OTHER,
                        dialect.displayName() + " health check failed: " + e.getClass().getSimpleName());
            }
            return HealthCheckResult.unhealthy(config.name(), latency, healthReason(failure.kind()),
                    failure.getMessage(), runtime.clock().instant());
        }
    }

    /** Health reports only what an operator can act on; a rejected request or a refusal is just "other" here. */
    static FailureKind healthReason(FailureKind kind) {
        return switch (kind) {
            case AUTHENTICATION, RATE_LIMITED, UNAVAILABLE, TIMEOUT, BAD_RESPONSE -> kind;
            default -> FailureKind.OTHER;
        };
    }

    private Duration since(long start) {
        return Duration.ofNanos(runtime.nanos().getAsLong() - start);
    }

    @Override
    public String toString() {
        return dialect.displayName() + "Provider[name=" + config.name() + ", model=" + config.model()
                + ", baseUrl=" + config.baseUrl() + ", apiKey=" + config.maskedApiKey() + "]";
    }

    private record Reply(String text, TokenUsage usage, String finishReason, String model) {
    }
}
