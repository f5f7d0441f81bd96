package dev.llmservice.factory;

import dev.llmservice.config.ConfigProblem;
import dev.llmservice.config.ConfigStatus;
import dev.llmservice.config.Environment;
import dev.llmservice.config.LoadedConfig;
import dev.llmservice.config.ProviderConfig;
import dev.llmservice.health.HealthChecker;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.registry.ProviderState;
import dev.llmservice.registry.RegistryEvent;
import dev.llmservice.registry.StateSource;
import dev.llmservice.registry.UnknownProviderException;
import dev.llmservice.resilience.CircuitBreakingProvider;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.state.StateFileException;
import dev.llmservice.status.StatusSummary;
import dev.llmservice.testing.CapturedStderr;
import dev.llmservice.testing.FakeProvider;
import dev.llmservice.testing.FakeProviderType;
import dev.llmservice.testing.HealthScript;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

class ProviderFactoryTest {

    /** The design's Example 1: every provider enabled, with weights. */
    static final Map<String, String> EXAMPLE_1 = Map.ofEntries(
            entry("ANTHROPIC_API_KEY", "sk-ant-xxx"), entry("ANTHROPIC_ENABLED", "true"), entry("ANTHROPIC_WEIGHT", "1.0"),
            entry("OPENAI_API_KEY", "sk-xxx"), entry("OPENAI_ENABLED", "true"), entry("OPENAI_WEIGHT", "0.9"),
            entry("GEMINI_API_KEY", "xxx"), entry("GEMINI_ENABLED", "true"), entry("GEMINI_WEIGHT", "0.8"),
            entry("GROK_API_KEY", "xxx"), entry("GROK_ENABLED", "true"), entry("GROK_WEIGHT", "0.7"));

    /** The design's Example 2: keys only. */
    static final Map<String, String> EXAMPLE_2 = Map.of("ANTHROPIC_API_KEY", "sk-ant-xxx", "OPENAI_API_KEY", "sk-xxx");

    /** The design's Example 3: custom Anthropic settings, OpenAI disabled. */
    static final Map<String, String> EXAMPLE_3 = Map.ofEntries(
            entry("ANTHROPIC_API_KEY", "sk-ant-xxx"), entry("ANTHROPIC_MODEL", "claude-3-opus-20240229"),
            entry("ANTHROPIC_WEIGHT", "1.0"), entry("ANTHROPIC_MAX_TOKENS", "2048"), entry("ANTHROPIC_TEMPERATURE", "0.5"),
            entry("ANTHROPIC_TIMEOUT", "60"), entry("ANTHROPIC_MAX_RETRIES", "5"),
            entry("OPENAI_API_KEY", "sk-xxx"), entry("OPENAI_ENABLED", "false"));

    private static final String ANTHROPIC_KEY = "sk-ant-api03-QWERTYUIOPasdfghjkl-9f3c";

    private final FakeProviderType anthropic = FakeProviderType.anthropic();
    private final FakeProviderType openai = FakeProviderType.openai();
    private final FakeProviderType gemini = FakeProviderType.gemini();
    private final FakeProviderType grok = FakeProviderType.grok();
    private final OverrideStore store = OverrideStore.inMemory();

    private ProviderFactory factory(Map<String, String> env) {
        return ProviderFactory.builder()
                .environment(Environment.of(env))
                .overrides(store)
                .types(List.of(anthropic, openai, gemini, grok))
                .healthChecker(new HealthChecker(Clock.systemUTC(), Duration.ofMillis(10)))
                .build();
    }

    private static Map<String, ProviderEntry> byName(List<ProviderEntry> entries) {
        Map<String, ProviderEntry> map = new HashMap<>();
        entries.forEach(e -> map.put(e.name(), e));
        return map;
    }

    @Nested
    class DesignExamples {

