package dev.llmservice.resilience;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.ProviderTestKit;
import dev.llmservice.testing.StallingServer;
import dev.llmservice.testing.VirtualTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.llmservice.provider.ProviderTestKit.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way a vendor fails, for every built-in provider, against a local fake on 127.0.0.1. Each case checks the
 * classification, that the number of requests is exactly what the retry policy allows ({@value #MAX_RETRIES} retries:
 * at most {@value #MAX_RETRIES} + 1 requests, one for what is never retried) and that the call returned within its
 * deadline plus {@value #SLACK_MS} ms. Time is virtual (real time plus every retry wait, which returns at once), so
 * nothing here really waits except the stalled-body cases, which wait about {@code SHORT_TIMEOUT}.
 */
class FaultInjectionTest {

    @RegisterExtension
    static final WireMockExtension FAKE = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    static final int MAX_RETRIES = 2;
    static final long SLACK_MS = 100;
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Duration SHORT_TIMEOUT = Duration.ofMillis(150);
    static final Duration DEADLINE = Duration.ofSeconds(10);
    static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    private final VirtualTime time = VirtualTime.realTimeFrom(T0);

    /**
     * One successful call per vendor first, so that class loading and the first connection do not land in the timed
     * cases (the stalled-body ones compare real time with a 150 ms timeout).
     */
    @BeforeAll
    static void warmUp() {
        for (Vendor v : Vendor.values()) {
            FAKE.stubFor(post(urlPathEqualTo(v.chatPath)).willReturn(json(200, v.success)));
            v.factory.apply(ProviderTestKit.config(v.providerName(), v.model, "http://127.0.0.1:" + FAKE.getPort(), 0,
                    TIMEOUT), VirtualTime.realTimeFrom(T0).runtime(0.5)).generate(GenerationRequest.of("Hi"));
        }
        FAKE.resetAll();
    }

    /** What one call did. */
    record Outcome(ProviderException failure, GenerationResult result, Duration elapsed, Duration deadline,
                   List<Duration> sleeps) {

        ProviderException failed(FailureKind kind) {
            assertThat(failure).as("the call failed").isNotNull();
            assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(kind);
            return failure;
        }

        void withinDeadline() {
            assertThat(elapsed).as("returned within its deadline + %d ms", SLACK_MS)
                    .isLessThanOrEqualTo(deadline.plusMillis(SLACK_MS));
        }
    }

    private String fakeUrl() {
        return "http://127.0.0.1:" + FAKE.getPort();
    }

    private LlmProvider provider(Vendor v, String baseUrl, int maxRetries, Duration timeout) {
        return provider(v, baseUrl, maxRetries, timeout, time);
    }

    private static LlmProvider provider(Vendor v, String baseUrl, int maxRetries, Duration timeout, VirtualTime t) {
        return v.factory.apply(ProviderTestKit.config(v.providerName(), v.model, baseUrl, maxRetries, timeout),
                t.runtime(0.5));
    }

    private Outcome call(LlmProvider provider, Duration deadlineIn) {
        return call(provider, deadlineIn, time);
    }

    private static Outcome call(LlmProvider provider, Duration deadlineIn, VirtualTime t) {
        Instant start = t.instant();
        ProviderException failure = null;
        GenerationResult result = null;
        try {
            result = provider.generate(GenerationRequest.of("Hi"), start.plus(deadlineIn));
        } catch (ProviderException e) {
            failure = e;
        }
        Outcome outcome = new Outcome(failure, result, Duration.between(start, t.instant()), deadlineIn, t.sleeps());
        outcome.withinDeadline();
        return outcome;
    }

    private Outcome call(Vendor v) {
        return call(provider(v, fakeUrl(), MAX_RETRIES, TIMEOUT), DEADLINE);
    }

    private static void answer(Vendor v, ResponseDefinitionBuilder response) {
        FAKE.stubFor(post(urlPathEqualTo(v.chatPath)).willReturn(response));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static void assertRequests(Vendor v, int n) {
        FAKE.verify(exactly(n), postRequestedFor(urlPathEqualTo(v.chatPath)));
    }

    /** Backoff at jitter 0.5 before retries 1 and 2. */
    private static final List<Duration> BACKOFF = List.of(Duration.ofMillis(375), Duration.ofMillis(750));

    // ---- the connection ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void connectionRefusedIsUnavailableAndRetried(Vendor v) {
        Outcome o = call(provider(v, "http://127.0.0.1:" + ProviderTestKit.closedPort(), MAX_RETRIES, TIMEOUT),
                DEADLINE);

        ProviderException e = o.failed(FailureKind.UNAVAILABLE);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("connection refused").contains("gave up after 3 attempts");
        assertThat(o.sleeps()).isEqualTo(BACKOFF);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void connectionResetIsUnavailableAndRetried(Vendor v) {
        answer(v, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        Outcome o = call(v);

        o.failed(FailureKind.UNAVAILABLE);
        assertRequests(v, 3);
        assertThat(o.sleeps()).isEqualTo(BACKOFF);
    }

    // ---- bodies that are not the answer --------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void emptyBodyIsBadResponseAndNotRetried(Vendor v) {
        answer(v, aResponse().withStatus(200).withHeader("Content-Type", "application/json"));

        Outcome o = call(v);

        assertThat(o.failed(FailureKind.BAD_RESPONSE).retryable()).isFalse();
        assertRequests(v, 1);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void malformedJsonIsBadResponseAndNotRetried(Vendor v) {
        answer(v, json(200, v.truncated()));

        Outcome o = call(v);

        assertThat(o.failed(FailureKind.BAD_RESPONSE).getMessage()).contains("not valid JSON");
        assertRequests(v, 1);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void htmlErrorPageFromAProxyIsUnavailableAndRetried(Vendor v) {
        answer(v, aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
                        + "</center><hr><center>nginx</center></body></html>"));

        Outcome o = call(v);

        assertThat(o.failed(FailureKind.UNAVAILABLE).getMessage()).contains("HTTP 502").contains("502 Bad Gateway");
        assertRequests(v, 3);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void htmlPageInsteadOfTheAnswerIsBadResponse(Vendor v) {
        answer(v, aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<!DOCTYPE html><html><body>Please enable cookies.</body></html>"));

        Outcome o = call(v);

        assertThat(o.failed(FailureKind.BAD_RESPONSE).getMessage()).contains("Please enable cookies");
        assertRequests(v, 1);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void emptyContentIsBadResponseAndNotRetried(Vendor v) {
        answer(v, json(200, v.emptyContent));

        Outcome o = call(v);

        assertThat(o.failed(FailureKind.BAD_RESPONSE).retryable()).isFalse();
        assertRequests(v, 1);
    }

    // ---- answers that take too long -------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void bodyThatStallsMidWayIsTimeoutAtTheProvidersTimeout(Vendor v) {
        try (StallingServer stalling = new StallingServer(v.success, 30)) {
            Outcome o = call(provider(v, stalling.url(), 0, SHORT_TIMEOUT), DEADLINE);

            assertThat(o.failed(FailureKind.TIMEOUT).getMessage()).contains("did not answer within 150 ms");
            assertThat(o.elapsed()).isLessThan(SHORT_TIMEOUT.plusMillis(SLACK_MS));
            assertThat(stalling.requests()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void bodyThatStallsMidWayIsCutAtTheCallersDeadline(Vendor v) {
        try (StallingServer stalling = new StallingServer(v.success, 30)) {
            Outcome o = call(provider(v, stalling.url(), MAX_RETRIES, TIMEOUT), SHORT_TIMEOUT);

            ProviderException e = o.failed(FailureKind.TIMEOUT);
            assertThat(e.getMessage()).contains("the time left before the caller's deadline")
                    .contains("gave up after 1 attempt");
            assertThat(stalling.requests()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void answerDribbledSlowerThanTheTimeoutIsTimeout(Vendor v) {
        answer(v, json(200, v.success).withChunkedDribbleDelay(5, 1_000));

        Outcome o = call(provider(v, fakeUrl(), 0, SHORT_TIMEOUT), DEADLINE);

        o.failed(FailureKind.TIMEOUT);
        assertThat(o.elapsed()).isLessThan(SHORT_TIMEOUT.plusMillis(SLACK_MS));
        assertRequests(v, 1);
    }

    // ---- rate limits ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void rateLimitWithoutRetryAfterBacksOff(Vendor v) {
        answer(v, json(429, v.rateLimit));

        Outcome o = call(v);

        ProviderException e = o.failed(FailureKind.RATE_LIMITED);
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.retryAfter()).isEmpty();
        assertRequests(v, 3);
        assertThat(o.sleeps()).isEqualTo(BACKOFF);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void rateLimitWithRetryAfterSecondsWaitsExactlyThat(Vendor v) {
        answer(v, json(429, v.rateLimit).withHeader("retry-after", "2"));

        Outcome o = call(v);

        assertThat(o.failed(FailureKind.RATE_LIMITED).retryAfter()).contains(Duration.ofSeconds(2));
        assertRequests(v, 3);
        assertThat(o.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void theCallersListenerHearsOfEachRetryThroughTheCircuitBreaker(Vendor v) {
        answer(v, json(429, v.rateLimit).withHeader("retry-after", "2"));
        LlmProvider provider = new CircuitBreakingProvider(provider(v, fakeUrl(), MAX_RETRIES, TIMEOUT),
                CircuitBreakerConfig.DEFAULT, time);
        List<String> heard = new java.util.ArrayList<>();

        org.junit.jupiter.api.Assertions.assertThrows(ProviderException.class, () -> provider.generate(
                GenerationRequest.of("Hi"), time.instant().plus(DEADLINE), e -> heard.add(e.describe())));

        assertThat(heard).containsExactly(
                v.providerName() + ": rate limited (429), retrying in 2.0 s (attempt 2 of 3)",
                v.providerName() + ": rate limited (429), retrying in 2.0 s (attempt 3 of 3)");
        assertRequests(v, 3);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void rateLimitWithRetryAfterMsWaitsExactlyThat(Vendor v) {
        answer(v, json(429, v.rateLimit).withHeader("retry-after-ms", "1500").withHeader("retry-after", "2"));

        Outcome o = call(v);

        o.failed(FailureKind.RATE_LIMITED);
        assertRequests(v, 3);
        assertThat(o.sleeps()).containsExactly(Duration.ofMillis(1_500), Duration.ofMillis(1_500));
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void rateLimitWithRetryAfterDateWaitsUntilThen(Vendor v) {
        // Time that moves only by the waits, so the date is exactly 3 s ahead when the first answer comes.
        VirtualTime frozen = VirtualTime.frozenAt(T0);
        answer(v, json(429, v.rateLimit).withHeader("retry-after",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(T0.plusSeconds(3).atZone(ZoneOffset.UTC))));

        Outcome o = call(provider(v, fakeUrl(), MAX_RETRIES, TIMEOUT, frozen), DEADLINE, frozen);

        o.failed(FailureKind.RATE_LIMITED);
        assertRequests(v, 3);
        // The first wait runs to the date; by the second answer the date has come, so the retry goes at once.
        assertThat(o.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ZERO);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void rateLimitWithRetryAfterBeyondTheDeadlineGivesUpAtOnceSayingWhy(Vendor v) {
        answer(v, json(429, v.rateLimit).withHeader("retry-after", "30"));

        Outcome o = call(provider(v, fakeUrl(), MAX_RETRIES, TIMEOUT), Duration.ofSeconds(2));

        assertThat(o.failed(FailureKind.RATE_LIMITED).getMessage()).contains("gave up after 1 attempt: rate limited; "
                + "retry-after 30 s exceeds the remaining deadline of ");
        assertRequests(v, 1);
        assertThat(o.sleeps()).isEmpty();
        assertThat(o.elapsed()).isLessThan(Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void rateLimitThatRecoversReturnsTheAnswer(Vendor v) {
        FAKE.stubFor(post(urlPathEqualTo(v.chatPath)).inScenario("limit").whenScenarioStateIs("Started")
                .willReturn(json(429, v.rateLimit).withHeader("retry-after", "1")).willSetStateTo("recovered"));
        FAKE.stubFor(post(urlPathEqualTo(v.chatPath)).inScenario("limit").whenScenarioStateIs("recovered")
                .willReturn(json(200, v.success)));

        Outcome o = call(v);

        assertThat(o.failure()).isNull();
        assertThat(o.result().text()).isNotBlank();
        assertRequests(v, 2);
        assertThat(o.sleeps()).containsExactly(Duration.ofSeconds(1));
    }

    // ---- the vendor is down --------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void internalServerErrorIsUnavailableAndRetried(Vendor v) {
        answer(v, json(500, v.serverError));

        Outcome o = call(v);

        assertThat(o.failed(FailureKind.UNAVAILABLE).httpStatus()).isEqualTo(500);
        assertRequests(v, 3);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void serviceUnavailableIsUnavailableAndRetried(Vendor v) {
        answer(v, json(503, v.overloaded));

        Outcome o = call(v);

        assertThat(o.failed(FailureKind.UNAVAILABLE).httpStatus()).isEqualTo(503);
        assertRequests(v, 3);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void overloaded529IsUnavailableAndRetried(Vendor v) {
        answer(v, json(529, v.overloaded));

        Outcome o = call(v);

        assertThat(o.failed(FailureKind.UNAVAILABLE).httpStatus()).isEqualTo(529);
        assertRequests(v, 3);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void shouldRetryFalseIsObeyed(Vendor v) {
        answer(v, json(529, v.overloaded).withHeader("x-should-retry", "false"));

        Outcome o = call(v);

        assertThat(o.failed(FailureKind.UNAVAILABLE).retryable()).isFalse();
        assertRequests(v, 1);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void shouldRetryTrueRetriesAConflict(Vendor v) {
        answer(v, json(409, v.serverError).withHeader("x-should-retry", "true"));

        Outcome o = call(v);

        assertThat(o.failed(FailureKind.INVALID_REQUEST).retryable()).isTrue();
        assertRequests(v, 3);
    }

    // ---- never retried -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void rejectedKeyIsNeverRetriedEvenIfTheServerSaysSo(Vendor v) {
        for (int status : new int[] {401, 403}) {
            FAKE.resetRequests();
            answer(v, json(status, v.serverError).withHeader("x-should-retry", "true"));

            Outcome o = call(v);

            assertThat(o.failed(FailureKind.AUTHENTICATION).retryable()).isFalse();
            assertRequests(v, 1);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void badRequestIsNeverRetried(Vendor v) {
        answer(v, json(400, v.serverError).withHeader("x-should-retry", "true").withHeader("retry-after", "1"));

        Outcome o = call(v);

        assertThat(o.failed(FailureKind.INVALID_REQUEST).retryable()).isFalse();
        assertRequests(v, 1);
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = "GEMINI")
    void geminiInvalidKeyIsAuthenticationAndNeverRetried(Vendor v) {
        answer(v, json(400, fixture("gemini-error-400-api-key-invalid.json")));

        assertThat(call(v).failed(FailureKind.AUTHENTICATION).retryable()).isFalse();
        assertRequests(v, 1);
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = "OPENAI")
    void openAiInsufficientQuotaIsNeverRetried(Vendor v) {
        answer(v, json(429, fixture("openai-error-429-insufficient-quota.json")).withHeader("x-should-retry", "true"));

        assertThat(call(v).failed(FailureKind.RATE_LIMITED).retryable()).isFalse();
        assertRequests(v, 1);
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = "OPENAI")
    void openAiContextLengthIsNeverRetried(Vendor v) {
        answer(v, json(400, fixture("openai-error-400-context-length-exceeded.json")));

        assertThat(call(v).failed(FailureKind.INVALID_REQUEST).getMessage()).contains("maximum context length");
        assertRequests(v, 1);
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = "GEMINI")
    void geminiRetryInfoDelayIsHonoured(Vendor v) {
        answer(v, json(429, fixture("gemini-error-429-resource-exhausted.json")));

        Outcome o = call(provider(v, fakeUrl(), MAX_RETRIES, TIMEOUT), Duration.ofSeconds(120));

        assertThat(o.failed(FailureKind.RATE_LIMITED).retryAfter()).contains(Duration.ofMillis(34_400));
        assertRequests(v, 3);
        assertThat(o.sleeps()).containsExactly(Duration.ofMillis(34_400), Duration.ofMillis(34_400));
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = "GEMINI")
    void geminiRetryInfoBeyondTheDeadlineGivesUpAtOnce(Vendor v) {
        answer(v, json(429, fixture("gemini-error-429-resource-exhausted.json")));

        Outcome o = call(v);

        assertThat(o.failed(FailureKind.RATE_LIMITED).getMessage())
                .contains("retry-after 34.4 s exceeds the remaining deadline of");
        assertRequests(v, 1);
    }

    // ---- refusals ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = "GEMINI")
    void geminiBlockedPromptIsRefused(Vendor v) {
        answer(v, json(200, fixture("gemini-prompt-blocked-safety.json")));

        assertThat(call(v).failed(FailureKind.REFUSED).getMessage()).contains("prompt blocked: SAFETY");
        assertRequests(v, 1);
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = "GEMINI")
    void geminiSafetyFinishReasonIsRefused(Vendor v) {
        answer(v, json(200, fixture("gemini-finish-reason-safety.json")));

        assertThat(call(v).failed(FailureKind.REFUSED).getMessage()).contains("finishReason SAFETY");
        assertRequests(v, 1);
    }

    /** xAI speaks OpenAI's wire format, refusal field included. */
    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"OPENAI", "GROK"})
    void openAiRefusalIsRefused(Vendor v) {
        answer(v, json(200, fixture("openai-chat-refusal.json")));

        assertThat(call(v).failed(FailureKind.REFUSED).getMessage()).contains("can't assist with that");
        assertRequests(v, 1);
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = "ANTHROPIC")
    void anthropicRefusalStopReasonIsRefused(Vendor v) {
        answer(v, json(200, fixture("anthropic-messages-refusal-SYNTHETIC.json")));

        assertThat(call(v).failed(FailureKind.REFUSED).getMessage()).contains("stop_reason refusal");
        assertRequests(v, 1);
    }

    // ---- behind the circuit breaker ------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void failingEveryWayInTurnOpensTheCircuitAndThenNothingIsSent(Vendor v) {
        LlmProvider guarded = new CircuitBreakingProvider(provider(v, fakeUrl(), MAX_RETRIES, TIMEOUT),
                CircuitBreakerConfig.DEFAULT, time);
        List<ResponseDefinitionBuilder> faults = List.of(
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),  // counts: unavailable
                json(200, fixture("openai-chat-refusal.json").replace("refusal", "x")),  // not counted either way
                json(429, v.rateLimit).withHeader("retry-after", "1"),  // counts: rate limited
                json(500, v.serverError),  // counts: unavailable
                json(200, v.truncated()),  // counts: bad response
                json(400, v.serverError),  // about the request: ignored
                json(529, v.overloaded));  // counts: the fifth
        for (ResponseDefinitionBuilder fault : faults) {
            answer(v, fault);
            call(guarded, DEADLINE).failure();
        }
        FAKE.resetRequests();
        answer(v, json(200, v.success));

        Outcome o = call(guarded, DEADLINE);

        assertThat(o.failed(FailureKind.CIRCUIT_OPEN)).isInstanceOf(CircuitOpenException.class);
        assertRequests(v, 0);
        assertThat(o.elapsed()).isLessThan(Duration.ofMillis(SLACK_MS));

        time.sleep(CircuitBreakerConfig.DEFAULT_OPEN_DURATION);
        assertThat(call(guarded, DEADLINE).result()).isNotNull();
        assertRequests(v, 1);
        assertThat(((CircuitBreakingProvider) guarded).circuitBreaker().state()).isEqualTo(CircuitState.CLOSED);
    }

    // ---- the deadline itself -------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void deadlineAlreadyPassedSendsNothing(Vendor v) {
        answer(v, json(200, v.success));

        Outcome o = call(provider(v, fakeUrl(), MAX_RETRIES, TIMEOUT), Duration.ZERO);

        assertThat(o.failed(FailureKind.TIMEOUT).retryable()).isFalse();
        assertRequests(v, 0);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void backoffIsCutShortByTheDeadline(Vendor v) {
        answer(v, json(503, v.overloaded));

        // 375 ms fits in 1 s, the next backoff (750 ms) does not fit in what is left.
        Outcome o = call(provider(v, fakeUrl(), 5, TIMEOUT), Duration.ofSeconds(1));

        assertThat(o.failed(FailureKind.UNAVAILABLE).getMessage()).contains("gave up after 2 attempts: unavailable; "
                + "backoff 750 ms exceeds the remaining deadline of");
        assertRequests(v, 2);
        assertThat(o.sleeps()).containsExactly(Duration.ofMillis(375));
    }
}
