package dev.llmservice.factory;

import dev.llmservice.config.ConfigStatus;
import dev.llmservice.config.Environment;
import dev.llmservice.config.LoadedConfig;
import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.provider.ProviderTypes;
import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.registry.ProviderState;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.status.ProviderStatus;
import dev.llmservice.status.StatusSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Providers by environment, with the real bundled types (creating a provider does no network I/O): the names in
 * LLM_PROVIDERS, each of its own type, with its own variables; bad input is one problem that leaves the other
 * providers working.
 */
class AnyProviderTest {

    private static final String KNOWN_TYPES = "anthropic, openai, gemini, grok, openai-compatible, deepseek, mistral, "
            + "openrouter, ollama";

    private OverrideStore store = OverrideStore.inMemory();

    private ProviderRegistry registry(Map<String, String> env) {
        return factory(env).initializeRegistry();
    }

    private ProviderFactory factory(Map<String, String> env) {
        return ProviderFactory.builder().environment(Environment.of(env)).overrides(store).build();
    }

    private static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }

    private static ProviderConfig config(ProviderRegistry registry, String name) {
        return registry.get(name).config().config().orElseThrow();
    }

    private static List<String> problems(ProviderRegistry registry, String name) {
        return ProviderStatus.of(registry.get(name)).problems();
    }

    @Test
    void aSeedStyleEnvironmentGivesTheFourBuiltInsAsBefore() {
        ProviderRegistry registry = registry(env("ANTHROPIC_API_KEY", "sk-ant-kQvXzJwMhBnRyPcdef",
                "OPENAI_API_KEY", "sk-proj-kQvXzJwMhBnRyPcdef", "OPENAI_WEIGHT", "0.9"));

        assertThat(registry.snapshot()).extracting(ProviderEntry::name, ProviderEntry::typeName, ProviderEntry::state)
                .containsExactly(tuple("anthropic", "anthropic", ProviderState.ENABLED),
                        tuple("openai", "openai", ProviderState.ENABLED),
                        tuple("gemini", "gemini", ProviderState.NOT_CONFIGURED),
                        tuple("grok", "grok", ProviderState.NOT_CONFIGURED));
        assertThat(config(registry, "openai").weight()).isEqualTo(0.9);
        assertThat(config(registry, "openai").model()).isEqualTo("gpt-4.1");
    }

    @Test
    void twoModelsOfOneVendorAreTwoProvidersEachWithItsOwnVariables() {
        ProviderRegistry registry = registry(env("LLM_PROVIDERS", "openai,openai-mini",
                "OPENAI_API_KEY", "sk-proj-kQvXzJwMhBnRyPcdef", "OPENAI_WEIGHT", "1.0",
                "OPENAI_MINI_TYPE", "openai", "OPENAI_MINI_API_KEY", "sk-proj-WmHqZcKvNxRbTjcdef",
                "OPENAI_MINI_MODEL", "gpt-4.1-mini", "OPENAI_MINI_WEIGHT", "0.5", "OPENAI_MINI_BASE_URL",
                "https://eu.api.openai.com"));

        ProviderConfig full = config(registry, "openai");
        ProviderConfig mini = config(registry, "openai-mini");
        assertThat(registry.available()).extracting(LlmProvider::name).containsExactly("openai", "openai-mini");
        assertThat(List.of(full.type(), mini.type())).containsOnly("openai");
        assertThat(full.model()).isEqualTo("gpt-4.1");
        assertThat(mini.model()).isEqualTo("gpt-4.1-mini");
        assertThat(mini.weight()).isEqualTo(0.5);
        assertThat(mini.revealApiKey()).isEqualTo("sk-proj-WmHqZcKvNxRbTjcdef");
        assertThat(mini.baseUrl()).as("normalised in the type's convention").hasToString("https://eu.api.openai.com/v1");
        assertThat(registry.provider("openai-mini").orElseThrow().name()).isEqualTo("openai-mini");
    }

    @Test
    void aPresetNeedsOnlyWhatItHasNoDefaultFor() {
        ProviderRegistry registry = registry(env("LLM_PROVIDERS", "deepseek,mistral,openrouter,ollama",
                "DEEPSEEK_API_KEY", "sk-kQvXzJwMhBnRyPcdef", "MISTRAL_API_KEY", "kQvXzJwMhBnRyPcdef",
                "OPENROUTER_API_KEY", "sk-or-v1-kQvXzJwMhBnRyPcdef", "OPENROUTER_MODEL", "openai/gpt-4.1",
                "OLLAMA_MODEL", "llama3.2"));

        assertThat(registry.snapshot()).allSatisfy(e -> assertThat(e.state()).as(e.name()).isEqualTo(ProviderState.ENABLED));
        assertThat(config(registry, "deepseek")).extracting(ProviderConfig::model, c -> c.baseUrl().toString())
                .containsExactly("deepseek-chat", "https://api.deepseek.com");
        assertThat(config(registry, "mistral").model()).isEqualTo("mistral-large-latest");
        assertThat(config(registry, "openrouter").baseUrl()).hasToString("https://openrouter.ai/api/v1");
        ProviderConfig ollama = config(registry, "ollama");
        assertThat(ollama.apiKey()).as("a local model needs no key").isNull();
        assertThat(ollama.baseUrl()).hasToString("http://localhost:11434/v1");
        assertThat(registry.get("ollama").config().maskedApiKey()).isEmpty();
    }

    @Test
    void aPresetWithoutTheModelItNeedsIsMisconfiguredNamingTheVariable() {
        ProviderRegistry registry = registry(env("LLM_PROVIDERS", "openrouter,ollama",
                "OPENROUTER_API_KEY", "sk-or-v1-kQvXzJwMhBnRyPcdef"));

        assertThat(problems(registry, "openrouter")).containsExactly(
                "OPENROUTER_MODEL is not set but it must be the name of a model (the openrouter type has no default model)");
        assertThat(problems(registry, "ollama")).containsExactly(
                "OLLAMA_MODEL is not set but it must be the name of a model (the ollama type has no default model)");
        assertThat(registry.get("ollama").state()).isEqualTo(ProviderState.MISCONFIGURED);
    }

    @Test
    void openAiCompatibleNeedsABaseUrlAndAModelButNoKey() {
        ProviderRegistry registry = registry(env("LLM_PROVIDERS", "vllm,lmstudio,anthropic",
                "VLLM_TYPE", "openai-compatible",
                "LMSTUDIO_TYPE", "openai-compatible", "LMSTUDIO_BASE_URL", "http://localhost:1234/v1/",
                "LMSTUDIO_MODEL", "qwen2.5-7b-instruct",
                "ANTHROPIC_API_KEY", "sk-ant-kQvXzJwMhBnRyPcdef"));

        assertThat(registry.get("vllm").state()).isEqualTo(ProviderState.MISCONFIGURED);
        assertThat(problems(registry, "vllm")).containsExactly(
                "VLLM_MODEL is not set but it must be the name of a model (the openai-compatible type has no default model)",
                "VLLM_BASE_URL is not set but it must be an absolute http(s) URL of the server's API (the "
                        + "openai-compatible type has no default endpoint)");
        ProviderConfig lmstudio = config(registry, "lmstudio");
        assertThat(lmstudio.apiKey()).isNull();
        assertThat(lmstudio.baseUrl()).hasToString("http://localhost:1234/v1");
        assertThat(registry.get("anthropic").available()).isTrue();
    }

    @Test
    void aNameThatIsNoTypeNeedsItsTypeAndTheProblemSaysWhichTypesThereAre() {
        ProviderRegistry registry = registry(env("LLM_PROVIDERS", "local,grok", "LOCAL_BASE_URL",
                "http://localhost:8000/v1", "LOCAL_MODEL", "m", "GROK_API_KEY", "xai-kQvXzJwMhBnRyPcdef"));

        ProviderEntry local = registry.get("local");
        assertThat(local.state()).isEqualTo(ProviderState.MISCONFIGURED);
        assertThat(local.typeName()).isNull();
        assertThat(local.type()).isNull();
        assertThat(problems(registry, "local")).containsExactly("LOCAL_TYPE is not set but it must be one of: "
                + KNOWN_TYPES + " (local is not a type name, so its type must be given)");
        assertThat(registry.get("grok").available()).isTrue();
    }

    @Test
    void anUnknownTypeIsOneProblemListingTheKnownTypesAndOtherValuesAreStillChecked() {
        ProviderRegistry registry = registry(env("LLM_PROVIDERS", "mistral,openai",
                "MISTRAL_TYPE", "mistrall", "MISTRAL_API_KEY", "kQvXzJwMhBnRyPcdef", "MISTRAL_WEIGHT", "2",
                "OPENAI_API_KEY", "sk-proj-kQvXzJwMhBnRyPcdef"));

        assertThat(problems(registry, "mistral")).containsExactly(
                "MISTRAL_TYPE was 'mistrall' but it must be one of: " + KNOWN_TYPES,
                "MISTRAL_WEIGHT was '2' but it must be a number from 0.0 to 1.0");
        assertThat(registry.get("mistral").config().maskedApiKey()).isEqualTo("kQvX\u2026cdef");
        assertThat(registry.get("openai").available()).isTrue();
    }

    @Test
    void aTypeIsNamedInAnyCase() {
        ProviderRegistry registry = registry(env("LLM_PROVIDERS", "cheap", "CHEAP_TYPE", " DeepSeek ",
                "CHEAP_API_KEY", "sk-kQvXzJwMhBnRyPcdef"));

        assertThat(registry.get("cheap").typeName()).isEqualTo("deepseek");
        assertThat(registry.get("cheap").available()).isTrue();
    }

    @Test
    void theListsOwnProblemsAreKeptForTheStatusAndLeaveTheOthersWorking() {
        Map<String, String> env = env("LLM_PROVIDERS", "openai,Open AI,openai,a-b,a_b",
                "OPENAI_API_KEY", "sk-proj-kQvXzJwMhBnRyPcdef", "A_B_TYPE", "ollama", "A_B_MODEL", "llama3.2");
        ProviderFactory factory = factory(env);
        ProviderRegistry registry = factory.initializeRegistry();

        assertThat(registry.names()).containsExactly("openai", "a-b");
        assertThat(registry.available()).hasSize(2);
        StatusSummary status = StatusSummary.of(registry, factory.providerList(), store);
        assertThat(status.problems()).hasSize(3).allSatisfy(p -> assertThat(p)
                .startsWith("LLM_PROVIDERS was 'openai,Open AI,openai,a-b,a_b' but it must be"));
        assertThat(status.problems().get(0)).endsWith("'Open AI' is not one, so it is left out");
        assertThat(status.problems().get(1)).endsWith("'openai' is listed twice, the repeat is ignored");
        assertThat(status.problems().get(2)).endsWith("'a_b' would read the same A_B_* variables as 'a-b', so it is "
                + "left out");
    }

    @Test
    void anEmptyListIsNoProviderAndOneProblem() {
        ProviderFactory factory = factory(env("LLM_PROVIDERS", ",,", "OPENAI_API_KEY", "sk-proj-kQvXzJwMhBnRyPcdef"));

        assertThat(factory.initializeRegistry().snapshot()).isEmpty();
        assertThat(factory.providerList().problems()).hasSize(1);
        assertThat(factory.providerList().notes()).containsExactly(
                "OPENAI_API_KEY is set but openai is not in LLM_PROVIDERS");
    }

    @Test
    void theVariablesOfAProviderNotListedAreNotRead() {
        ProviderRegistry registry = registry(env("LLM_PROVIDERS", "openai", "OPENAI_API_KEY",
                "sk-proj-kQvXzJwMhBnRyPcdef", "GROQ_TYPE", "openai-compatible", "GROQ_API_KEY", "gsk_kQvXzJwMhBnRyPcdef",
                "GROQ_BASE_URL", "https://api.groq.com/openai/v1", "GROQ_MODEL", "llama-3.3-70b"));

        assertThat(registry.names()).containsExactly("openai");
    }

    @Test
    void overridesAreKeyedByProviderName(@TempDir Path dir) {
        store = OverrideStore.file(dir.resolve("state.json"));
        Map<String, String> env = env("LLM_PROVIDERS", "openai,openai-mini",
                "OPENAI_API_KEY", "sk-proj-kQvXzJwMhBnRyPcdef",
                "OPENAI_MINI_TYPE", "openai", "OPENAI_MINI_API_KEY", "sk-proj-WmHqZcKvNxRbTjcdef");
        ProviderFactory factory = factory(env);
        ProviderRegistry registry = factory.initializeRegistry();

        factory.disable(registry, "OPENAI-MINI");

        assertThat(store.load()).containsOnlyKeys("openai-mini").containsEntry("openai-mini", false);
        ProviderRegistry nextProcess = factory(env).initializeRegistry();
        assertThat(nextProcess.get("openai-mini").state()).isEqualTo(ProviderState.DISABLED);
        assertThat(nextProcess.get("openai").state()).isEqualTo(ProviderState.ENABLED);
    }

    @Test
    void aTypeFromAnotherJarIsSelectedByItsIdTheSameWay() {
        List<ProviderType> types = new ArrayList<>(ProviderTypes.discover());
        types.add(new AcmeType());
        ProviderRegistry registry = ProviderFactory.builder().types(types).overrides(store)
                .environment(Environment.of(env("LLM_PROVIDERS", "acme,house-llm", "ACME_API_KEY", "ak-kQvXzJwMhBnR",
                        "HOUSE_LLM_TYPE", "acme", "HOUSE_LLM_API_KEY", "ak-WmHqZcKvNxRb", "HOUSE_LLM_MODEL", "acme-2")))
                .build().initializeRegistry();

        assertThat(registry.available()).extracting(p -> p.config().type(), p -> p.config().model())
                .containsExactly(tuple("acme", "acme-1"), tuple("acme", "acme-2"));
    }

    @Test
    void loadProviderConfigReadsAProviderOfAnyTypeByItsName() {
        LoadedConfig loaded = factory(env("LLM_PROVIDERS", "openai-mini", "OPENAI_MINI_TYPE", "openai",
                "OPENAI_MINI_API_KEY", "sk-proj-kQvXzJwMhBnRyPcdef")).loadProviderConfig("OpenAI-Mini");

        assertThat(loaded.status()).isEqualTo(ConfigStatus.CONFIGURED);
        assertThat(loaded.type()).isEqualTo("openai");
        assertThat(loaded.envPrefix()).isEqualTo("OPENAI_MINI");
    }

    /** A type as another jar would bring it: its own id, defaults and providers. */
    private static final class AcmeType implements ProviderType {
        @Override
        public String name() {
            return "acme";
        }

        @Override
        public String displayName() {
            return "Acme";
        }

        @Override
        public String defaultModel() {
            return "acme-1";
        }

        @Override
        public URI defaultBaseUrl() {
            return URI.create("https://llm.acme.example");
        }

        @Override
        public URI normalizeBaseUrl(URI given) {
            return given;
        }

        @Override
        public LlmProvider create(ProviderConfig config) {
            return new LlmProvider() {
                @Override
                public ProviderConfig config() {
                    return config;
                }

                @Override
                public dev.llmservice.provider.GenerationResult generate(dev.llmservice.provider.GenerationRequest r) {
                    throw new UnsupportedOperationException("not called here");
                }

                @Override
                public dev.llmservice.provider.HealthCheckResult healthCheck() {
                    throw new UnsupportedOperationException("not called here");
                }
            };
        }
    }
}
