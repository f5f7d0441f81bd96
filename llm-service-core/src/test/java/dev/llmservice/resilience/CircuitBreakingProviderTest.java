package dev.llmservice.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmservice.config.Environment;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.json.Json;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.status.ProviderStatus;
import dev.llmservice.status.StatusSummary;
import dev.llmservice.testing.FakeProviderType;
import dev.llmservice.testing.VirtualTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The breaker as users see it: through the factory, the registry, status output and health checks. */
class CircuitBreakingProviderTest {

    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    private final VirtualTime time = VirtualTime.frozenAt(T0);
    private final FakeProviderType alpha = FakeProviderType.named("alpha").clock(time);
    private final FakeProviderType beta = FakeProviderType.named("beta").clock(time);
    private final ProviderFactory factory = ProviderFactory.builder()
            .environment(Environment.of(Map.of("LLM_PROVIDERS", "alpha,beta",
                    "ALPHA_API_KEY", "sk-alpha-kQvXzJwMhBnRyPcdef", "BETA_API_KEY", "sk-beta-kQvXzJwMhBnRyPcdef")))
            .overrides(OverrideStore.inMemory())
            .types(List.of(alpha, beta))
            .clock(time)
            .build();
    private ProviderRegistry registry;

    @BeforeEach
    void initialise() {
        registry = factory.initializeRegistry();
    }

    private LlmProvider alphaProvider() {
        return registry.provider("alpha").orElseThrow();
    }

    private void openAlpha() {
        alpha.failingWith(FailureKind.UNAVAILABLE);
        for (int i = 0; i < CircuitBreakerConfig.DEFAULT_FAILURE_THRESHOLD; i++) {
            callAlpha();
        }
        assertThat(registry.get("alpha").circuit().orElseThrow().state()).isEqualTo(CircuitState.OPEN);
    }

    private ProviderException callAlpha() {
        try {
            alphaProvider().generate(GenerationRequest.of("Hi"));
        } catch (ProviderException e) {
            return e;
        }
        return null;
    }