        @Test
        void example1EnablesEveryProviderWithItsWeight() {
            ProviderRegistry registry = factory(EXAMPLE_1).initializeRegistry();

            assertThat(registry.snapshot()).extracting(ProviderEntry::name, ProviderEntry::state, e -> e.config().weight())
                    .containsExactly(
                            tuple("anthropic", ProviderState.ENABLED, 1.0), tuple("openai", ProviderState.ENABLED, 0.9),
                            tuple("gemini", ProviderState.ENABLED, 0.8), tuple("grok", ProviderState.ENABLED, 0.7));
            assertThat(registry.available()).hasSize(4);
            assertThat(registry.snapshot()).extracting(ProviderEntry::stateSource).containsOnly(StateSource.ENVIRONMENT);
        }

        @Test
        void example2RegistersKeyedProvidersWithDefaultsAndWarnsAboutTheOthers() {
            ProviderRegistry registry;
            try (CapturedStderr log = CapturedStderr.start()) {
                registry = factory(EXAMPLE_2).initializeRegistry();

                assertThat(log.text())
                        .contains("WARN", "gemini: not configured: GEMINI_API_KEY is not set")
                        .contains("grok: not configured: GROK_API_KEY is not set");
            }

            StatusSummary status = ProviderFactory.statusSummary(registry);
            assertThat(status.registry().totalProviders()).isEqualTo(4);
            assertThat(status.registry().availableProviders()).isEqualTo(2);
            ProviderConfig a = registry.get("anthropic").provider().config();
            assertThat(a.enabled()).isTrue();
            assertThat(a.weight()).isEqualTo(1.0);
            assertThat(a.maxTokens()).isEqualTo(1024);
            assertThat(a.temperature()).isEqualTo(0.7);
            assertThat(a.timeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(a.maxRetries()).isEqualTo(3);
            assertThat(registry.get("gemini").state()).isEqualTo(ProviderState.NOT_CONFIGURED);
            assertThat(registry.get("grok").available()).isFalse();
        }

        @Test
        void example3AppliesCustomSettingsAndDisablesOpenAi() {
            ProviderRegistry registry = factory(EXAMPLE_3).initializeRegistry();

            ProviderConfig a = registry.get("anthropic").provider().config();
            assertThat(a.model()).isEqualTo("claude-3-opus-20240229");
            assertThat(a.weight()).isEqualTo(1.0);
            assertThat(a.maxTokens()).isEqualTo(2048);
            assertThat(a.temperature()).isEqualTo(0.5);
            assertThat(a.timeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(a.maxRetries()).isEqualTo(5);
            assertThat(registry.get("openai").state()).isEqualTo(ProviderState.DISABLED);
            assertThat(registry.get("openai").stateSource()).isEqualTo(StateSource.ENVIRONMENT);
            assertThat(registry.available()).extracting(LlmProvider::name).containsExactly("anthropic");
        }

        @Test
        void emptyEnvironmentRegistersEveryTypeAsNotConfiguredWithoutFailing() {
            ProviderRegistry registry = factory(Map.of()).initializeRegistry();

            assertThat(registry.snapshot()).extracting(ProviderEntry::state).containsOnly(ProviderState.NOT_CONFIGURED);
            assertThat(registry.available()).isEmpty();
        }
    }

    @Nested
    class Creation {

        @Test
        void oneEntryPerTypeInTypeOrder() {
            List<ProviderEntry> entries = factory(EXAMPLE_2).createProvidersFromEnv();

            assertThat(entries).extracting(ProviderEntry::name).containsExactly("anthropic", "openai", "gemini", "grok");
        }

        @Test
        void eachConfiguredProviderIsCreatedFromItsValidatedConfig() {
            factory(EXAMPLE_3).createProvidersFromEnv();

            assertThat(anthropic.created()).singleElement()
                    .satisfies(p -> assertThat(p.config().model()).isEqualTo("claude-3-opus-20240229"));
            assertThat(openai.created()).hasSize(1);
            assertThat(gemini.created()).isEmpty();
        }

        @Test
        void missingApiKeyLeavesProviderNotConfiguredWithWarning() {
            ProviderEntry g;
            try (CapturedStderr log = CapturedStderr.start()) {
                g = byName(factory(Map.of("GEMINI_MODEL", "gemini-2.5-flash")).createProvidersFromEnv()).get("gemini");

                assertThat(log.text()).contains("WARN dev.llmservice.factory.ProviderFactory - gemini: not configured: GEMINI_API_KEY is not set");
            }
            assertThat(g.state()).isEqualTo(ProviderState.NOT_CONFIGURED);
            assertThat(g.available()).isFalse();
            assertThat(g.config().problems()).isEmpty();
            assertThat(g.config().model()).isEqualTo("gemini-2.5-flash");
        }

        @Test
        void enabledFalseRegistersTheProviderDisabled() {
            ProviderEntry o = byName(factory(Map.of("OPENAI_API_KEY", "sk-xxx", "OPENAI_ENABLED", "false"))
                    .createProvidersFromEnv()).get("openai");

            assertThat(o.state()).isEqualTo(ProviderState.DISABLED);
            assertThat(o.providerInstance()).isPresent();
        }

        @Test
        void invalidValueMarksOnlyThatProviderMisconfigured() {
            Map<String, String> env = new HashMap<>(EXAMPLE_1);
            env.put("OPENAI_TEMPERATURE", "3.5");
            env.put("OPENAI_MAX_RETRIES", "many");

            ProviderRegistry registry = factory(env).initializeRegistry();

            ProviderEntry o = registry.get("openai");
            assertThat(o.state()).isEqualTo(ProviderState.MISCONFIGURED);
            assertThat(o.available()).isFalse();
            assertThat(o.providerInstance()).isEmpty();
            assertThat(o.config().problems()).extracting(ConfigProblem::message).containsExactly(
                    "OPENAI_TEMPERATURE was '3.5' but it must be a number from 0.0 to 2.0",
                    "OPENAI_MAX_RETRIES was 'many' but it must be a whole number from 0 to 10");
            assertThat(registry.available()).extracting(LlmProvider::name).containsExactly("anthropic", "gemini", "grok");
            assertThat(openai.created()).isEmpty();
        }

        @Test
        void misconfiguredProviderIsLoggedWithEveryProblem() {
            try (CapturedStderr log = CapturedStderr.start()) {
                factory(Map.of("GROK_API_KEY", "xai-0123456789abcdef", "GROK_WEIGHT", "2", "GROK_TIMEOUT", "0")).createProvidersFromEnv();

                assertThat(log.text()).contains("grok: misconfigured, unavailable: "
                        + "GROK_WEIGHT was '2' but it must be a number from 0.0 to 1.0; "
                        + "GROK_TIMEOUT was '0' but it must be a number of seconds greater than 0 (at most 86400)");
            }
        }

        @Test
        void typeThatRefusesTheConfigurationMarksItMisconfiguredWithTheKeyMasked() {
            anthropic.failCreateWith(new IllegalArgumentException("model not allowed for key " + ANTHROPIC_KEY));

            List<ProviderEntry> entries = factory(Map.of("ANTHROPIC_API_KEY", ANTHROPIC_KEY, "OPENAI_API_KEY", "sk-xxx"))
                    .createProvidersFromEnv();

            ProviderEntry a = byName(entries).get("anthropic");
            assertThat(a.state()).isEqualTo(ProviderState.MISCONFIGURED);
            assertThat(a.config().config()).isEmpty();
            assertThat(a.config().problems()).extracting(ConfigProblem::message).containsExactly(
                    "ANTHROPIC_* was 'model claude-sonnet-4-5, base URL https://api.anthropic.com' but it must be"
                            + " values the Anthropic client accepts (model not allowed for key sk-a\u20269f3c)");
            assertThat(byName(entries).get("openai").available()).isTrue();
        }

        @Test
        void typeThatRefusesWithoutAMessageIsNamedByTheExceptionClass() {
            grok.failCreateWith(new UnsupportedOperationException());

            ProviderEntry g = byName(factory(Map.of("GROK_API_KEY", "xai-0123456789abcdef")).createProvidersFromEnv()).get("grok");

            assertThat(g.config().problems()).singleElement().extracting(ConfigProblem::message).asString()
                    .endsWith("(UnsupportedOperationException)");
        }

        @Test
        void loadProviderConfigReadsOneProviderByNameInAnyCase() {
            LoadedConfig loaded = factory(EXAMPLE_3).loadProviderConfig("Anthropic");

            assertThat(loaded.status()).isEqualTo(ConfigStatus.CONFIGURED);
            assertThat(loaded.config().orElseThrow().maxTokens()).isEqualTo(2048);
        }

        @Test
        void loadProviderConfigOfAnUnknownTypeListsTheKnownTypes() {
            assertThatThrownBy(() -> factory(EXAMPLE_1).loadProviderConfig("mistral"))
                    .isInstanceOf(UnknownProviderException.class)
                    .hasMessage("unknown provider 'mistral'; expected one of: anthropic, openai, gemini, grok");
        }

        @Test
        void typeLookupIgnoresCase() {
            ProviderFactory f = factory(Map.of());

            assertThat(f.type(" GROK ")).containsSame(grok);
            assertThat(f.type("mistral")).isEmpty();
            assertThat(f.type(null)).isEmpty();
            assertThat(f.types()).containsExactly(anthropic, openai, gemini, grok);
        }

        @Test
        void initializeRegistryReplacesTheContentsOfTheGivenRegistry() {
            ProviderRegistry registry = ProviderRegistry.create();
            List<RegistryEvent> events = new ArrayList<>();
            registry.addListener(events::add);

            ProviderRegistry returned = factory(EXAMPLE_2).initializeRegistry(registry);

            assertThat(returned).isSameAs(registry);
            assertThat(events).extracting(RegistryEvent::type).containsOnly(RegistryEvent.Type.ADDED).hasSize(4);
        }

        @Test
        void initializeRegistryWithoutArgumentsGivesAFreshRegistryEachTime() {
            ProviderFactory f = factory(EXAMPLE_2);

            assertThat(f.initializeRegistry()).isNotSameAs(f.initializeRegistry()).isNotSameAs(ProviderRegistry.global());
        }
    }

    @Nested
    class Overrides {

        @Test
        void persistedOverridesAreAppliedWhenProvidersAreCreated() {
            store.set("grok", false);
            store.set("openai", true);

            Map<String, ProviderEntry> entries = byName(factory(Map.of(
                    "GROK_API_KEY", "xai-0123456789abcdef", "OPENAI_API_KEY", "sk-xxx", "OPENAI_ENABLED", "false"))
                    .createProvidersFromEnv());

            assertThat(entries.get("grok").state()).isEqualTo(ProviderState.DISABLED);
            assertThat(entries.get("grok").stateSource()).isEqualTo(StateSource.OVERRIDE);
            assertThat(entries.get("openai").state()).isEqualTo(ProviderState.ENABLED);
            assertThat(entries.get("openai").stateSource()).isEqualTo(StateSource.OVERRIDE);
        }

        @Test
        void overrideOfAProviderWithoutKeyLeavesItNotConfigured() {
            store.set("gemini", true);

            ProviderEntry g = byName(factory(Map.of()).createProvidersFromEnv()).get("gemini");

            assertThat(g.state()).isEqualTo(ProviderState.NOT_CONFIGURED);
            assertThat(g.override()).isTrue();
        }

        @Test
        void disablePersistsAndTakesEffectAtOnce() {
            ProviderFactory f = factory(EXAMPLE_1);
            ProviderRegistry registry = f.initializeRegistry();

            ProviderEntry after = f.disable(registry, "GROK");

            assertThat(after.state()).isEqualTo(ProviderState.DISABLED);
            assertThat(registry.get("grok").available()).isFalse();
            assertThat(store.load()).containsExactly(entry("grok", false));
        }

        @Test
        void enablePersistsAndOverridesEnabledFalse() {
            ProviderFactory f = factory(EXAMPLE_3);
            ProviderRegistry registry = f.initializeRegistry();

            f.enable(registry, "openai");

            assertThat(registry.get("openai").state()).isEqualTo(ProviderState.ENABLED);
            assertThat(store.load()).containsExactly(entry("openai", true));
        }

        @Test
        void clearOverrideReturnsToTheEnvironmentAndForgetsThePersistedOne() {
            ProviderFactory f = factory(EXAMPLE_3);
            ProviderRegistry registry = f.initializeRegistry();
            f.enable(registry, "openai");

            ProviderEntry after = f.clearOverride(registry, "openai");

            assertThat(after.state()).isEqualTo(ProviderState.DISABLED);
            assertThat(after.stateSource()).isEqualTo(StateSource.ENVIRONMENT);
            assertThat(store.load()).isEmpty();
        }

        @Test
        void enablingAnUnknownProviderChangesNothing() {
            ProviderFactory f = factory(EXAMPLE_1);
            ProviderRegistry registry = f.initializeRegistry();

            assertThatThrownBy(() -> f.enable(registry, "mistral")).isInstanceOf(UnknownProviderException.class);
            assertThat(store.load()).isEmpty();
        }

        @Test
        void reinitializePicksUpAChangedEnvironmentAndKeepsOverrides() {
            AtomicReference<Environment> env = new AtomicReference<>(Environment.of(EXAMPLE_1));
            ProviderFactory f = ProviderFactory.builder().environment(() -> env.get()).overrides(store)
                    .types(List.of(anthropic, openai, gemini, grok)).build();
            ProviderRegistry registry = f.initializeRegistry();
            f.disable(registry, "grok");
            Map<String, String> changed = new HashMap<>(EXAMPLE_1);
            changed.remove("GEMINI_API_KEY");
            changed.put("OPENAI_WEIGHT", "0.5");
            env.set(Environment.of(changed));

            f.reinitialize(registry);

            assertThat(registry.get("openai").config().weight()).isEqualTo(0.5);
            assertThat(registry.get("gemini").state()).isEqualTo(ProviderState.NOT_CONFIGURED);
            assertThat(registry.get("grok").state()).isEqualTo(ProviderState.DISABLED);
            assertThat(registry.get("grok").stateSource()).isEqualTo(StateSource.OVERRIDE);
        }

        @Test
        void reinitializeRereadsTheDotEnvFile(@TempDir Path dir) throws Exception {
            Path dotEnv = Files.writeString(dir.resolve(".env"), "ANTHROPIC_API_KEY=sk-ant-xxx\nANTHROPIC_WEIGHT=0.4\n");
            Environment real = Environment.of(Map.of("LLM_ENV_FILE", dotEnv.toString()));
            ProviderFactory f = ProviderFactory.builder().environment(() -> Environment.withDotEnv(real))
                    .overrides(store).types(List.of(anthropic, openai, gemini, grok)).build();
            ProviderRegistry registry = f.initializeRegistry();
            Files.writeString(dotEnv, "ANTHROPIC_API_KEY=sk-ant-xxx\nANTHROPIC_WEIGHT=0.6\nGROK_API_KEY=xai-xxx\n");

            f.reinitialize(registry);

            assertThat(registry.get("anthropic").config().weight()).isEqualTo(0.6);
            assertThat(registry.get("grok").available()).isTrue();
        }

        @Test
        void overridesSurviveIntoTheNextProcessThroughTheStateFile(@TempDir Path dir) {
            Path stateFile = dir.resolve("state.json");
            Map<String, String> env = new HashMap<>(EXAMPLE_1);
            env.put("LLM_STATE_FILE", stateFile.toString());
            ProviderFactory first = ProviderFactory.builder().environment(Environment.of(env))
                    .types(List.of(anthropic, openai, gemini, grok)).build();
            first.disable(first.initializeRegistry(), "gemini");

            ProviderFactory next = ProviderFactory.builder().environment(Environment.of(env))
                    .types(List.copyOf(FakeProviderType.builtIns()))
                    .build();
            ProviderRegistry registry = next.initializeRegistry();

            assertThat(next.overrides().location()).isEqualTo(stateFile.toString());
            assertThat(registry.get("gemini").state()).isEqualTo(ProviderState.DISABLED);
            assertThat(registry.get("gemini").stateSource()).isEqualTo(StateSource.OVERRIDE);
        }

        /** The issue: `--disable grok`, then `{` in the file, and the next re-read enabled grok again. */
        @Test
        void aStateFileThatCannotBeReadKeepsTheOverridesInEffectAndAcceptsNoChange(@TempDir Path dir) throws Exception {
            Path stateFile = dir.resolve("state.json");
            ProviderFactory f = ProviderFactory.builder().environment(Environment.of(EXAMPLE_1))
                    .overrides(OverrideStore.file(stateFile)).types(List.of(anthropic, openai, gemini, grok)).build();
            ProviderRegistry registry = f.initializeRegistry();
            f.disable(registry, "grok");
            Files.writeString(stateFile, "{");

            f.reinitialize(registry);

            assertThat(registry.get("grok").state()).isEqualTo(ProviderState.DISABLED);
            assertThat(registry.get("grok").stateSource()).isEqualTo(StateSource.OVERRIDE);
            assertThat(f.overrides().readFailure())
                    .hasValueSatisfying(e -> assertThat(e.problem()).startsWith("not valid JSON"));
            assertThatThrownBy(() -> f.disable(registry, "openai")).isInstanceOf(StateFileException.class);
            assertThat(registry.get("openai").available()).isTrue();
            assertThat(Files.readString(stateFile)).isEqualTo("{");
            // A new registry (a CLI's, a server starting) has no last good overrides to keep.
            assertThat(f.initializeRegistry().get("grok").stateSource()).isEqualTo(StateSource.ENVIRONMENT);
        }
    }

    @Nested
    class HealthChecks {

        @Test
        void healthCheckAllChecksAvailableProvidersAndRecordsTheResults() {
            openai.healthCheckDoes(HealthScript.unhealthy(FailureKind.AUTHENTICATION, "401 invalid x-api-key"));
            ProviderFactory f = factory(EXAMPLE_3);
            ProviderRegistry registry = f.initializeRegistry();
            f.enable(registry, "openai");
            List<String> progress = new ArrayList<>();

            Map<String, HealthCheckResult> results = f.healthCheckAll(registry, r -> progress.add(r.provider()));

            assertThat(results.keySet()).containsExactly("anthropic", "openai");
            assertThat(results.get("anthropic").healthy()).isTrue();
            assertThat(results.get("openai").reason()).isEqualTo(FailureKind.AUTHENTICATION);
            assertThat(progress).containsExactlyInAnyOrder("anthropic", "openai");
            assertThat(registry.get("openai").lastHealth()).isEqualTo(results.get("openai"));
            assertThat(gemini.healthChecks()).isZero();
        }

        @Test
        void healthCheckOfOneProviderWorksWhenItIsDisabled() {
            ProviderFactory f = factory(EXAMPLE_3);
            ProviderRegistry registry = f.initializeRegistry();

            HealthCheckResult r = f.healthCheck(registry, "openai");

            assertThat(r.healthy()).isTrue();
            assertThat(openai.healthChecks()).isEqualTo(1);
            assertThat(registry.get("openai").lastHealth()).isEqualTo(r);
        }

        @Test
        void healthCheckOfAnUnconfiguredProviderSaysWhy() {
            ProviderFactory f = factory(EXAMPLE_2);
            ProviderRegistry registry = f.initializeRegistry();

            assertThatThrownBy(() -> f.healthCheck(registry, "grok"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("grok cannot be checked: it is not configured");
        }

        @Test
        void providersCreatedByTheFactoryAreTheOnesChecked() {
            ProviderFactory f = factory(EXAMPLE_2);
            ProviderRegistry registry = f.initializeRegistry();

            f.healthCheckAll(registry);

            FakeProvider created = anthropic.created().get(0);
            // The factory puts each provider behind its circuit breaker; the one behind it is the one created.
            assertThat(registry.provider("anthropic")).get().isInstanceOfSatisfying(CircuitBreakingProvider.class,
                    guarded -> assertThat(guarded.delegate()).isSameAs(created));
            assertThat(anthropic.healthChecks()).isEqualTo(1);
        }
    }

    @Test
    void baseUrlFromTheEnvironmentReachesTheProvider() {
        factory(Map.of("OPENAI_API_KEY", "sk-xxx", "OPENAI_BASE_URL", "http://127.0.0.1:8089/")).createProvidersFromEnv();

        assertThat(openai.created().get(0).config().baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8089/v1"));
    }
}
