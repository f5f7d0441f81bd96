package dev.llmservice.factory;

import dev.llmservice.config.Environment;
import dev.llmservice.config.ProviderConfigLoader;
import dev.llmservice.json.Json;
import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.testing.CapturedStderr;
import dev.llmservice.testing.FakeProviderType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys are masked everywhere: status, logs, exceptions, toString, JSON. */
class SecretsTest {

    // distinctive middles that no masked form can contain
    private static final String ANTHROPIC_KEY = "sk-ant-api03-AnthropicSecretMiddle-9f3c";
    private static final String OPENAI_KEY = "sk-proj-OpenAiSecretMiddle-7a2b";
    private static final String GEMINI_KEY = "AIzaGeminiSecretMiddle";
    private static final String GROK_KEY = "xai-GrokSecretMiddle-0000";
    private static final List<String> MIDDLES =
            List.of("AnthropicSecretMiddle", "OpenAiSecretMiddle", "GeminiSecretMiddle", "GrokSecretMiddle");

    private final FakeProviderType anthropic = FakeProviderType.anthropic();
    private final FakeProviderType openai = FakeProviderType.openai();
    private final FakeProviderType gemini = FakeProviderType.gemini();
    private final FakeProviderType grok = FakeProviderType.grok();

    private static final Map<String, String> ENV = Map.of(
            "ANTHROPIC_API_KEY", ANTHROPIC_KEY,
            "OPENAI_API_KEY", OPENAI_KEY, "OPENAI_ENABLED", "false",
            "GEMINI_API_KEY", GEMINI_KEY, "GEMINI_WEIGHT", "9",
            "GROK_API_KEY", GROK_KEY);

    private static void assertNoSecretIn(String text) {
        for (String middle : MIDDLES) {
            assertThat(text).doesNotContain(middle);
        }
    }

    @Test
    void noKeyInLogsStatusJsonOrToString() {
        grok.failCreateWith(new IllegalStateException("client refused key " + GROK_KEY));
        ProviderFactory factory = ProviderFactory.builder().environment(Environment.of(ENV))
                .overrides(OverrideStore.inMemory()).types(List.of(anthropic, openai, gemini, grok)).build();
        ProviderRegistry registry;
        String log;
        try (CapturedStderr captured = CapturedStderr.start()) {
            registry = factory.initializeRegistry();
            log = captured.text();
        }

        assertThat(log).contains("anthropic: enabled (default), type anthropic, model claude-sonnet-4-5, key sk-a\u20269f3c");
        assertNoSecretIn(log);
        String json = Json.pretty(ProviderFactory.statusSummary(registry));
        assertThat(json).contains("sk-a\u20269f3c", "sk-p\u20267a2b", "AIza\u2026ddle", "\u20260000");
        assertNoSecretIn(json);
        assertNoSecretIn(ProviderFactory.statusSummary(registry).toString());
        for (ProviderEntry entry : registry.snapshot()) {
            assertNoSecretIn(entry.toString());
            assertNoSecretIn(entry.config().toString());
            entry.config().problems().forEach(p -> assertNoSecretIn(p.toString()));
            entry.providerInstance().ifPresent(p -> assertNoSecretIn(p.config().toString()));
        }
    }

    @Test
    void anEntrysKeyIsStillUsableByTheProvider() {
        ProviderFactory factory = ProviderFactory.builder().environment(Environment.of(ENV))
                .overrides(OverrideStore.inMemory()).types(List.of(anthropic)).build();

        ProviderEntry entry = factory.createProvidersFromEnv().get(0);

        assertThat(entry.provider().config().apiKey().reveal()).isEqualTo(ANTHROPIC_KEY);
    }

    @Test
    void loadedConfigToStringShowsOnlyTheMaskedKey() {
        String text = ProviderConfigLoader.load(openai, Environment.of(ENV)).toString();

        assertThat(text).contains("sk-p\u20267a2b");
        assertNoSecretIn(text);
    }

    @Test
    void invalidValueNextToAKeyDoesNotPutTheKeyInTheProblem() {
        String text = ProviderConfigLoader.load(gemini, Environment.of(ENV)).problems().toString();

        assertThat(text).contains("GEMINI_WEIGHT was '9'");
        assertNoSecretIn(text);
    }
}
