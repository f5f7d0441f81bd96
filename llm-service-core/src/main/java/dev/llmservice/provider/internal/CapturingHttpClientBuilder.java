package dev.llmservice.provider.internal;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The HTTP transport under LangChain4j's chat models and model catalogs, for one attempt: the JDK's
 * {@link java.net.http.HttpClient} behind LangChain4j's {@link HttpClient} interface, in place of LangChain4j's own JDK
 * client, for two reasons.
 * <ol>
 *   <li><b>It keeps the answers</b>, success or failure, with their headers, in the attempt's {@link ResponseRecorder}.
 *       LangChain4j drops what it does not map: Anthropic's {@code stop_reason: refusal} becomes finish reason
 *       {@code OTHER}, a Gemini reply without candidates ends in a {@link NullPointerException}, and its
 *       {@link HttpException} keeps status and body but not the headers ({@code retry-after}, {@code retry-after-ms},
 *       {@code x-should-retry}).</li>
 *   <li><b>It bounds the whole exchange</b>, body included. The JDK's per-request timeout stops at the response
 *       headers, so a vendor that sends headers and then stalls mid-body would hold the call far past its timeout.
 *       Here each request waits at most the attempt's {@link AttemptBudget}: the configured timeout, or less when the
 *       caller's deadline is nearer. That budget is the only time limit: the timeouts LangChain4j sets on this builder
 *       are ignored, and the JDK client has no connect timeout of its own (the request's timeout runs from before the
 *       connection is made).</li>
 * </ol>
 * Streamed answers (server-sent events) are read on the calling thread, under the same budget and recording.
 *
 * <p>Budget and recorder reach the transport in one of two ways. Built with them as constructor arguments, the
 * transport serves that one attempt (the streaming and model-list calls build a LangChain4j model per attempt). Built
 * by {@link #forCallingThread}, it serves every attempt of a provider: LangChain4j's blocking model is built once
 * (building one looks up service factories on the class path, a scan of every jar, ~10% of a consensus's CPU when
 * it was done per call) and each attempt runs its call inside {@link #during}, which hands that attempt's budget and
 * recorder to the transport on the calling thread, where LangChain4j's blocking {@code chat} makes its request. The
 * JDK client underneath is the provider's, shared by its attempts (one connection pool, one selector thread) and
 * thread-safe.
 */
public final class CapturingHttpClientBuilder implements HttpClientBuilder {

    /** The attempt a transport built by {@link #forCallingThread} serves: set by {@link #during} for its call. */
    private static final ThreadLocal<Attempt> CURRENT = new ThreadLocal<>();

    private final Supplier<java.net.http.HttpClient> client;
    /** The attempt's budget and recorder: fixed, or the calling thread's current ones. */
    private final Supplier<Attempt> attempt;
    private final Function<String, OptionalInt> errorInSuccess;
    private Duration connectTimeout;
    private Duration readTimeout;

    /**
     * @param client   the provider's JDK client, asked for when LangChain4j builds its model
     * @param budget   bounds every request of the attempt, from sending to the last byte of the body
     * @param recorder receives every answer of the attempt
     */
    public CapturingHttpClientBuilder(Supplier<java.net.http.HttpClient> client, AttemptBudget budget,
                                      ResponseRecorder recorder) {
        this(client, budget, recorder, body -> OptionalInt.empty());
    }

    /**
     * @param errorInSuccess the HTTP status of an error the vendor reports in a 2xx answer, if it is one
     *                       ({@link VendorDialect#errorInSuccessfulAnswer}): such an answer fails as that status would
     */
    public CapturingHttpClientBuilder(Supplier<java.net.http.HttpClient> client, AttemptBudget budget,
                                      ResponseRecorder recorder, Function<String, OptionalInt> errorInSuccess) {
        this(client, fixed(budget, recorder), errorInSuccess);
    }

    private CapturingHttpClientBuilder(Supplier<java.net.http.HttpClient> client, Supplier<Attempt> attempt,
                                       Function<String, OptionalInt> errorInSuccess) {
        this.client = Objects.requireNonNull(client, "client");
        this.attempt = attempt;
        this.errorInSuccess = Objects.requireNonNull(errorInSuccess, "errorInSuccess");
    }

    private static Supplier<Attempt> fixed(AttemptBudget budget, ResponseRecorder recorder) {
        Attempt attempt = new Attempt(budget, recorder);
        return () -> attempt;
    }

    /**
     * A builder whose transport serves any number of attempts, each made inside {@link #during} on the thread that
     * calls the transport: for a LangChain4j model built once and used by every blocking call of a provider.
     */
    public static CapturingHttpClientBuilder forCallingThread(Supplier<java.net.http.HttpClient> client,
                                                              Function<String, OptionalInt> errorInSuccess) {
        return new CapturingHttpClientBuilder(client, CURRENT::get, errorInSuccess);
    }

    /**
     * Runs {@code call} with {@code budget} and {@code recorder} as the attempt of every request a transport built by
     * {@link #forCallingThread} makes on this thread meanwhile.
     */
    public static <T> T during(AttemptBudget budget, ResponseRecorder recorder, Supplier<T> call) {
        Attempt previous = CURRENT.get();
        CURRENT.set(new Attempt(budget, recorder));
        try {
            return call.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** One attempt's time limit and the recorder of its answers. */
    private record Attempt(AttemptBudget budget, ResponseRecorder recorder) {
        Attempt {
            Objects.requireNonNull(budget, "budget");
            Objects.requireNonNull(recorder, "recorder");
        }
    }

    /** What LangChain4j set; ignored: the attempt's budget bounds every request, connecting included. */
    @Override
    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    /** What LangChain4j set; ignored: the attempt's budget bounds every request, body included. */
    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }

    @Override
    public HttpClient build() {
        return new Transport(client.get(), attempt, errorInSuccess);
    }

    private static final class Transport implements HttpClient {

        private final java.net.http.HttpClient client;
        private final Supplier<Attempt> attempt;
        private final Function<String, OptionalInt> errorInSuccess;

        Transport(java.net.http.HttpClient client, Supplier<Attempt> attempt,
                  Function<String, OptionalInt> errorInSuccess) {
            this.client = client;
            this.attempt = attempt;
            this.errorInSuccess = errorInSuccess;
        }

        /** The attempt this request belongs to; a request made outside any attempt is a bug of ours, said so. */
        private Attempt attempt() {
            Attempt current = attempt.get();
            if (current == null) {
                throw new IllegalStateException("a vendor request was made outside an attempt (not inside "
                        + "CapturingHttpClientBuilder.during on the calling thread)");
            }
            return current;
        }

        @Override
        public SuccessfulHttpResponse execute(HttpRequest request) {
            Attempt current = attempt();
            ResponseRecorder recorder = current.recorder();
            Duration limit = current.budget().limit();
            long deadline = System.nanoTime() + limit.toNanos();
            HttpResponse<byte[]> response;
            try {
                // send(), not sendAsync(): sendAsync hands each completed answer to CompletableFuture's default
                // executor, which on a machine with two CPUs or fewer starts a new thread for every answer. The
                // request's own timeout bounds the wait for the headers; BoundedBody the rest, to the same deadline.
                response = client.send(toJdkRequest(request, limit), info -> new BoundedBody(deadline, limit));
            } catch (HttpConnectTimeoutException e) {
                throw new TimeoutException(e);
            } catch (HttpTimeoutException e) {
                throw new TimeoutException(new HttpTimeoutException(
                        "no complete answer within " + limit.toMillis() + " ms"));
            } catch (InterruptedException e) {
                // Since JDK 16, an interrupted send() aborts the exchange and closes its connection.
                Thread.currentThread().interrupt();
                throw new RuntimeException(e);
            } catch (IOException e) {
                throw unwrap(e);
            }
            byte[] bytes = response.body() == null ? new byte[0] : response.body();
            CapturedResponse captured = new CapturedResponse(response.statusCode(), response.headers().map(),
                    new String(bytes, StandardCharsets.UTF_8));
            recorder.record(captured);
            if (!captured.successful()) {
                throw new HttpException(captured.status(), captured.body());
            }
            OptionalInt error = errorInSuccess.apply(captured.body());
            if (error.isPresent()) {
                throw new HttpException(error.getAsInt(), captured.body());
            }
            return SuccessfulHttpResponse.builder()
                    .statusCode(captured.status())
                    .headers(response.headers().map())
                    .body(bytes)
                    .build();
        }

        /** The same shapes LangChain4j's own JDK client throws, so classification does not depend on the transport. */
        private RuntimeException unwrap(IOException failure) {
            // send() rethrows what failed the exchange as a new IOException of the same message, caused by it.
            if (failure.getCause() instanceof RuntimeException runtime) {
                return runtime;
            }
            return new RuntimeException(failure);
        }

        private java.net.http.HttpRequest toJdkRequest(HttpRequest request, Duration limit) {
            if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
                throw new UnsupportedOperationException("multipart requests are not used by llm-service");
            }
            URI uri = URI.create(request.url());
            java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder()
                    .uri(uri)
                    .timeout(limit);
            if ("http".equalsIgnoreCase(uri.getScheme())) {
                // Plain HTTP (a local gateway or model server): no HTTP/2 upgrade offer, which such servers ignore
                // and which costs headers on every new connection. HTTPS vendors still negotiate HTTP/2.
                builder.version(java.net.http.HttpClient.Version.HTTP_1_1);
            }
            request.headers().forEach((name, values) -> {
                if (values != null) {
                    values.forEach(value -> builder.header(name, value));
                }
            });
            builder.method(request.method().name(), request.body() == null
                    ? java.net.http.HttpRequest.BodyPublishers.noBody()
                    : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
            return builder.build();
        }

        /**
         * A streamed answer (server-sent events), on the calling thread: the events reach {@code listener} as they
         * arrive, and this returns when the stream has ended. The attempt's budget bounds the whole stream: at its
         * limit the body is closed, which ends the parsing with an error. An error answer is recorded with its body
         * and reported as the {@link HttpException} a plain request would throw; a successful one is recorded with
         * its headers and an empty body (the events are LangChain4j's to read).
         */
        @Override
        public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
            Attempt current = attempt();
            ResponseRecorder recorder = current.recorder();
            Duration limit = current.budget().limit();
            HttpResponse<InputStream> response;
            try {
                response = client.send(toJdkRequest(request, limit), HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpConnectTimeoutException e) {
                listener.onError(new TimeoutException(e));
                return;
            } catch (HttpTimeoutException e) {
                listener.onError(new TimeoutException(new HttpTimeoutException(
                        "no answer within " + limit.toMillis() + " ms")));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                listener.onError(new RuntimeException(e));
                return;
            } catch (IOException e) {
                listener.onError(unwrap(e));
                return;
            }
            InputStream body = response.body();
            boolean[] late = new boolean[1];
            ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
                late[0] = true;
                closeQuietly(body);
            }, limit.toNanos(), TimeUnit.NANOSECONDS);
            try {
                if (response.statusCode() < 200 || response.statusCode() >= 300) {
                    String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                    recorder.record(new CapturedResponse(response.statusCode(), response.headers().map(), text));
                    listener.onError(new HttpException(response.statusCode(), text));
                    return;
                }
                recorder.record(new CapturedResponse(response.statusCode(), response.headers().map(), ""));
                listener.onOpen(SuccessfulHttpResponse.builder().statusCode(response.statusCode())
                        .headers(response.headers().map()).build());
                parser.parse(body, new ServerSentEventListener() {
                    @Override
                    public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
                        listener.onEvent(event, context);
                    }

                    @Override
                    public void onEvent(ServerSentEvent event) {
                        listener.onEvent(event);
                    }

                    @Override
                    public void onError(Throwable error) {
                        listener.onError(late[0] ? new TimeoutException(new HttpTimeoutException(
                                "no complete answer within " + limit.toMillis() + " ms")) : error);
                    }
                });
                if (late[0]) {
                    listener.onError(new TimeoutException(new HttpTimeoutException(
                            "no complete answer within " + limit.toMillis() + " ms")));
                } else {
                    listener.onClose();
                }
            } catch (IOException | RuntimeException e) {
                listener.onError(late[0] ? new TimeoutException(new HttpTimeoutException(
                        "no complete answer within " + limit.toMillis() + " ms")) : e);
            } finally {
                deadline.cancel(false);
                closeQuietly(body);
            }
        }

        private static void closeQuietly(InputStream body) {
            try {
                body.close();
            } catch (IOException ignored) {
                // Closing is how a late stream is cut; a failure to close changes nothing for the caller.
            }
        }
    }

    /** Runs the body deadlines: one daemon thread for every transport, idle but for a wake-up per deadline. */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlineTimer();

    private static ScheduledThreadPoolExecutor deadlineTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "llm-http-deadlines");
            t.setDaemon(true);
            return t;
        });
        // A body that completes in time cancels its deadline; without this the task would wait in the queue until due.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /**
     * The body as bytes, or an {@link HttpTimeoutException} if its last byte has not arrived by the deadline; the
     * exchange is then aborted (its connection closed). The JDK's request timeout stops counting at the headers.
     */
    private static final class BoundedBody implements BodySubscriber<byte[]> {

        private final BodySubscriber<byte[]> bytes = BodySubscribers.ofByteArray();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final long deadlineNanos;
        private final Duration limit;

        BoundedBody(long deadlineNanos, Duration limit) {
            this.deadlineNanos = deadlineNanos;
            this.limit = limit;
            bytes.getBody().whenComplete((b, t) -> {
                if (t == null) {
                    body.complete(b);
                } else {
                    body.completeExceptionally(t);
                }
            });
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            bytes.onSubscribe(subscription);
            ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
                if (body.completeExceptionally(new HttpTimeoutException(
                        "no complete answer within " + limit.toMillis() + " ms"))) {
                    subscription.cancel();
                }
            }, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            body.whenComplete((b, t) -> deadline.cancel(false));
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            bytes.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            bytes.onError(throwable);
        }

        @Override
        public void onComplete() {
            bytes.onComplete();
        }
    }
}
