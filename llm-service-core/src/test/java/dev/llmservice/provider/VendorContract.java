package dev.llmservice.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmservice.config.Environment;
import dev.llmservice.config.LoadedConfig;
import dev.llmservice.config.ProviderConfig;
import dev.llmservice.config.ProviderConfigLoader;
import dev.llmservice.config.ProviderName;
import dev.llmservice.provider.ProviderTestKit.RecordingSleeper;
import dev.llmservice.provider.internal.ChatModelProviderType;
import dev.llmservice.testing.StallingServer;
import dev.llmservice.testing.UnacceptingServer;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.llmservice.provider.ProviderTestKit.API_KEY;
import static dev.llmservice.provider.ProviderTestKit.MASKED_KEY;
import static dev.llmservice.provider.ProviderTestKit.runtime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The behaviour every bundled provider shares, run against a local fake of the vendor's API (on 127.0.0.1) that
 * answers with the recorded bodies, or with bodies built from the vendor's documented shapes where no recording
 * exists. A vendor's test class passes its {@link VendorCase} and adds its own tests.
 */
public abstract class VendorContract {

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final Duration TIMEOUT = Duration.ofSeconds(5);
    protected static final Duration SHORT_TIMEOUT = Duration.ofMillis(200);

    /** The fake vendor: one per test class (started before its first test, stopped after its last). */
    @RegisterExtension
    static final WireMockExtension VENDOR = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    protected final RecordingSleeper sleeper = new RecordingSleeper();
    private final VendorCase vendor;