    private ProviderStatus status(String name) {
        return StatusSummary.of(registry).providers().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void everyProviderFromTheFactoryHasAClosedCircuit() {
        for (ProviderEntry entry : registry.snapshot()) {
            assertThat(entry.provider()).isInstanceOf(CircuitBreakingProvider.class);
            assertThat(entry.circuit()).get().extracting(CircuitBreaker.Snapshot::state).isEqualTo(CircuitState.CLOSED);
            assertThat(entry.available()).isTrue();
        }
        assertThat(status("alpha").circuit()).isEqualTo("closed");
        assertThat(status("alpha").circuitMessage()).isNull();
    }

    @Test
    void openCircuitMakesTheProviderUnavailableInRegistryAndStatus() throws Exception {
        openAlpha();

        assertThat(registry.get("alpha").available()).isFalse();
        assertThat(registry.available()).extracting(LlmProvider::name).containsExactly("beta");
        StatusSummary summary = StatusSummary.of(registry);
        assertThat(summary.registry().availableProviders()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(Json.compact(summary)).at("/providers/0");
        assertThat(json.get("state").asText()).isEqualTo("enabled");
        assertThat(json.get("available").asBoolean()).isFalse();
        assertThat(json.get("circuit").asText()).isEqualTo("open");
        assertThat(json.get("circuit_message").asText()).isEqualTo("open after 5 consecutive failures "
                + "(last: unavailable); calls fail fast until 2025-06-01T12:00:30Z");
    }

    @Test
    void openCircuitFailsFastWithoutCallingTheVendor() {
        openAlpha();
        int callsBefore = alpha.generations();

        ProviderException e = callAlpha();

        assertThat(e).isInstanceOf(CircuitOpenException.class);
        assertThat(e.kind()).isEqualTo(FailureKind.CIRCUIT_OPEN);
        assertThat(e.provider()).isEqualTo("alpha");
        assertThat(alpha.generations()).isEqualTo(callsBefore);
    }

    @Test
    void afterTheCoolDownTheProviderIsAvailableForItsProbeAndASuccessClosesIt() {
        openAlpha();
        time.sleep(CircuitBreakerConfig.DEFAULT_OPEN_DURATION);

        assertThat(status("alpha").circuit()).isEqualTo("half_open");
        assertThat(status("alpha").available()).isTrue();

        alpha.replying("ok");
        assertThat(alphaProvider().generate(GenerationRequest.of("Hi")).text()).isEqualTo("ok");
        assertThat(status("alpha").circuit()).isEqualTo("closed");
    }

    @Test
    void healthCheckOfAnOpenCircuitSaysSoWithoutCallingTheVendor() {
        openAlpha();

        Map<String, HealthCheckResult> results = factory.healthCheckAll(registry);

        assertThat(results).containsKeys("alpha", "beta");
        assertThat(results.get("alpha").healthy()).isFalse();
        assertThat(results.get("alpha").reason()).isEqualTo(FailureKind.CIRCUIT_OPEN);
        assertThat(results.get("alpha").message()).startsWith("not checked: circuit open after 5 consecutive failures");
        assertThat(alpha.healthChecks()).isEqualTo(0);
        assertThat(beta.healthChecks()).isEqualTo(1);
        assertThat(status("alpha").health().reason()).isEqualTo("circuit_open");
    }

    @Test
    void halfOpenHealthCheckCallsTheVendorButOnlyAProbeClosesTheCircuit() {
        openAlpha();
        time.sleep(CircuitBreakerConfig.DEFAULT_OPEN_DURATION);

        assertThat(factory.healthCheck(registry, "alpha").healthy()).isTrue();

        assertThat(alpha.healthChecks()).isEqualTo(1);
        assertThat(status("alpha").circuit()).isEqualTo("half_open");
    }

    @Test
    void enablingOrDisablingResetsTheCircuit() {
        openAlpha();
        factory.enable(registry, "alpha");
        assertThat(status("alpha").circuit()).isEqualTo("closed");
        assertThat(status("alpha").available()).isTrue();

        openAlpha();
        factory.disable(registry, "alpha");
        assertThat(status("alpha").circuit()).isEqualTo("closed");
        assertThat(status("alpha").available()).isFalse();
        factory.clearOverride(registry, "alpha");
        assertThat(status("alpha").available()).isTrue();
    }

    @Test
    void reinitialisingStartsWithFreshBreakers() {
        openAlpha();

        factory.reinitialize(registry);

        assertThat(status("alpha").circuit()).isEqualTo("closed");
        assertThat(alpha.created()).hasSize(2);
        assertThat(((CircuitBreakingProvider) alphaProvider()).delegate()).isSameAs(alpha.created().get(1));
    }

    @Test
    void aPassedDeadlineSendsNothingAndDoesNotCountAgainstTheVendor() {
        alpha.failingWith(FailureKind.UNAVAILABLE);

        for (int i = 0; i < 10; i++) {
            ProviderException e = null;
            try {
                alphaProvider().generate(GenerationRequest.of("Hi"), T0.minusMillis(1));
            } catch (ProviderException failure) {
                e = failure;
            }
            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(e.retryable()).isFalse();
        }

        assertThat(alpha.generations()).isEqualTo(0);
        assertThat(status("alpha").circuit()).isEqualTo("closed");
    }

    @Test
    void deadlineIsHandedToTheProviderBehindTheBreaker() {
        Instant deadline = T0.plus(Duration.ofSeconds(3));
        Instant[] seen = new Instant[1];
        LlmProvider inner = new LlmProvider() {
            @Override
            public dev.llmservice.config.ProviderConfig config() {
                return alpha.created().get(0).config();
            }

            @Override
            public dev.llmservice.provider.GenerationResult generate(GenerationRequest request) {
                throw new AssertionError("the deadline overload must be used");
            }

            @Override
            public dev.llmservice.provider.GenerationResult generate(GenerationRequest request, Instant d) {
                seen[0] = d;
                return new dev.llmservice.provider.GenerationResult("alpha", "m", "ok", null, Duration.ZERO, "stop");
            }

            @Override
            public HealthCheckResult healthCheck() {
                throw new AssertionError();
            }
        };

        new CircuitBreakingProvider(inner, CircuitBreakerConfig.DEFAULT, time).generate(GenerationRequest.of("Hi"),
                deadline);

        assertThat(seen[0]).isEqualTo(deadline);
    }
}
