package dev.llmservice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.cli.testing.Cli;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.testing.FakeProvider;
import dev.llmservice.testing.FakeProviderType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class HealthCheckCommandTest {

    static final String N = System.lineSeparator();

    @TempDir
    Path tmp;

    List<FakeProviderType> types;
    Cli cli;

    @BeforeEach
    void threeConfiguredOneNot() {
        types = Cli.fakeBuiltIns();
        cli = new Cli(tmp, types)
                .set("ANTHROPIC_API_KEY", "sk-ant-health-0123456789abcdef")
                .set("OPENAI_API_KEY", "sk-proj-health-0123456789abcdef")
                .set("GEMINI_API_KEY", "AIza-health-0123456789abcdef");
    }

    @Test
    void allHealthyExitsZeroAndShowsEveryProviderIncludingSkippedOnes() {
        Cli.Result r = cli.run("--health-check");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(
                "NAME       HEALTH   LATENCY  REASON  MESSAGE" + N
                + "anthropic  healthy  300 ms" + N
                + "openai     healthy  300 ms" + N
                + "gemini     healthy  300 ms" + N
                + "grok       skipped                   not configured (configuration)" + N
                + N
                + "Checked 3 in 0 ms: 3 healthy, 0 unhealthy, 1 skipped." + N);
    }

    @Test
    void oneUnhealthyProviderMakesTheCheckFailWithItsReason() {
        types.get(1).unhealthy(FailureKind.RATE_LIMITED, "429 Too Many Requests");

        Cli.Result r = cli.run("--health-check");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("openai     unhealthy  80 ms    rate limited  429 Too Many Requests")
                .contains("Checked 3 in 0 ms: 2 healthy, 1 unhealthy, 1 skipped.");
    }

    @Test
    void healthCheckJsonHasTheDocumentedShape() {
        types.get(0).unhealthy(FailureKind.AUTHENTICATION, "invalid x-api-key");
        cli.run("--disable", "gemini");

        Cli.Result r = cli.run("--health-check", "--json");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        JsonNode json = r.json();
        assertThat(StatusCommandTest.fieldNames(json)).containsExactly("ok", "duration_ms", "checked", "healthy",
                "unhealthy", "results", "skipped");
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("checked").asInt()).isEqualTo(2);
        assertThat(json.get("healthy").asInt()).isEqualTo(1);
        assertThat(json.get("unhealthy").asInt()).isEqualTo(1);
        JsonNode anthropic = json.at("/results/0");
        assertThat(StatusCommandTest.fieldNames(anthropic)).containsExactly("name", "healthy", "latency_ms", "reason",
                "message", "checked_at");
        assertThat(anthropic.get("name").asText()).isEqualTo("anthropic");
        assertThat(anthropic.get("healthy").asBoolean()).isFalse();
        assertThat(anthropic.get("reason").asText()).isEqualTo("authentication");
        assertThat(anthropic.get("message").asText()).isEqualTo("invalid x-api-key");
        assertThat(anthropic.get("checked_at").asText()).isEqualTo("2026-11-26T07:00:00Z");
        assertThat(json.at("/results/1/reason").isNull()).isTrue();
        assertThat(json.get("skipped")).extracting(s -> s.get("name").asText() + ":" + s.get("state").asText()
                + ":" + s.get("state_source").asText())
                .containsExactly("gemini:disabled:override", "grok:not_configured:configuration");
    }

    @Test
    void allHealthyJsonIsOk() {
        JsonNode json = cli.run("--health-check", "--json").json();

        assertThat(json.get("ok").asBoolean()).isTrue();
        assertThat(json.get("results")).hasSize(3).allSatisfy(r -> assertThat(r.get("healthy").asBoolean()).isTrue());
    }

    @Test
    void withNoEnabledProviderThereIsNothingHealthyAndTheCheckFails() {
        Cli.Result r = new Cli(tmp, types).run("--health-check");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).startsWith("No enabled provider to check." + N)
                .contains("  grok: not configured (configuration)");
    }

    /** A check that never answers (until the checker gives up on it and interrupts it). */
    private static HealthCheckResult hanging(FakeProvider c) {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return HealthCheckResult.unhealthy(c.name(), Duration.ZERO, FailureKind.OTHER, "interrupted",
                Cli.CHECKED_AT);
    }

    @Test
    @Timeout(10) // the hang this guards against must fail the test, not hold up the build
    void timeoutEndsTheWholeCheckThenAndReportsWhatDidNotAnswer() {
        types.get(1).healthCheckDoes(HealthCheckCommandTest::hanging);

        Cli.Result r = cli.run("--health-check", "--timeout", "0.1");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(
                "NAME       HEALTH     LATENCY  REASON   MESSAGE" + N
                + "anthropic  healthy    300 ms" + N
                + "openai     unhealthy  100 ms   timeout  no answer within 100 ms" + N
                + "gemini     healthy    300 ms" + N
                + "grok       skipped                      not configured (configuration)" + N
                + N
                + "Checked 3 in 0 ms: 2 healthy, 1 unhealthy, 1 skipped." + N);
    }

    @Test
    @Timeout(10) // the hang this guards against must fail the test, not hold up the build
    void withoutTimeoutTheLongestTimeoutOfTheEnabledProvidersEndsTheCheck() {
        cli.set("ANTHROPIC_TIMEOUT", "0.1").set("OPENAI_TIMEOUT", "0.2").set("GEMINI_TIMEOUT", "0.1");
        types.get(1).healthCheckDoes(HealthCheckCommandTest::hanging);

        Cli.Result r = cli.run("--health-check", "--json");

        // Not OPENAI_TIMEOUT plus the checker's 2 s grace: the command's deadline is the longest timeout, 0.2 s.
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.json().at("/results/1/reason").asText()).isEqualTo("timeout");
        assertThat(r.json().at("/results/1/message").asText()).isEqualTo("no answer within 200 ms");
    }

    @Test
    void checksRunInParallel() {
        // Each check waits until all three are running at once: sequential checks would never get there.
        CyclicBarrier allStarted = new CyclicBarrier(3);
        types.forEach(t -> t.healthCheckDoes(c -> {
            try {
                allStarted.await(10, TimeUnit.SECONDS);
                return HealthCheckResult.healthy(c.name(), Duration.ofMillis(5), Cli.CHECKED_AT);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                return HealthCheckResult.unhealthy(c.name(), Duration.ZERO, FailureKind.TIMEOUT, "not parallel",
                        Cli.CHECKED_AT);
            }
        }));

        assertThat(cli.run("--health-check").exitCode()).isZero();
    }

    @Test
    void onATerminalProgressIsShownOnStderrAsEachCheckFinishes() {
        cli.terminal(true);

        Cli.Result r = cli.run("--health-check");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("checking 3 providers...").contains("1/3 done").contains("2/3 done")
                .contains("3/3 done").endsWith("\r");
        assertThat(r.out()).startsWith("NAME       HEALTH");
    }

    @Test
    void noProgressWithJsonEvenOnATerminal() {
        cli.terminal(true);

        Cli.Result r = cli.run("--health-check", "--json");

        assertThat(r.err()).isEmpty();
        assertThat(r.json().get("ok").asBoolean()).isTrue();
    }
}
