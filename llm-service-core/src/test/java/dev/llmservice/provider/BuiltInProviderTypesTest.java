package dev.llmservice.provider;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltInProviderTypesTest {

    @Test
    void serviceLoaderFindsTheFourBuiltInsInOrder() {
        List<ProviderType> types = ProviderTypes.discover();

        assertThat(types).extracting(ProviderType::name).containsExactly("anthropic", "openai", "gemini", "grok");
        assertThat(types).extracting(ProviderType::envPrefix).containsExactly("ANTHROPIC", "OPENAI", "GEMINI", "GROK");
        assertThat(types).extracting(ProviderType::displayName)
                .containsExactly("Anthropic", "OpenAI", "Gemini", "Grok");
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
            assertThat(type.normalizeBaseUrl(type.defaultBaseUrl())).as(type.name()).isEqualTo(type.defaultBaseUrl());
            assertThat(type.baseUrlConvention()).as(type.name()).contains(type.defaultBaseUrl().toString());
        }
    }

    @Test
    void creatingAProviderDoesNoNetworkIo() {
        // Nothing listens on this port: creation must not notice, only a call would.
        String unreachable = "http://127.0.0.1:" + ProviderTestKit.closedPort();

        for (ProviderType type : ProviderTypes.discover()) {
            LlmProvider provider = type.create(ProviderTestKit.config(type.name(), type.defaultModel(), unreachable, 3,
                    Duration.ofSeconds(1)));

            assertThat(provider.name()).isEqualTo(type.name());
            assertThat(provider.config().baseUrl()).isEqualTo(type.normalizeBaseUrl(provider.config().baseUrl()));
        }
    }
}
