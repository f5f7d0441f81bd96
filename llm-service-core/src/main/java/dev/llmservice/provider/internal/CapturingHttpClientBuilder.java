package dev.llmservice.provider.internal;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.time.Duration;
import java.util.Objects;

/**
 * Wraps LangChain4j's HTTP client so that the provider can see the raw body of the last successful answer on the
 * calling thread. LangChain4j drops what it does not map: Anthropic's {@code stop_reason: refusal} becomes finish
 * reason {@code OTHER}, and a Gemini reply without candidates (a blocked prompt) ends in a
 * {@link NullPointerException}. With the raw body we can say "refused" instead of "something broke".
 *
 * <p>Thread-safety: the body is kept in a {@link ThreadLocal}; LangChain4j's synchronous calls run on the caller's
 * thread. Call {@link #clear()} before and {@link #takeLastBody()} after each call.
 */
public final class CapturingHttpClientBuilder implements HttpClientBuilder {

    private final HttpClientBuilder delegate;
    private final ThreadLocal<SuccessfulHttpResponse> last = new ThreadLocal<>();

    public CapturingHttpClientBuilder(HttpClientBuilder delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** Around the HTTP client LangChain4j finds on the class path (its JDK client by default). */
    public static CapturingHttpClientBuilder aroundDefault() {
        return new CapturingHttpClientBuilder(HttpClientBuilderLoader.loadHttpClientBuilder());
    }

    public void clear() {
        last.remove();
    }

    /** The body of the last 2xx answer on this thread since {@link #clear()}, or {@code null}; clears it. */
    public String takeLastBody() {
        SuccessfulHttpResponse response = last.get();
        last.remove();
        return response == null ? null : response.body();
    }

    @Override
    public Duration connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
        delegate.connectTimeout(timeout);
        return this;
    }

    @Override
    public Duration readTimeout() {
        return delegate.readTimeout();
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
        delegate.readTimeout(timeout);
        return this;
    }

    @Override
    public HttpClient build() {
        HttpClient client = delegate.build();
        return new HttpClient() {
            @Override
            public SuccessfulHttpResponse execute(HttpRequest request) {
                SuccessfulHttpResponse response = client.execute(request);
                last.set(response);
                return response;
            }

            @Override
            public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
                client.execute(request, parser, listener);
            }
        };
    }
}
