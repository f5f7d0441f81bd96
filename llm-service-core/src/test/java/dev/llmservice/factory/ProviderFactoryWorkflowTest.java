package dev.llmservice.factory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmservice.config.Environment;
import dev.llmservice.health.HealthChecker;
import dev.llmservice.json.Json;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.registry.ProviderState;
import dev.llmservice.registry.StateSource;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.testing.FakeProviderType;
import dev.llmservice.testing.HealthScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The design's full workflows, as an operator would run them one command after another. */
class ProviderFactoryWorkflowTest {

    private final FakeProviderType anthropic = FakeProviderType.anthropic();
    private final FakeProviderType openai = FakeProviderType.openai();
    private final FakeProviderType gemini = FakeProviderType.gemini();
    private final FakeProviderType grok = FakeProviderType.grok();

    private static JsonNode statusJson(ProviderRegistry registry) throws Exception {
        return new ObjectMapper().readTree(Json.compact(ProviderFactory.statusSummary(registry)));
    }

    @Test
    void initStatusDisableHealthCheckReinitEnable(@TempDir Path dir) throws Exception {
        Path stateFile = dir.resolve("state.json");
        AtomicReference<Map<String, String>> env = new AtomicReference<>(ProviderFactoryTest.EXAMPLE_1);
        ProviderFactory factory = ProviderFactory.builder()
                .environment(() -> Environment.of(env.get()))
                .overrides(OverrideStore.file(stateFile))
                .types(List.of(anthropic, openai, gemini, grok))
                .healthChecker(new HealthChecker(Clock.systemUTC(), Duration.ofMillis(10)))
                .build();
        gemini.healthCheckDoes(HealthScript.unhealthy(FailureKind.UNAVAILABLE, "503 Service Unavailable"));

        // init
        ProviderRegistry registry = factory.initializeRegistry();
        // status
        JsonNode status = statusJson(registry);
        assertThat(status.at("/registry/total_providers").asInt()).isEqualTo(4);
        assertThat(status.at("/registry/available_providers").asInt()).isEqualTo(4);
        // disable
        factory.disable(registry, "grok");
        assertThat(registry.available()).extracting(LlmProvider::name).containsExactly("anthropic", "openai", "gemini");
        assertThat(OverrideStore.file(stateFile).load()).containsExactly(entry("grok", false));
        // health check
        Map<String, HealthCheckResult> health = factory.healthCheckAll(registry);
        assertThat(health.keySet()).containsExactly("anthropic", "openai", "gemini");
        assertThat(health.get("gemini").reason()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(grok.healthChecks()).isZero();
        assertThat(statusJson(registry).at("/providers/2/health/reason").asText()).isEqualTo("unavailable");
        // reinit with an edited environment
        Map<String, String> edited = new HashMap<>(ProviderFactoryTest.EXAMPLE_1);
        edited.put("GEMINI_ENABLED", "false");
        edited.put("ANTHROPIC_MODEL", "claude-opus-4-1");
        env.set(edited);
        factory.reinitialize(registry);
        assertThat(registry.get("anthropic").config().model()).isEqualTo("claude-opus-4-1");
        assertThat(registry.get("gemini").state()).isEqualTo(ProviderState.DISABLED);
        assertThat(registry.get("gemini").stateSource()).isEqualTo(StateSource.ENVIRONMENT);
        assertThat(registry.get("grok").stateSource()).isEqualTo(StateSource.OVERRIDE);
        assertThat(registry.get("grok").available()).isFalse();
        // enable
        factory.enable(registry, "grok");
        JsonNode last = statusJson(registry);
        assertThat(last.at("/registry/available_providers").asInt()).isEqualTo(3);
        assertThat(last.at("/providers/3/state").asText()).isEqualTo("enabled");
        assertThat(last.at("/providers/3/state_source").asText()).isEqualTo("override");
        assertThat(OverrideStore.file(stateFile).load()).containsExactly(entry("grok", true));
    }

    @Test
    void aSecondProcessSeesTheFirstOnesDisable(@TempDir Path dir) {
        Map<String, String> env = new HashMap<>(ProviderFactoryTest.EXAMPLE_2);
        env.put("LLM_STATE_FILE", dir.resolve("state.json").toString());
        ProviderFactory cli = ProviderFactory.builder().environment(Environment.of(env))
                .types(List.of(anthropic, openai, gemini, grok)).build();
        ProviderRegistry server = ProviderFactory.builder().environment(Environment.of(env))
                .types(List.of(FakeProviderType.anthropic(), FakeProviderType.openai())).build().initializeRegistry();
        assertThat(server.available()).hasSize(2);

        cli.disable(cli.initializeRegistry(), "openai");
        ProviderFactory.builder().environment(Environment.of(env))
                .types(List.of(FakeProviderType.anthropic(), FakeProviderType.openai())).build().reinitialize(server);

        assertThat(server.available()).extracting(LlmProvider::name).containsExactly("anthropic");
    }

    @Test
    void fixingAMisconfiguredValueAndReinitialisingMakesTheProviderAvailable() {
        AtomicReference<Map<String, String>> env = new AtomicReference<>(
                Map.of("GROK_API_KEY", "xai-0123456789abcdef", "GROK_WEIGHT", "1.7"));
        ProviderFactory factory = ProviderFactory.builder().environment(() -> Environment.of(env.get()))
                .overrides(OverrideStore.inMemory()).types(List.of(anthropic, openai, gemini, grok)).build();
        ProviderRegistry registry = factory.initializeRegistry();
        factory.enable(registry, "grok");
        assertThat(registry.get("grok").state()).isEqualTo(ProviderState.MISCONFIGURED);

        env.set(Map.of("GROK_API_KEY", "xai-0123456789abcdef", "GROK_WEIGHT", "0.7"));
        factory.reinitialize(registry);

        assertThat(registry.get("grok").state()).isEqualTo(ProviderState.ENABLED);
        assertThat(registry.get("grok").config().problems()).isEmpty();
        assertThat(registry.available()).extracting(LlmProvider::name).containsExactly("grok");
    }
}
