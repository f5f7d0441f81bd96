package dev.llmservice.health;

import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.registry.UnknownProviderException;
import dev.llmservice.testing.Entries;
import dev.llmservice.testing.FakeProviderType;
import dev.llmservice.testing.HealthScript;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthCheckerTest {

    private static final Instant NOW = Instant.parse("2026-11-26T06:40:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final FakeProviderType anthropic = FakeProviderType.anthropic();
    private final FakeProviderType openai = FakeProviderType.openai();
    private final FakeProviderType gemini = FakeProviderType.gemini();
    private final FakeProviderType grok = FakeProviderType.grok();

    /** Short grace so that timeouts take milliseconds. */
    private final HealthChecker checker = new HealthChecker(CLOCK, Duration.ofMillis(10));

    private static ProviderRegistry registryOf(ProviderEntry... entries) {
        ProviderRegistry registry = ProviderRegistry.create();
        registry.replaceAll(List.of(entries));
        return registry;
    }

    private ProviderRegistry allFourConfigured(String... extra) {
        return registryOf(Entries.configured(anthropic, extra), Entries.configured(openai, extra),
                Entries.configured(gemini, extra), Entries.configured(grok, extra));
    }

    @Test
    void checksRunInParallel() {
        // The barrier opens only when all four checks are running at the same time; run one after another,
        // each would give up at the barrier and report unhealthy.
        CyclicBarrier allAtOnce = new CyclicBarrier(4);
        for (FakeProviderType type : List.of(anthropic, openai, gemini, grok)) {
            type.healthCheckDoes(HealthScript.meetAt(allAtOnce));
        }

        Map<String, HealthCheckResult> results = checker.checkAll(allFourConfigured(), r -> { });

        assertThat(results).hasSize(4);
        assertThat(results.values()).allSatisfy(r -> assertThat(r.healthy()).as(r.provider() + ": " + r.message()).isTrue());
    }

    @Test
    void resultsAreInRegistryOrderWhateverOrderTheyFinishIn() {
        // anthropic, first in the registry, finishes only after grok's result has been reported
        CountDownLatch grokReported = new CountDownLatch(1);
        anthropic.healthCheckDoes(HealthScript.blockUntil(grokReported));
        List<String> finished = new CopyOnWriteArrayList<>();

        Map<String, HealthCheckResult> results = checker.checkAll(
                registryOf(Entries.configured(anthropic), Entries.configured(grok)), r -> {
                    finished.add(r.provider());
                    if (r.provider().equals("grok")) {
                        grokReported.countDown();
                    }
                });

        assertThat(finished).containsExactly("grok", "anthropic");
        assertThat(results.keySet()).containsExactly("anthropic", "grok");
    }

    @Test
    void resultsAreRecordedInTheRegistry() {
        openai.healthCheckDoes(HealthScript.unhealthy(FailureKind.AUTHENTICATION, "401 from the vendor"));
        ProviderRegistry registry = allFourConfigured();

        Map<String, HealthCheckResult> results = checker.checkAll(registry, r -> { });

        assertThat(registry.get("anthropic").lastHealth()).isEqualTo(results.get("anthropic"));
        assertThat(registry.get("openai").lastHealth().healthy()).isFalse();
        assertThat(registry.get("openai").lastHealth().reason()).isEqualTo(FailureKind.AUTHENTICATION);
    }

    @Test
    void disabledUnconfiguredAndMisconfiguredProvidersAreSkipped() {
        ProviderRegistry registry = registryOf(
                Entries.configured(anthropic),
                Entries.configured(openai, "OPENAI_ENABLED", "false"),
                Entries.notConfigured(gemini),
                Entries.misconfigured(grok));
        registry.disable("anthropic");
        registry.enable("openai");

        Map<String, HealthCheckResult> results = checker.checkAll(registry, r -> { });

        assertThat(results.keySet()).containsExactly("openai");
        assertThat(anthropic.healthChecks()).isZero();
        assertThat(openai.healthChecks()).isEqualTo(1);
        assertThat(registry.get("anthropic").lastHealth()).isNull();
    }

    @Test
    void nothingToCheckGivesAnEmptyResult() {
        assertThat(checker.checkAll(ProviderRegistry.create(), r -> { })).isEmpty();
    }

    @Test
    void providerThatThrowsIsReportedAsOtherWithoutItsMessage() {
        anthropic.healthCheckDoes(HealthScript.throwing(new IllegalStateException("boom with sk-secret-in-message")));

        HealthCheckResult r = checker.checkAll(registryOf(Entries.configured(anthropic)), x -> { }).get("anthropic");

        assertThat(r.healthy()).isFalse();
        assertThat(r.reason()).isEqualTo(FailureKind.OTHER);
        assertThat(r.message()).isEqualTo("health check failed: IllegalStateException");
    }

    @Test
    void providerThatAnswersNullIsReportedAsABadResponse() {
        anthropic.healthCheckDoes(p -> null);
        ProviderRegistry registry = registryOf(Entries.configured(anthropic), Entries.configured(grok));

        Map<String, HealthCheckResult> results = checker.checkAll(registry, r -> { });

        assertThat(results.get("anthropic").reason()).isEqualTo(FailureKind.BAD_RESPONSE);
        assertThat(results.get("grok").healthy()).isTrue();
    }

    @Test
    void providerThatHangsPastItsTimeoutAndGraceIsReportedAsTimeout() {
        anthropic.healthCheckDoes(HealthScript.hang());

        HealthCheckResult r = checker.checkAll(
                registryOf(Entries.configured(anthropic, "ANTHROPIC_TIMEOUT", "0.05")), x -> { }).get("anthropic");

        assertThat(r.healthy()).isFalse();
        assertThat(r.reason()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(r.message()).isEqualTo("no answer within 60 ms");
        assertThat(r.latency()).isEqualTo(Duration.ofMillis(60));
        assertThat(r.checkedAt()).isEqualTo(NOW);
    }

    @Test
    void anOverallLimitCutsAHangingCheckShorterThanItsProvidersTimeout() {
        anthropic.healthCheckDoes(HealthScript.hang());

        // Long enough for the three answering fakes on a loaded machine (50 ms was not, in CI-like load).
        Map<String, HealthCheckResult> results = checker.checkAll(allFourConfigured(), x -> { }, Duration.ofMillis(1500));

        HealthCheckResult r = results.get("anthropic");
        assertThat(r.reason()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(r.message()).isEqualTo("no answer within 1500 ms");
        assertThat(r.latency()).isEqualTo(Duration.ofMillis(1500));
        assertThat(results.values()).filteredOn(HealthCheckResult::healthy).hasSize(3);
    }

    @Test
    void anOverallLimitLongerThanAProvidersTimeoutLeavesThatTimeoutInForce() {
        anthropic.healthCheckDoes(HealthScript.hang());

        HealthCheckResult r = checker.checkAll(registryOf(Entries.configured(anthropic, "ANTHROPIC_TIMEOUT", "0.05")),
                x -> { }, Duration.ofSeconds(30)).get("anthropic");

        assertThat(r.message()).isEqualTo("no answer within 60 ms");
    }

    @Test
    void overallLimitMustBePositive() {
        assertThatThrownBy(() -> checker.checkAll(allFourConfigured(), x -> { }, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit must be greater than 0, but was PT0S");
    }

    @Test
    void aHangingProviderDoesNotHoldUpTheOthersResults() {
        anthropic.healthCheckDoes(HealthScript.hang());

        Map<String, HealthCheckResult> results = checker.checkAll(allFourConfigured("ANTHROPIC_TIMEOUT", "0.05"), r -> { });

        assertThat(results.get("anthropic").reason()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(results.values()).filteredOn(HealthCheckResult::healthy).hasSize(3);
    }

    @Test
    void hangingProvidersTimeOutTogetherNotOneAfterAnother() {
        for (FakeProviderType type : List.of(anthropic, openai, gemini, grok)) {
            type.healthCheckDoes(HealthScript.hang());
        }
        ProviderRegistry registry = registryOf(
                Entries.configured(anthropic, "ANTHROPIC_TIMEOUT", "0.3"), Entries.configured(openai, "OPENAI_TIMEOUT", "0.3"),
                Entries.configured(gemini, "GEMINI_TIMEOUT", "0.3"), Entries.configured(grok, "GROK_TIMEOUT", "0.3"));
        HealthChecker noGrace = new HealthChecker(CLOCK, Duration.ZERO);

        long start = System.nanoTime();
        Map<String, HealthCheckResult> results = noGrace.checkAll(registry, r -> { });
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(results.values()).extracting(HealthCheckResult::reason).containsOnly(FailureKind.TIMEOUT);
        // about 300 ms when the four limits run together; 1200 ms when each waits for the one before
        assertThat(took).isLessThan(Duration.ofMillis(900));
    }

    @Test
    void callbackHearsOfEveryProviderExactlyOnce() {
        openai.healthCheckDoes(HealthScript.unhealthy(FailureKind.RATE_LIMITED, "429"));
        gemini.healthCheckDoes(HealthScript.throwing(new RuntimeException("x")));
        grok.healthCheckDoes(HealthScript.hang());
        List<HealthCheckResult> heard = new CopyOnWriteArrayList<>();

        Map<String, HealthCheckResult> results = checker.checkAll(allFourConfigured("GROK_TIMEOUT", "0.05"), heard::add);

        assertThat(heard).extracting(HealthCheckResult::provider)
                .containsExactlyInAnyOrder("anthropic", "openai", "gemini", "grok");
        assertThat(heard).containsExactlyInAnyOrderElementsOf(results.values());
    }

    @Test
    void aFailingCallbackDoesNotChangeTheResults() {
        Map<String, HealthCheckResult> results = checker.checkAll(allFourConfigured(), r -> {
            throw new IllegalStateException("progress output broke");
        });

        assertThat(results.values()).allSatisfy(r -> assertThat(r.healthy()).isTrue());
    }

    @Test
    void checkOneChecksADisabledProvider() {
        ProviderRegistry registry = registryOf(Entries.configured(grok, "GROK_ENABLED", "false"));

        HealthCheckResult r = checker.checkOne(registry, "GROK");

        assertThat(r.healthy()).isTrue();
        assertThat(registry.get("grok").lastHealth()).isEqualTo(r);
    }

    @Test
    void checkOneRefusesAProviderWithoutAnInstance() {
        ProviderRegistry registry = registryOf(Entries.notConfigured(gemini), Entries.misconfigured(grok));

        assertThatThrownBy(() -> checker.checkOne(registry, "gemini"))
                .isInstanceOf(IllegalStateException.class).hasMessage("gemini cannot be checked: it is not configured");
        assertThatThrownBy(() -> checker.checkOne(registry, "grok"))
                .isInstanceOf(IllegalStateException.class).hasMessage("grok cannot be checked: it is misconfigured");
        assertThatThrownBy(() -> checker.checkOne(registry, "mistral")).isInstanceOf(UnknownProviderException.class);
    }

    @Test
    void graceMustNotBeNegative() {
        assertThatThrownBy(() -> new HealthChecker(CLOCK, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultGraceIsTwoSeconds() {
        assertThat(HealthChecker.GRACE).isEqualTo(Duration.ofSeconds(2));
    }
}
