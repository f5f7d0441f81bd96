package dev.llmservice.spring.openai;

import dev.llmservice.config.Excerpt;
import dev.llmservice.cost.CostCalculator;
import dev.llmservice.cost.VoteCost;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.registry.ProviderState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;

/**
 * The chat completions operation behind the OpenAI-compatible endpoint: which provider answers a {@code model}, the
 * fallback of {@code auto}, and what the answer cost. No HTTP here; {@link OpenAiController} writes the shapes.
 *
 * <ul>
 *   <li>{@code model} = a provider name: that provider, with its configured model; {@code provider/model}: that
 *       provider with the model named after the first {@code /} (so {@code openrouter/anthropic/claude-sonnet-4.5}
 *       works). A name not in {@code LLM_PROVIDERS}, or a provider that is not enabled: 404 {@code model_not_found}.
 *       </li>
 *   <li>{@code model} = {@value #AUTO}: the available providers (enabled, circuit not open) of weight above 0 (all of
 *       them when every weight is 0), in a random order drawn by weight (a provider of weight 1 comes first twice as
 *       often as one of 0.5). The first is asked; when it fails after its own retries (which is what a retry cannot
 *       fix: the retries for rate limits and outages have been spent, or the failure was never retryable: a rejected
 *       key, no quota, an open circuit) the next is asked, and so on. A failure that says the request itself is wrong
 *       ({@code invalid_request}) stops there: every vendor would refuse it.</li>
 *   <li>JSON mode ({@code response_format: json_object}) goes only to providers whose vendor has one; a named
 *       provider without it is a 400, {@code auto} leaves such providers out.</li>
 * </ul>
 * Every provider asked is one {@link Attempt}; the controller sends them in the {@code x-llm-attempts} header.
 *
 * <p>Each provider is called as the registry holds it: behind its circuit breaker, with its retries and timeout, and
 * measured by the metrics decorator ({@code llm_provider_requests_seconds}, {@code llm_provider_tokens_total}). The
 * cost of the answer is priced like a consensus vote's (bundled prices under {@code P_INPUT_PRICE} /
 * {@code P_OUTPUT_PRICE}) and handed to {@code costSink} (the {@code llm_cost_usd_total} counter). Thread-safe.
 */
public final class ChatCompletions {

    /** The model that lets the server choose. */
    public static final String AUTO = "auto";

    private final ProviderRegistry registry;
    private final CostCalculator costs;
    private final CostSink costSink;
    private final DoubleSupplier random;

    /** Where the cost of each answer goes (metrics). */
    @FunctionalInterface
    public interface CostSink {
        CostSink NONE = (provider, model, cost) -> { };

        void record(String provider, String model, VoteCost cost);
    }

    /** @param random numbers in {@code [0, 1)} for the weighted order of {@code auto} */
    public ChatCompletions(ProviderRegistry registry, CostCalculator costs, CostSink costSink, DoubleSupplier random) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.costs = Objects.requireNonNull(costs, "costs");
        this.costSink = Objects.requireNonNull(costSink, "costSink");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** One provider asked: {@code outcome} is {@code ok} or the failure's code; {@code status} the vendor's, or 0. */
    public record Attempt(String provider, String outcome, int status) {

        /** {@code openai=rate_limited;status=429}, {@code anthropic=ok}. */
        @Override
        public String toString() {
            return provider + "=" + outcome + (status > 0 ? ";status=" + status : "");
        }
    }

    /** An answer: who gave it, every provider asked, and what it cost. */
    public record Completion(GenerationResult result, List<Attempt> attempts, VoteCost cost) {
    }

    /**
     * The {@link Stream} could not take the answer (its client went away): the provider is not to blame, nothing is
     * counted against it, and no other provider is asked.
     */
    public static final class StreamAborted extends RuntimeException {

