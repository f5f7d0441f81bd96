package dev.llmservice.provider;

import dev.llmservice.config.Environment;
import dev.llmservice.config.ProviderConfig;
import dev.llmservice.config.ProviderConfigLoader;
import dev.llmservice.config.ProviderName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltInProviderTypesTest {

    @Test
    void serviceLoaderFindsTheBundledTypesBuiltInsFirst() {
        List<ProviderType> types = ProviderTypes.discover();

        assertThat(types).extracting(ProviderType::name).containsExactly("anthropic", "openai", "gemini", "grok",
                "openai-compatible", "deepseek", "mistral", "openrouter", "ollama");
        assertThat(types).extracting(ProviderType::displayName).containsExactly("Anthropic", "OpenAI", "Gemini",
                "Grok", "OpenAI-compatible", "DeepSeek", "Mistral", "OpenRouter", "Ollama");
    }

    @Test
    void onlyServersThatMayRunWithoutOneTakeNoKey() {
        assertThat(ProviderTypes.discover()).filteredOn(t -> !t.apiKeyRequired()).extracting(ProviderType::name)
                .containsExactly("openai-compatible", "ollama");
    }

    @Test
    void typesWithoutADefaultModelOrEndpointAreThoseWhereOnlyTheUserKnowsIt() {
        assertThat(ProviderTypes.discover()).filteredOn(t -> t.defaultModel() == null).extracting(ProviderType::name)
                .containsExactly("openai-compatible", "openrouter", "ollama");
        assertThat(ProviderTypes.discover()).filteredOn(t -> t.defaultBaseUrl() == null)
                .extracting(ProviderType::name).containsExactly("openai-compatible");
    }

    @Test
    void defaultModelsComeFromTheOneTable() {
        for (ProviderType type : ProviderTypes.discover()) {
            assertThat(type.defaultModel()).isEqualTo(BuiltInModels.TABLE.get(type.name()));
        }
    }

    @Test
    void defaultBaseUrlsAreAlreadyNormalAndNamedInTheConvention() {
        for (ProviderType type : ProviderTypes.discover()) {
            if (type.defaultBaseUrl() == null) {
                continue;
            }
            assertThat(type.normalizeBaseUrl(type.defaultBaseUrl())).as(type.name()).isEqualTo(type.defaultBaseUrl());
            assertThat(type.baseUrlConvention()).as(type.name()).contains(type.defaultBaseUrl().toString());
        }
    }

    @Test
    void creatingAProviderDoesNoNetworkIo() {
        // Nothing listens on this port: creation must not notice, only a call would.
        String unreachable = "http://127.0.0.1:" + ProviderTestKit.closedPort();

        for (ProviderType type : ProviderTypes.discover()) {
            String prefix = ProviderName.prefixOf(type.name());
            ProviderConfig config = ProviderConfigLoader.load(type, Environment.of(Map.of(
                    prefix + ProviderConfigLoader.API_KEY, ProviderTestKit.API_KEY,
                    prefix + ProviderConfigLoader.MODEL, "some-model",
                    prefix + ProviderConfigLoader.BASE_URL, unreachable + "/"))).config().orElseThrow();

            LlmProvider provider = type.create(config);

            assertThat(provider.name()).isEqualTo(type.name());
            // Normalised once, by the loader; the provider keeps it.
            assertThat(provider.config().baseUrl()).isEqualTo(type.normalizeBaseUrl(URI.create(unreachable)))
                    .isEqualTo(config.baseUrl());
        }
    }
}
