package dev.llmservice.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmservice.config.Environment;
import dev.llmservice.config.ProviderList;
import dev.llmservice.cost.CostCalculator;
import dev.llmservice.json.Json;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.state.StateFileException;
import dev.llmservice.testing.Entries;
import dev.llmservice.testing.FakeProviderType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusSummaryTest {

    private static final ProviderList NO_LIST_PROBLEMS = ProviderList.read(Environment.of(Map.of()));

    private final FakeProviderType anthropic = FakeProviderType.anthropic();
    private final FakeProviderType openai = FakeProviderType.openai();
    private final FakeProviderType gemini = FakeProviderType.gemini();
    private final FakeProviderType grok = FakeProviderType.grok();
    private ProviderRegistry registry;

    @BeforeEach
    void fill() {
        registry = ProviderRegistry.create();
        registry.replaceAll(List.of(
                Entries.configured(anthropic, "ANTHROPIC_WEIGHT", "0.9"),
                Entries.configured(openai, "OPENAI_ENABLED", "off"),
                Entries.notConfigured(gemini),
                Entries.misconfigured(grok)));
    }

    private JsonNode json() throws Exception {
        return new ObjectMapper().readTree(Json.compact(StatusSummary.of(registry)));
    }

    @Test
    void totalsCountEveryProviderAndTheAvailableOnes() {
        StatusSummary summary = StatusSummary.of(registry);

        assertThat(summary.registry().totalProviders()).isEqualTo(4);
        assertThat(summary.registry().availableProviders()).isEqualTo(1);
    }

    @Test
    void jsonHasExactlyTheDocumentedShape() throws Exception {
        JsonNode root = json();

        assertThat(root.properties()).extracting(e -> e.getKey())
                .containsExactly("registry", "providers", "problems", "notes", "state_file", "state_file_problem", "spend");
        assertThat(root.get("registry").properties()).extracting(e -> e.getKey())
                .containsExactly("total_providers", "available_providers");
        assertThat(root.get("providers")).hasSize(4);
        for (JsonNode provider : root.get("providers")) {
            assertThat(provider.properties()).extracting(e -> e.getKey()).containsExactly(
                    "name", "type", "state", "state_source", "available", "model", "weight", "api_key", "base_url",
                    "problems", "health", "circuit", "circuit_message", "price", "rate_limits");
        }
    }

    @Test
    void eachModelsPriceIsShownAndAModelWithoutOneSaysSoNeverAGuess() throws Exception {
        registry.replaceAll(List.of(Entries.configured(anthropic), Entries.configured(openai, "OPENAI_MODEL", "gpt-next")));
        List<ProviderStatus> providers = StatusSummary.of(registry, CostCalculator.fromEnvironment(
                Environment.of(Map.of("ANTHROPIC_INPUT_PRICE", "2.5")), List.of("anthropic"), new ArrayList<>()))
                .providers();

        assertThat(Json.compact(providers.get(0).price())).isEqualTo(
                "{\"input_usd_per_million\":2.5,\"output_usd_per_million\":15,\"note\":null}");
        assertThat(Json.compact(providers.get(1).price())).isEqualTo(
                "{\"input_usd_per_million\":null,\"output_usd_per_million\":null,\"note\":\"no price for model "
                        + "gpt-next: set OPENAI_INPUT_PRICE and OPENAI_OUTPUT_PRICE (USD per million tokens)\"}");
    }

    @Test
    void theStateFileIsNamedAndWhatIsWrongWithItShownWhileItCannotBeRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state.json");
        OverrideStore store = OverrideStore.file(file);
        store.set("openai", false);
        assertThat(StatusSummary.of(registry, NO_LIST_PROBLEMS, store).stateFileProblem()).isNull();
        Files.writeString(file, "[1]");
        assertThatThrownBy(store::load).isInstanceOf(StateFileException.class);

        JsonNode root = new ObjectMapper().readTree(Json.compact(StatusSummary.of(registry, NO_LIST_PROBLEMS, store)));

        assertThat(root.get("state_file").asText()).isEqualTo(file.toString());
        assertThat(root.get("state_file_problem").asText()).isEqualTo("not a JSON object but [1]; expected an object "
                + "like {\"version\": 1, \"overrides\": {\"grok\": {\"enabled\": false}}}");
        assertThat(json().get("state_file").isNull()).isTrue();
    }

    @Test
    void jsonValuesDescribeEachProvider() throws Exception {
        JsonNode root = json();
        JsonNode a = root.at("/providers/0");
        JsonNode o = root.at("/providers/1");
        JsonNode g = root.at("/providers/2");
        JsonNode x = root.at("/providers/3");

        assertThat(root.at("/registry/total_providers").asInt()).isEqualTo(4);
        assertThat(root.at("/registry/available_providers").asInt()).isEqualTo(1);
        assertThat(a.get("name").asText()).isEqualTo("anthropic");
        assertThat(a.get("type").asText()).isEqualTo("anthropic");
        assertThat(a.get("state").asText()).isEqualTo("enabled");
        assertThat(a.get("state_source").asText()).isEqualTo("default");
        assertThat(a.get("available").asBoolean()).isTrue();
        assertThat(a.get("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(a.get("weight").asDouble()).isEqualTo(0.9);
        assertThat(a.get("api_key").asText()).isEqualTo("sk-t\u2026cdef");
        assertThat(a.get("base_url").asText()).isEqualTo("https://api.anthropic.com");
        assertThat(a.get("problems").isArray()).isTrue();
        assertThat(a.get("problems")).isEmpty();
        assertThat(a.get("health").isNull()).isTrue();

        assertThat(o.get("state").asText()).isEqualTo("disabled");
        assertThat(o.get("state_source").asText()).isEqualTo("environment");
        assertThat(o.get("available").asBoolean()).isFalse();

        assertThat(g.get("state").asText()).isEqualTo("not_configured");
        assertThat(g.get("state_source").asText()).isEqualTo("configuration");
        assertThat(g.get("api_key").asText()).isEmpty();

        assertThat(x.get("state").asText()).isEqualTo("misconfigured");
        assertThat(x.get("problems")).extracting(JsonNode::asText)
                .containsExactly("GROK_WEIGHT was '2' but it must be a number from 0.0 to 1.0");
    }

    @Test
    void overrideShowsAsTheStateSource() throws Exception {
        registry.disable("anthropic");

        JsonNode a = json().at("/providers/0");

        assertThat(a.get("state").asText()).isEqualTo("disabled");
        assertThat(a.get("state_source").asText()).isEqualTo("override");
        assertThat(json().at("/registry/available_providers").asInt()).isZero();
    }

    @Test
    void lastHealthIsShownWithSnakeCaseKeys() throws Exception {
        registry.recordHealth(HealthCheckResult.unhealthy("anthropic", Duration.ofMillis(321),
                FailureKind.RATE_LIMITED, "429 Too Many Requests", Instant.parse("2026-11-26T06:40:00Z")));

        JsonNode health = json().at("/providers/0/health");

        assertThat(health.properties()).extracting(e -> e.getKey())
                .containsExactly("healthy", "latency_ms", "reason", "message", "checked_at");
        assertThat(health.get("healthy").asBoolean()).isFalse();
        assertThat(health.get("latency_ms").asLong()).isEqualTo(321);
        assertThat(health.get("reason").asText()).isEqualTo("rate_limited");
        assertThat(health.get("message").asText()).isEqualTo("429 Too Many Requests");
        assertThat(health.get("checked_at").asText()).isEqualTo("2026-11-26T06:40:00Z");
    }

    @Test
    void healthyResultHasNullReasonAndMessage() throws Exception {
        registry.recordHealth(HealthCheckResult.healthy("anthropic", Duration.ofMillis(40), Instant.EPOCH));

        JsonNode health = json().at("/providers/0/health");

        assertThat(health.get("healthy").asBoolean()).isTrue();
        assertThat(health.get("reason").isNull()).isTrue();
        assertThat(health.get("message").isNull()).isTrue();
    }

    @Test
    void emptyRegistryGivesZeroTotalsAndNoProviders() throws Exception {
        registry.replaceAll(List.of());

        JsonNode root = json();

        assertThat(root.at("/registry/total_providers").asInt()).isZero();
        assertThat(root.get("providers")).isEmpty();
    }

    @Test
    void problemsOfTheProviderListAndVariablesNoProviderReadsAreShownOnceEach() throws Exception {
        ProviderList list = ProviderList.read(Environment.of(Map.of("LLM_PROVIDERS", "anthropic,anthropic",
                "GROQ_API_KEY", "gsk-kQvXzJwMhBnRyPcdef")));

        JsonNode root = new ObjectMapper().readTree(Json.compact(
                StatusSummary.of(registry, list, OverrideStore.inMemory())));

        assertThat(root.get("problems")).extracting(JsonNode::asText).containsExactly("LLM_PROVIDERS was "
                + "'anthropic,anthropic' but it must be a comma-separated list of provider names, each lower case: a "
                + "letter, then up to 31 letters, digits, '-' or '_' (e.g. openai-mini), each listed once; 'anthropic' "
                + "is listed twice, the repeat is ignored");
        assertThat(root.get("notes")).extracting(JsonNode::asText)
                .containsExactly("GROQ_API_KEY is set but groq is not in LLM_PROVIDERS");
    }
}