        StreamAborted(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** Where a streamed answer goes as the provider sends it. */
    public interface Stream {

        /**
         * The first piece of {@code provider}'s answer follows: from here on no other provider is asked.
         *
         * @param model         {@code provider/model} as asked (the vendor's own name for it comes with the end)
         * @param failedBefore  the providers asked before it, which failed
         */
        void start(String provider, String model, List<Attempt> failedBefore);

        /** The next piece of the answer's text. */
        void text(String piece);
    }

    /** The models {@code GET /v1/models} lists: the enabled providers by name, in {@code LLM_PROVIDERS} order. */
    public List<String> providerModels() {
        return registry.snapshot().stream().filter(e -> e.state() == ProviderState.ENABLED)
                .map(ProviderEntry::name).toList();
    }

    /**
     * Answers the request.
     *
     * @throws OpenAiError the request's model is unknown (404) or cannot do what is asked (400), or every provider
     *                     asked failed (the last failure's status; {@link OpenAiError#attempts()} lists them all)
     */
    public Completion complete(ChatCompletionRequest request) {
        return complete(request, null);
    }

    /**
     * Answers the request, streaming the answer into {@code stream} as the provider sends it (when not {@code null}).
     * A provider is left for the next (with {@code auto}) only while nothing of its answer was streamed; a failure
     * after {@link Stream#start} is thrown as any other, and the caller then knows that it has begun an answer.
     *
     * @throws OpenAiError as {@link #complete(ChatCompletionRequest)}
     */
    public Completion complete(ChatCompletionRequest request, Stream stream) {
        String model = request.model();
        List<Attempt> attempts = new ArrayList<>();
        List<ProviderException> failures = new ArrayList<>();
        if (AUTO.equals(model)) {
            List<LlmProvider> order = autoOrder(request.json());
            for (LlmProvider provider : order) {
                boolean[] started = new boolean[1];
                Optional<Completion> done = ask(provider, null, request, attempts, failures, stream, started);
                if (done.isPresent()) {
                    return done.get();
                }
                if (started[0] || failures.get(failures.size() - 1).kind() == FailureKind.INVALID_REQUEST) {
                    break;
                }
            }
            throw failed(failures, attempts);
        }
        int slash = model.indexOf('/');
        String name = slash < 0 ? model : model.substring(0, slash);
        String providerModel = slash < 0 ? null : model.substring(slash + 1).strip();
        if (providerModel != null && providerModel.isEmpty()) {
            throw OpenAiError.badRequest("model", null, "model was " + Excerpt.quoted(model)
                    + " but after 'provider/' a model name must follow");
        }
        LlmProvider provider = named(name, model);
        if (request.json() && !provider.supportsJsonMode()) {
            throw OpenAiError.badRequest("response_format", "json_mode_unsupported", "provider " + provider.name()
                    + " (type " + provider.config().type() + ") has no JSON mode, so response_format json_object "
                    + "cannot be honoured; ask for JSON in the prompt without response_format, or use a provider "
                    + "whose vendor has one");
        }
        return ask(provider, providerModel, request, attempts, failures, stream, new boolean[1])
                .orElseThrow(() -> failed(failures, attempts));
    }

    /** @param started set when the first piece of a streamed answer went to {@code stream} */
    private Optional<Completion> ask(LlmProvider provider, String providerModel, ChatCompletionRequest request,
                                     List<Attempt> attempts, List<ProviderException> failures, Stream stream,
                                     boolean[] started) {
        try {
            GenerationResult result;
            if (stream == null) {
                result = provider.generate(request.generation(providerModel));
            } else {
                String asked = provider.name() + "/"
                        + (providerModel != null ? providerModel : provider.config().model());
                List<Attempt> before = List.copyOf(attempts);
                result = provider.stream(request.generation(providerModel), piece -> {
                    try {
                        if (!started[0]) {
                            started[0] = true;
                            stream.start(provider.name(), asked, before);
                        }
                        stream.text(piece);
                    } catch (RuntimeException e) {
                        throw new StreamAborted(e);
                    }
                });
            }
            attempts.add(new Attempt(provider.name(), "ok", 0));
            VoteCost cost = costs.cost(provider.name(), result.model(), result.usage());
            costSink.record(provider.name(), result.model(), cost);
            return Optional.of(new Completion(result, List.copyOf(attempts), cost));
        } catch (ProviderException e) {
            attempts.add(new Attempt(provider.name(), e.kind().code(), e.httpStatus()));
            failures.add(e);
            return Optional.empty();
        } catch (StreamAborted e) {
            throw e;
        } catch (RuntimeException e) {
            // A provider outside the contract (a third-party type's bug): one failure like any other, never a 500
            // that hides which provider it was.
            attempts.add(new Attempt(provider.name(), FailureKind.OTHER.code(), 0));
            failures.add(new ProviderException(provider.name(), FailureKind.OTHER, 0, provider.name()
                    + " failed unexpectedly: " + e.getClass().getSimpleName(), null, false));
            return Optional.empty();
        }
    }

    /** The provider {@code name}, when it may be asked; else 404 {@code model_not_found}. */
    private LlmProvider named(String name, String model) {
        Optional<ProviderEntry> entry = registry.find(name);
        if (entry.isEmpty()) {
            throw new OpenAiError(404, OpenAiError.INVALID_REQUEST, "model", "model_not_found",
                    "The model " + Excerpt.quoted(model) + " does not exist: the models are " + AUTO + ", a provider "
                            + "name or provider/model, with the providers " + String.join(", ", registry.names())
                            + " (GET /v1/models lists the enabled ones)");
        }
        ProviderEntry e = entry.get();
        if (e.state() != ProviderState.ENABLED) {
            throw new OpenAiError(404, OpenAiError.INVALID_REQUEST, "model", "model_not_found",
                    "The model " + Excerpt.quoted(model) + " is not available: provider " + e.name() + " is "
                            + e.state().code().replace('_', ' '));
        }
        return e.provider();
    }

    /** The available providers for {@code auto}, in a random order drawn by weight. */
    private List<LlmProvider> autoOrder(boolean json) {
        List<LlmProvider> available = registry.available();
        List<LlmProvider> candidates = available.stream().filter(p -> !json || p.supportsJsonMode()).toList();
        if (candidates.isEmpty()) {
            if (!available.isEmpty()) {
                throw OpenAiError.badRequest("response_format", "json_mode_unsupported", "no available provider has "
                        + "a JSON mode (available: " + available.stream().map(LlmProvider::name)
                        .collect(Collectors.joining(", ")) + "), so response_format json_object cannot be honoured");
            }
            throw new OpenAiError(503, OpenAiError.SERVER_ERROR, "model", "no_provider_available",
                    "no provider is available for model auto: none is enabled with its circuit closed ("
                            + "GET /api/v1/providers shows why)");
        }
        List<LlmProvider> weighted = candidates.stream().filter(p -> p.config().weight() > 0).toList();
        List<LlmProvider> pool = weighted.isEmpty() ? candidates : weighted;
        // Efraimidis-Spirakis: sorting by u^(1/w) descending draws an order without replacement in which each next
        // provider is picked with probability proportional to its weight. Weight 0 (all observers) counts as 1.
        record Keyed(LlmProvider provider, double key) {
        }
        return pool.stream()
                .map(p -> new Keyed(p, Math.pow(random.getAsDouble(),
                        1.0 / (p.config().weight() > 0 ? p.config().weight() : 1.0))))
                .sorted(Comparator.comparingDouble(Keyed::key).reversed())
                .map(Keyed::provider)
                .toList();
    }

    /** The error for a request no provider answered: the last failure's status, every failure in the message. */
    private static OpenAiError failed(List<ProviderException> failures, List<Attempt> attempts) {
        ProviderException last = failures.get(failures.size() - 1);
        String message = failures.size() == 1 ? message(last)
                : "every provider asked failed: " + failures.stream().map(ChatCompletions::message)
                .collect(Collectors.joining("; "));
        return vendorError(last, message).withAttempts(attempts);
    }

    private static String message(ProviderException e) {
        String m = e.getMessage() == null ? e.kind().label() : e.getMessage();
        return m.startsWith(e.provider()) ? m : e.provider() + ": " + m;
    }

    /**
     * A vendor's failure in OpenAI's words: rate limits 429 (no quota: {@code insufficient_quota}; the provider's own {@code P_RPM}/{@code P_TPM}:
     * {@code rate_limited_locally}), outages, open
     * circuits and timeouts 503, a request the vendor rejected or refused 400, anything else (the vendor rejected the
     * server's key, an answer that could not be read) 500: the caller cannot fix those.
     */
    static OpenAiError vendorError(ProviderException e, String message) {
        return switch (e.kind()) {
            case RATE_LIMITED -> e.retryable()
                    ? new OpenAiError(429, "requests", null, "rate_limit_exceeded", message)
                    : new OpenAiError(429, "insufficient_quota", null, "insufficient_quota", message);
            // The provider's own P_RPM / P_TPM has no room before the deadline: the vendor was not called.
            case RATE_LIMITED_LOCALLY -> new OpenAiError(429, "requests", null, "rate_limited_locally", message);
            case UNAVAILABLE -> new OpenAiError(503, OpenAiError.SERVER_ERROR, null, "provider_unavailable", message);
            case CIRCUIT_OPEN -> new OpenAiError(503, OpenAiError.SERVER_ERROR, null, "circuit_open", message);
            case TIMEOUT -> new OpenAiError(503, OpenAiError.SERVER_ERROR, null, "timeout", message);
            case INVALID_REQUEST -> new OpenAiError(400, OpenAiError.INVALID_REQUEST, null, "provider_rejected_request",
                    message);
            case REFUSED -> new OpenAiError(400, OpenAiError.INVALID_REQUEST, null, "content_filter", message);
            case AUTHENTICATION -> new OpenAiError(500, OpenAiError.SERVER_ERROR, null, "provider_authentication",
                    message);
            case BAD_RESPONSE, OTHER -> new OpenAiError(500, OpenAiError.SERVER_ERROR, null, "provider_error", message);
        };
    }
}
