package dev.llmservice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.llmservice.cli.testing.Cli;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.ProviderTypes;
import dev.llmservice.provider.TokenUsage;
import dev.llmservice.provider.anthropic.AnthropicProviderType;
import dev.llmservice.testing.FakeProvider;
import dev.llmservice.testing.FakeProviderType;
import dev.llmservice.testing.VirtualTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class TestCommandTest {

    static final String N = System.lineSeparator();

    @TempDir
    Path tmp;

    List<FakeProviderType> types;
    Cli cli;

    @BeforeEach
    void providers() {
        types = Cli.fakeBuiltIns();
        cli = new Cli(tmp, types)
                .set("ANTHROPIC_API_KEY", "sk-ant-test-0123456789abcdef")
                .set("OPENAI_API_KEY", "sk-proj-test-0123456789abcdef")
                .set("GEMINI_API_KEY", "AIza-test-0123456789abcdef");
    }

    @Test
    void successfulTestShowsModelLatencyTokensAndTheFirstWordsOfTheReply() {
        Cli.Result r = cli.run("--test", "anthropic");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("anthropic: ok" + N
                + "  model    anthropic-model-1" + N
                + "  latency  420 ms" + N
                + "  tokens   14 in, 18 out, 32 total" + N
                + "  finish   stop" + N
                + "  reply    Yes, I am here and ready to help you with whatever you\u2026" + N);
        assertThat(types.get(0).generations()).isEqualTo(1);
    }

    @Test
    void testBuildsOnlyTheTestedProvidersClient() {
        cli.run("--test", "openai");

        assertThat(types).extracting(t -> t.created().size()).containsExactly(0, 1, 0, 0);
    }

    @Test
    void successfulTestJsonHasTheDocumentedShape() {
        types.get(2).generating((c, request) -> new GenerationResult(c.name(), "gemini-2.5-pro-002", "Yes.",
                new TokenUsage(9, 2), Duration.ofMillis(1234), "stop"));

        Cli.Result r = cli.run("--test", "gemini", "--json");

        assertThat(r.exitCode()).isZero();
        JsonNode json = r.json();
        assertThat(StatusCommandTest.fieldNames(json)).containsExactly("name", "state", "state_source", "ok", "model", "latency_ms",
                "usage", "finish_reason", "reply", "error");
        assertThat(json.get("ok").asBoolean()).isTrue();
        assertThat(json.get("state").asText()).isEqualTo("enabled");
        assertThat(json.get("model").asText()).isEqualTo("gemini-2.5-pro-002");
        assertThat(json.get("latency_ms").asLong()).isEqualTo(1234);
        assertThat(json.at("/usage/input_tokens").asInt()).isEqualTo(9);
        assertThat(json.at("/usage/output_tokens").asInt()).isEqualTo(2);
        assertThat(json.at("/usage/total_tokens").asInt()).isEqualTo(11);
        assertThat(json.get("finish_reason").asText()).isEqualTo("stop");
        assertThat(json.get("reply").asText()).isEqualTo("Yes.");
        assertThat(json.get("error").isNull()).isTrue();
    }

    @Test
    void failedTestNamesTheClassifiedReasonAndExitsOne() {
        types.get(1).failingWith(c -> new ProviderException(c.name(), FailureKind.AUTHENTICATION, 401,
                "the key was rejected: Incorrect API key provided", null));

        Cli.Result r = cli.run("--test", "openai");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("openai: FAILED: authentication (HTTP 401)" + N
                + "  model    openai-model-1" + N
                + "  latency  0 ms" + N
                + "  reason   authentication" + N
                + "  message  the key was rejected: Incorrect API key provided" + N);
    }

    @Test
    void failedTestJsonCarriesReasonHttpStatusAndMessage() {
        types.get(0).failingWith(c -> new ProviderException(c.name(), FailureKind.RATE_LIMITED, 429,
                "rate limited: too many requests", null));

        Cli.Result r = cli.run("--test", "anthropic", "--json");

        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode json = r.json();
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("usage").isNull()).isTrue();
        assertThat(json.get("reply").isNull()).isTrue();
        assertThat(json.at("/error/reason").asText()).isEqualTo("rate_limited");
        assertThat(json.at("/error/http_status").asInt()).isEqualTo(429);
        assertThat(json.at("/error/message").asText()).isEqualTo("rate limited: too many requests");
    }

    @Test
    void aProviderThatThrowsSomethingUnexpectedIsAFailedTestNotACrash() {
        types.get(0).failingWith(c -> new IllegalStateException("client closed"));

        Cli.Result r = cli.run("--test", "anthropic", "--json");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.json().at("/error/reason").asText()).isEqualTo("other");
        assertThat(r.json().at("/error/message").asText()).isEqualTo("IllegalStateException: client closed");
        assertThat(r.json().at("/error/http_status").isNull()).isTrue();
    }

    @Test
    void testingAProviderWithoutKeyFailsWithoutSendingAnything() {
        Cli.Result r = cli.run("--test", "grok");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("grok: FAILED: not configured" + N
                + "  model    grok-model-1" + N
                + "  reason   not configured" + N
                + "  message  GROK_API_KEY is not set" + N);
        assertThat(cli.run("--test", "grok", "--json").json().at("/error/reason").asText())
                .isEqualTo("not_configured");
    }

    @Test
    void testingAMisconfiguredProviderNamesItsProblems() {
        cli.set("GEMINI_MAX_RETRIES", "11");

        JsonNode json = cli.run("--test", "gemini", "--json").json();

        assertThat(json.at("/error/reason").asText()).isEqualTo("misconfigured");
        assertThat(json.at("/error/message").asText())
                .isEqualTo("GEMINI_MAX_RETRIES was '11' but it must be a whole number from 0 to 10");
    }

    @Test
    void aDisabledProviderIsTestedAnyway() {
        cli.run("--disable", "openai");

        Cli.Result r = cli.run("--test", "openai");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("openai: ok" + N + "  state    disabled (override): tested anyway" + N);
    }

    // ---- the deadline: --timeout, or the provider's own timeout ---------------------------------------------------

    /** A local Anthropic: the real provider type and its vendor client talk to it. */
    @RegisterExtension
    static final WireMockExtension ANTHROPIC = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    static final String ANTHROPIC_KEY = "sk-ant-deadline-test-key-qwertyuiop";
    /** Anthropic's 429, as recorded in llm-service-core's fixtures/anthropic-error-429-rate-limit.json. */
    static final String RATE_LIMIT_BODY = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
            + "\"message\":\"This request would exceed your account's rate limit. Please try again later.\"},"
            + "\"request_id\":\"req_011CcR9mkMvXdaiWP4739PSN\"}";
    static final String RATE_LIMITED = "Anthropic answered HTTP 429 (rate limited): This request would exceed your "
            + "account's rate limit. Please try again later.";
    static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");

    /** The real Anthropic provider type against the local fake, on time that moves only when a retry waits. */
    private Cli realAnthropic(VirtualTime time) {
        AnthropicProviderType anthropic = new AnthropicProviderType();
        Cli real = new Cli(tmp, List.of(ProviderTypes.withCreator(anthropic, c -> anthropic.create(c, time.runtime(0.5)))))
                .set("ANTHROPIC_API_KEY", ANTHROPIC_KEY).set("ANTHROPIC_BASE_URL", ANTHROPIC.baseUrl());
        real.clock(time);
        return real;
    }

    private static ResponseDefinitionBuilder rateLimited(String retryAfterSeconds) {
        return aResponse().withStatus(429).withHeader("content-type", "application/json")
                .withHeader("retry-after", retryAfterSeconds).withBody(RATE_LIMIT_BODY);
    }

    @Test
    void aRetryIsAnnouncedOnStderrAndTheTestStopsByItsTimeout() {
        VirtualTime time = VirtualTime.frozenAt(T0);
        ANTHROPIC.stubFor(post(urlPathEqualTo("/v1/messages")).inScenario("limit").whenScenarioStateIs("Started")
                .willReturn(rateLimited("1")).willSetStateTo("longer"));
        ANTHROPIC.stubFor(post(urlPathEqualTo("/v1/messages")).inScenario("limit").whenScenarioStateIs("longer")
                .willReturn(rateLimited("30")));

        Cli.Result r = realAnthropic(time).run("--test", "anthropic", "--timeout", "2");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("anthropic: rate limited (429), retrying in 1.0 s (attempt 2 of 4)" + N);
        assertThat(r.out()).isEqualTo("anthropic: FAILED: rate limited (HTTP 429)" + N
                + "  model    claude-sonnet-4-5" + N
                + "  latency  1000 ms" + N
                + "  reason   rate limited" + N
                + "  message  " + RATE_LIMITED + " (gave up after 2 attempts: rate limited; retry-after 30 s exceeds "
                + "the remaining deadline of 1 s)" + N);
        ANTHROPIC.verify(exactly(2), postRequestedFor(urlPathEqualTo("/v1/messages")));
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
        assertThat(time.instant()).isBefore(T0.plusSeconds(2));
    }

    @Test
    void aRetryAfterLongerThanTheTimeoutIsNotWaitedFor() {
        VirtualTime time = VirtualTime.frozenAt(T0);
        ANTHROPIC.stubFor(post(urlPathEqualTo("/v1/messages")).willReturn(rateLimited("30")));

        Cli.Result r = realAnthropic(time).run("--test", "anthropic", "--timeout", "2", "--json");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(r.json().at("/error/reason").asText()).isEqualTo("rate_limited");
        assertThat(r.json().at("/error/message").asText()).isEqualTo(RATE_LIMITED + " (gave up after 1 attempt: "
                + "rate limited; retry-after 30 s exceeds the remaining deadline of 2 s)");
        ANTHROPIC.verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/messages")));
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void withoutTimeoutTheProvidersOwnTimeoutIsTheDeadline() {
        VirtualTime time = VirtualTime.frozenAt(T0);
        ANTHROPIC.stubFor(post(urlPathEqualTo("/v1/messages")).willReturn(rateLimited("30")));

        Cli.Result r = realAnthropic(time).set("ANTHROPIC_TIMEOUT", "45").run("--test", "anthropic", "--json");

        // One 30 s wait fits in 45 s, a second does not: not the three waits (90 s) that P_MAX_RETRIES=3 allows.
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("anthropic: rate limited (429), retrying in 30.0 s (attempt 2 of 4)" + N);
        assertThat(r.json().at("/error/message").asText()).endsWith("(gave up after 2 attempts: rate limited; "
                + "retry-after 30 s exceeds the remaining deadline of 15 s)");
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(30));
    }

    private static long latencyMs(String out) {
        return Long.parseLong(out.replaceFirst("(?s).*latency  ([0-9]+) ms.*", "$1"));
    }

    /** A generation that never answers (until interrupted): what a provider that ignores deadlines may do. */
    private static GenerationResult ignoringTheDeadline(FakeProvider c, GenerationRequest request) {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("interrupted");
    }

    @Test
    @Timeout(10) // the hang this guards against must fail the test, not hold up the build
    void aProviderThatIgnoresTheDeadlineIsStoppedWaitingFor() {
        types.get(0).generating(TestCommandTest::ignoringTheDeadline);
        cli.clock(Clock.systemUTC()); // the command stops waiting by this clock

        Cli.Result r = cli.run("--test", "anthropic", "--timeout", "0.1");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).matches("anthropic: FAILED: timeout" + N
                + "  model    anthropic-model-1" + N
                + "  latency  [0-9]+ ms" + N
                + "  reason   timeout" + N
                + "  message  no answer within the deadline of 0\\.1 s \\(the timeout asked for\\); stopped waiting" + N);
        // The deadline, plus the grace that lets a provider that honours it report first.
        assertThat(latencyMs(r.out())).isBetween(100L, 100L + java.time.Duration.ofMillis(250).toMillis() + 2_000);
    }

    @Test
    @Timeout(10) // the hang this guards against must fail the test, not hold up the build
    void withoutTimeoutAProviderThatIgnoresTheDeadlineIsStoppedAtItsOwnTimeout() {
        types.get(1).generating(TestCommandTest::ignoringTheDeadline);
        cli.clock(Clock.systemUTC());

        Cli.Result r = cli.set("OPENAI_TIMEOUT", "0.1").run("--test", "openai", "--json");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.json().at("/error/reason").asText()).isEqualTo("timeout");
        assertThat(r.json().at("/error/message").asText()).isEqualTo("no answer within the deadline of 0.1 s "
                + "(OPENAI_TIMEOUT); stopped waiting");
    }
}