    protected VendorContract(VendorCase vendor) {
        this.vendor = vendor;
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    protected VendorCase vendor() {
        return vendor;
    }

    protected WireMockExtension server() {
        return VENDOR;
    }

    /** The fake vendor's root URL, on 127.0.0.1. */
    protected String fakeUrl() {
        return "http://127.0.0.1:" + server().getPort();
    }

    /** A provider of the vendor's type for {@code config}, with the test runtime (recording sleeper, fixed clock). */
    protected LlmProvider create(ProviderConfig config) {
        return ProviderTestKit.create(vendor.type(), config, runtime(sleeper));
    }

    /** The vendor's configuration (its key or none), pointed at {@code baseUrl}. */
    protected ProviderConfig config(String baseUrl, int maxRetries, Duration timeout) {
        return ProviderTestKit.config(vendor.providerName(), vendor.model(), vendor.apiKey(), baseUrl, maxRetries,
                timeout);
    }

    protected ProviderConfig config(int maxRetries, Duration timeout) {
        return config(fakeUrl(), maxRetries, timeout);
    }

    protected LlmProvider provider(int maxRetries) {
        return create(config(maxRetries, TIMEOUT));
    }

    /**
     * A provider of {@code type} set up as a user sets one up: {@code P_API_KEY} and {@code P_BASE_URL = baseUrl}
     * (no retries) read by {@link ProviderConfigLoader}, which normalises the URL.
     */
    protected LlmProvider configuredWithBaseUrl(ChatModelProviderType type, String baseUrl) {
        ProviderName name = new ProviderName(type.name());
        LoadedConfig loaded = ProviderConfigLoader.load(name, type, Environment.of(Map.of(
                name.variable(ProviderConfigLoader.API_KEY), API_KEY,
                name.variable(ProviderConfigLoader.MODEL), vendor.model(),
                name.variable(ProviderConfigLoader.BASE_URL), baseUrl,
                name.variable(ProviderConfigLoader.MAX_RETRIES), "0")));
        return type.create(loaded.config().orElseThrow(), ProviderTestKit.runtime(sleeper));
    }

    protected String successBody() {
        return vendor.success().body();
    }

    protected String badKeyBody() {
        return vendor.badKey().body();
    }

    protected void answerChat(int status, String body) {
        server().stubFor(post(urlPathEqualTo(vendor.paths().chat())).willReturn(json(status, body)));
    }

    protected void answerModels(int status, String body) {
        server().stubFor(get(urlPathEqualTo(vendor.paths().models())).willReturn(json(status, body)));
    }

    protected void answerChat(VendorCase.Answer answer) {
        answerChat(answer.status(), answer.body());
    }

    protected void answerModels(VendorCase.Answer answer) {
        answerModels(answer.status(), answer.body());
    }

    protected static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    protected RequestPatternBuilder chatRequests() {
        return postRequestedFor(urlPathEqualTo(vendor.paths().chat()));
    }

    protected RequestPatternBuilder modelsRequests() {
        return getRequestedFor(urlPathEqualTo(vendor.paths().models()));
    }

    protected LoggedRequest onlyChatRequest() {
        List<LoggedRequest> requests = server().findAll(chatRequests());
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    protected static JsonNode bodyOf(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (Exception e) {
            throw new AssertionError("request body is not JSON: " + request.getBodyAsString(), e);
        }
    }

    protected static ProviderException failureOf(Runnable call) {
        try {
            call.run();
        } catch (ProviderException e) {
            return e;
        }
        throw new AssertionError("expected a ProviderException");
    }

    protected static void assertKeyFree(ProviderException e) {
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        e.printStackTrace(new PrintStream(trace, true, StandardCharsets.UTF_8));
        assertThat(trace.toString(StandardCharsets.UTF_8)).doesNotContain(API_KEY).doesNotContain(API_KEY.substring(0, 8))
                .doesNotContain(API_KEY.substring(API_KEY.length() - 8));
    }

    // ---- generate ------------------------------------------------------------------------------------------------

    @Test
    void successReturnsTextUsageFinishReasonAndModel() {
        answerChat(200, successBody());

        GenerationResult result = provider(3).generate(GenerationRequest.of("Say hello."));

        assertThat(result.provider()).isEqualTo(vendor.providerName());
        assertThat(result.text()).isEqualTo(vendor.success().text());
        assertThat(result.usage()).isEqualTo(vendor.success().usage());
        assertThat(result.finishReason()).isEqualTo("stop");
        assertThat(result.model()).isEqualTo(vendor.success().reportedModel());
        assertThat(result.latency()).isPositive();
        vendor.authentication().accept(onlyChatRequest());
    }

    @Test
    void requestGoesToTheChatPathWithCredentialsModelAndSettings() {
        answerChat(200, successBody());

        provider(0).generate(new GenerationRequest("Be brief.", "Say hello.", false));

        LoggedRequest request = onlyChatRequest();
        assertThat(request.getUrl()).startsWith(vendor.paths().chat());
        vendor.authentication().accept(request);
        vendor.requestBody().accept(bodyOf(request));
    }

    @Test
    void aConversationWithItsOwnModelTemperatureAndLimitReachesTheVendorInOrder() {
        // Gemini names the model in the path; the others' paths stay as they are.
        String path = vendor.paths().chat().replace(vendor.model(), "other-model-x");
        server().stubFor(post(urlPathEqualTo(path)).willReturn(json(200, successBody())));

        provider(0).generate(new GenerationRequest("Be brief.",
                List.of(new GenerationRequest.Turn(GenerationRequest.Role.USER, "Hi there."),
                        new GenerationRequest.Turn(GenerationRequest.Role.ASSISTANT, "Hello, human.")),
                "Who are you?", false, new GenerationOptions("other-model-x", 0.1, 77)));

        List<LoggedRequest> requests = server().findAll(postRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        // The model is in the body (or, for Gemini, in the path); each vendor names the other fields its own way.
        String sent = request.getUrl() + bodyOf(request);
        assertThat(sent).contains("other-model-x", "0.1", "77").doesNotContain(vendor.model() + "\"");
        assertThat(sent.indexOf("Hi there.")).isPositive()
                .isLessThan(sent.indexOf("Hello, human.")).isLessThan(sent.indexOf("Who are you?"));
    }

    @Test
    void badKeyIsAuthenticationFailureAndNotRetried() {
        answerChat(vendor.badKey());

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(e.httpStatus()).isEqualTo(vendor.badKey().status());
        assertThat(e.provider()).isEqualTo(vendor.providerName());
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("HTTP " + vendor.badKey().status());
        assertKeyFree(e);
        server().verify(exactly(1), chatRequests());
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void rateLimitIsRetriedMaxRetriesTimesWithGrowingBackoffOrTheVendorsDelay() {
        answerChat(vendor.rateLimit());

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.getMessage()).contains("gave up after 4 attempts");
        server().verify(exactly(4), chatRequests());
        List<Duration> sleeps = sleeper.sleeps();
        assertThat(sleeps).hasSize(3);
        if (vendor.answers().rateLimitDelay() != null) {
            assertThat(sleeps).containsOnly(vendor.answers().rateLimitDelay());
            return;
        }
        assertThat(sleeps.get(0)).isLessThan(sleeps.get(1));
        assertThat(sleeps.get(1)).isLessThan(sleeps.get(2));
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    @Test
    void rateLimitFollowedBySuccessReturnsTheAnswer() {
        server().stubFor(chatStub().inScenario("limit").whenScenarioStateIs(STARTED)
                .willReturn(json(429, vendor.rateLimit().body())).willSetStateTo("recovered"));
        server().stubFor(chatStub().inScenario("limit").whenScenarioStateIs("recovered")
                .willReturn(json(200, successBody())));

        GenerationResult result = provider(3).generate(GenerationRequest.of("Hi"));

        assertThat(result.text()).isEqualTo(vendor.success().text());
        server().verify(exactly(2), chatRequests());
        assertThat(sleeper.sleeps()).hasSize(1);
    }

    private MappingBuilder chatStub() {
        return post(urlPathEqualTo(vendor.paths().chat()));
    }

    @Test
    void unavailableIsRetried() {
        answerChat(vendor.unavailable());

        ProviderException e = failureOf(() -> provider(2).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(e.httpStatus()).isEqualTo(vendor.unavailable().status());
        server().verify(exactly(3), chatRequests());
        assertThat(sleeper.sleeps()).hasSize(2);
    }

    @Test
    void invalidRequestIsNotRetried() {
        answerChat(vendor.invalidRequest());

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.INVALID_REQUEST);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("HTTP 400");
        server().verify(exactly(1), chatRequests());
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void maxRetriesZeroMeansExactlyOneRequest() {
        answerChat(vendor.rateLimit());

        ProviderException e = failureOf(() -> provider(0).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(e.getMessage()).doesNotContain("gave up");
        server().verify(exactly(1), chatRequests());
    }

    @Test
    void garbageBodyIsBadResponseAndNotRetried() {
        server().stubFor(chatStub().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Welcome to nginx!</body></html>")));

        ProviderException e = failureOf(() -> provider(3).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("not valid JSON").contains("Welcome to nginx");
        server().verify(exactly(1), chatRequests());
    }

    @Test
    void connectionRefusedIsUnavailableAndRetried() {
        LlmProvider provider = create(config("http://127.0.0.1:" + ProviderTestKit.closedPort(), 1, TIMEOUT));

        ProviderException e = failureOf(() -> provider.generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(e.httpStatus()).isZero();
        assertThat(e.getMessage()).contains("could not be reached at http://127.0.0.1:")
                .contains("connection refused").contains("gave up after 2 attempts");
        assertThat(sleeper.sleeps()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE"})
    void droppedConnectionIsUnavailableAndRetried(Fault fault) {
        server().stubFor(chatStub().willReturn(aResponse().withFault(fault)));

        ProviderException e = failureOf(() -> provider(1).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.UNAVAILABLE);
        server().verify(exactly(2), chatRequests());
    }

    @Test
    void slowAnswerIsTimeout() {
        server().stubFor(chatStub().willReturn(json(200, successBody()).withFixedDelay(1_000)));

        ProviderException e = failureOf(() -> create(config(0, SHORT_TIMEOUT)).generate(GenerationRequest.of("Hi")));

        assertThat(e.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("did not answer within 200 ms");
    }

    @Test
    void bodyThatStallsAfterTheHeadersIsTimeoutAtTheConfiguredLimit() {
        // The JDK's own request timeout stops counting once the headers are in; this body never finishes.
        try (StallingServer stalling = new StallingServer(successBody(), 20)) {
            LlmProvider provider = create(config(stalling.url(), 0, SHORT_TIMEOUT));

            long start = System.nanoTime();
            ProviderException e = failureOf(() -> provider.generate(GenerationRequest.of("Hi")));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(e.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(e.getMessage()).contains("did not answer within 200 ms");
            assertThat(took).isLessThan(SHORT_TIMEOUT.plusMillis(300));
            assertThat(stalling.requests()).isEqualTo(1);
        }
    }

    @Test
    void vendorThatNeverTakesTheConnectionIsTimeoutAtTheConfiguredLimit() {
        // The attempt's budget is the only limit, connecting included: the HTTP client has no connect timeout.
        try (UnacceptingServer silent = new UnacceptingServer()) {
            LlmProvider provider = create(config(silent.url(), 0, SHORT_TIMEOUT));

            long start = System.nanoTime();
            ProviderException e = failureOf(() -> provider.generate(GenerationRequest.of("Hi")));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assumeTrue(e.kind() != FailureKind.UNAVAILABLE, "this system refuses connections to a full accept queue");
            assertThat(e.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(e.getMessage()).contains("did not answer within 200 ms");
            assertThat(took).isLessThan(SHORT_TIMEOUT.plusMillis(300));
        }
    }

    @Test
    void interruptingTheCallerEndsTheCallWithoutWaitingForTheAnswer() throws InterruptedException {
        // How consensus cancels a call it no longer needs.
        server().stubFor(chatStub().willReturn(json(200, successBody()).withFixedDelay(5_000)));
        LlmProvider provider = provider(0);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                outcome.set(provider.generate(GenerationRequest.of("Hi")));
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        });
        caller.start();
        long sent = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server().findAll(chatRequests()).isEmpty() && System.nanoTime() < sent) {
            Thread.sleep(10);
        }
        long start = System.nanoTime();
        caller.interrupt();
        caller.join(2_000);

        assertThat(caller.isAlive()).as("the call still waits for the answer").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(outcome.get()).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.getMessage()).contains("interrupted"));
    }

    @Test
    void answersAreReadWithoutStartingAThreadEach() {
        // The JDK's sendAsync() hands every answer to CompletableFuture's default executor, which on a machine
        // with two CPUs or fewer is a new thread per task: on such a machine this fails with sendAsync().
        answerChat(200, successBody());
        LlmProvider provider = provider(0);
        provider.generate(GenerationRequest.of("Warm up."));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        long before = threads.getTotalStartedThreadCount();
        for (int i = 0; i < 20; i++) {
            provider.generate(GenerationRequest.of("Hi"));
        }

        assertThat(threads.getTotalStartedThreadCount() - before).isLessThan(10);
    }

    // ---- health --------------------------------------------------------------------------------------------------

    @Test
    void healthCheckListsModelsWithTheKeyAndIsHealthy() {
        answerModels(200, vendor.modelsBody());

        HealthCheckResult health = provider(3).healthCheck();

        assertThat(health.healthy()).isTrue();
        assertThat(health.reason()).isNull();
        assertThat(health.provider()).isEqualTo(vendor.providerName());
        assertThat(health.checkedAt()).isEqualTo(ProviderTestKit.NOW);
        List<LoggedRequest> requests = server().findAll(modelsRequests());
        assertThat(requests).hasSize(1);
        vendor.authentication().accept(requests.get(0));
        server().verify(exactly(0), chatRequests());
    }

    @Test
    void healthCheckReportsRejectedKeyAsAuthentication() {
        answerModels(vendor.badKey());

        HealthCheckResult health = provider(3).healthCheck();

        assertThat(health.healthy()).isFalse();
        assertThat(health.reason()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(health.message()).contains("HTTP " + vendor.badKey().status()).doesNotContain(API_KEY);
    }

    @Test
    void healthCheckReportsRateLimitWithoutRetrying() {
        answerModels(vendor.rateLimit());

        HealthCheckResult health = provider(3).healthCheck();

        assertThat(health.reason()).isEqualTo(FailureKind.RATE_LIMITED);
        server().verify(exactly(1), modelsRequests());
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void healthCheckReportsServerTroubleAsUnavailable() {
        answerModels(vendor.unavailable());

        assertThat(provider(3).healthCheck().reason()).isEqualTo(FailureKind.UNAVAILABLE);
    }

    @Test
    void healthCheckReportsSlowAnswerAsTimeout() {
        server().stubFor(get(urlPathEqualTo(vendor.paths().models()))
                .willReturn(json(200, vendor.modelsBody()).withFixedDelay(1_000)));

        HealthCheckResult health = create(config(3, SHORT_TIMEOUT)).healthCheck();

        assertThat(health.reason()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(health.latency()).isLessThan(Duration.ofMillis(1_000));
    }

    @Test
    void healthCheckReportsGarbageAsBadResponse() {
        server().stubFor(get(urlPathEqualTo(vendor.paths().models()))
                .willReturn(aResponse().withStatus(200).withBody("not json")));

        assertThat(provider(3).healthCheck().reason()).isEqualTo(FailureKind.BAD_RESPONSE);
    }

    @Test
    void healthCheckReportsRejectedRequestAsOther() {
        answerModels(404, "{\"error\":{\"message\":\"Not found\"}}");

        HealthCheckResult health = provider(3).healthCheck();

        assertThat(health.reason()).isEqualTo(FailureKind.OTHER);
        assertThat(health.message()).contains("HTTP 404");
    }

    @Test
    void healthCheckReportsConnectionRefusedAsUnavailable() {
        LlmProvider provider = create(config("http://127.0.0.1:" + ProviderTestKit.closedPort(), 3, TIMEOUT));

        assertThat(provider.healthCheck().reason()).isEqualTo(FailureKind.UNAVAILABLE);
    }

    // ---- configuration -------------------------------------------------------------------------------------------

    @Test
    void defaultsAreTheVendorsEndpointModelAndKeyRule() {
        ChatModelProviderType type = vendor.type();

        assertThat(type.defaultModel()).isEqualTo(vendor.defaults().model());
        assertThat(type.defaultBaseUrl() == null ? null : type.defaultBaseUrl().toString())
                .isEqualTo(vendor.defaults().baseUrl());
        assertThat(type.apiKeyRequired()).isEqualTo(vendor.defaults().keyRequired());
    }

    @Test
    void baseUrlsArePutInTheVendorsConvention() {
        vendor.baseUrls().normalised().forEach((given, expected) ->
                assertThat(vendor.type().normalizeBaseUrl(URI.create(given))).as(given).hasToString(expected));
    }

    @Test
    void aBaseUrlAsUsersWriteItStillReachesTheChatPath() {
        answerChat(200, successBody());

        configuredWithBaseUrl(vendor.type(), fakeUrl() + vendor.baseUrls().asUsersWriteIt())
                .generate(GenerationRequest.of("Hi"));

        onlyChatRequest();
    }

    // ---- secrets -------------------------------------------------------------------------------------------------

    @Test
    void toStringShowsNameModelBaseUrlAndMaskedKeyOnly() {
        String text = provider(3).toString();

        assertThat(text).contains(vendor.providerName()).contains(vendor.model())
                .contains("127.0.0.1:" + server().getPort())
                .contains(vendor.apiKey() == null ? "apiKey=none" : MASKED_KEY).doesNotContain(API_KEY);
    }
}
