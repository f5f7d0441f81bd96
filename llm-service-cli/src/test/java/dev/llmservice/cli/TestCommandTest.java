package dev.llmservice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.TokenUsage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TestCommandTest {

    static final String N = System.lineSeparator();

    @TempDir
    Path tmp;

    List<FakeProviderType> types;
    Cli cli;

    @BeforeEach
    void providers() {
        types = FakeProviderType.builtIns();
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

        assertThat(types).extracting(FakeProviderType::created).containsExactly(0, 1, 0, 0);
    }

    @Test
    void successfulTestJsonHasTheDocumentedShape() {
        types.get(2).generating(c -> new GenerationResult(c.name(), "gemini-2.5-pro-002", "Yes.",
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
}
