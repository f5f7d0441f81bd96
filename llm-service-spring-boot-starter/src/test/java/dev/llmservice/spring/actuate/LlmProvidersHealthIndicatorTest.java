package dev.llmservice.spring.actuate;

import dev.llmservice.config.Environment;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.operations.LocalOperations;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.testing.FakeVendor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LlmProvidersHealthIndicatorTest {

    private final FakeVendor vendor = new FakeVendor();
    private final ProviderFactory factory = ProviderFactory.builder()
            .types(List.of(vendor.type("a"), vendor.type("b"),
                    vendor.type("c")))
            .environment(Environment.of(Map.of("LLM_PROVIDERS", "a,b,c", "A_API_KEY", "ka-kQvXzJwMh",
                    "B_API_KEY", "kb-kQvXzJwMh", "C_API_KEY", "kc-kQvXzJwMh")))
            .overrides(OverrideStore.inMemory())
            .build();
    private final ProviderRegistry registry = factory.initializeRegistry();
    private final LocalOperations operations = new LocalOperations(factory, registry, java.time.Clock.systemUTC(),
            () -> java.nio.file.Path.of(".env"));

    @Test
    void upAtTheQuorumOutOfServiceBelowItDownWithNone() {
        LlmProvidersHealthIndicator health = new LlmProvidersHealthIndicator(operations, 2, false);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        registry.disable("a");
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        registry.disable("b");
        assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        registry.disable("c");
        Health down = health.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails()).containsEntry("usable_providers", 0).containsEntry("total_providers", 3);
    }

    @Test
    void aProviderWhoseLastCheckFailedIsNotUsable() {
        LlmProvidersHealthIndicator health = new LlmProvidersHealthIndicator(operations, 3, false);
        registry.recordHealth(HealthCheckResult.unhealthy("b", Duration.ofMillis(9), FailureKind.RATE_LIMITED,
                "429", Instant.parse("2026-01-01T00:00:00Z")));

        Health h = health.health();

        assertThat(h.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(h.getDetails()).containsEntry("usable_providers", 2).containsEntry("available_providers", 3);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> providers = (Map<String, Map<String, Object>>) h.getDetails().get("providers");
        assertThat(providers.get("b")).containsEntry("reason", "rate_limited").containsEntry("latency_ms", 9L)
                .containsEntry("last_check", "2026-01-01T00:00:00Z").containsEntry("healthy", false);
    }

    @Test
    void theStateFileIsNamedAndWhileItCannotBeReadItsProblemIsShownWithoutChangingTheStatus(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("state.json");
        ProviderFactory withFile = ProviderFactory.builder()
                .types(List.of(vendor.type("a"), vendor.type("b")))
                .environment(Environment.of(Map.of("LLM_PROVIDERS", "a,b", "A_API_KEY", "ka-kQvXzJwMh",
                        "B_API_KEY", "kb-kQvXzJwMh")))
                .overrides(OverrideStore.file(file))
                .build();
        ProviderRegistry fileRegistry = withFile.initializeRegistry();
        LlmProvidersHealthIndicator health = new LlmProvidersHealthIndicator(
                new LocalOperations(withFile, fileRegistry, java.time.Clock.systemUTC(), () -> Path.of(".env")), 2,
                false);
        assertThat(health.health().getDetails()).containsEntry("state_file", file.toString())
                .doesNotContainKey("state_file_problem");

        Files.writeString(file, "{");
        withFile.reinitialize(fileRegistry);
        Health h = health.health();

        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(h.getDetails()).containsEntry("state_file", file.toString()).containsEntry("state_file_problem",
                "not valid JSON (Unexpected end-of-input: expected close marker for Object at line 1, column 2)");
    }

    @Test
    void checksLiveOnlyWhenAskedTo() {
        new LlmProvidersHealthIndicator(operations, 2, false).health();
        assertThat(vendor.healthChecks()).isZero();

        vendor.unhealthy("a", FailureKind.AUTHENTICATION, "401");
        Health h = new LlmProvidersHealthIndicator(operations, 3, true).health();

        assertThat(vendor.healthChecks()).isEqualTo(3);
        assertThat(h.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }
}
