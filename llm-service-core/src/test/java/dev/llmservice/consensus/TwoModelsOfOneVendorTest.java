package dev.llmservice.consensus;

import dev.llmservice.testing.TestMarketData;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.llmservice.config.Environment;
import dev.llmservice.consensus.marketdata.MarketDataParser;
import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.state.OverrideStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Two models of one vendor vote side by side, each with its own weight, and a local model without a key beside them:
 * providers made by the factory from the environment, asked over HTTP by the orchestrator (a fake OpenAI on
 * 127.0.0.1 that answers each model as that model would, an Ollama on the same fake).
 */
class TwoModelsOfOneVendorTest {

    @RegisterExtension
    static final WireMockExtension VENDOR = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String KEY = "sk-proj-kQvXzJwMhBnRyPcdef";
    private static final String MINI_KEY = "sk-proj-WmHqZcKvNxRbTjcdef";

    private static String reply(String model, String decision, double confidence) {
        String content = "{\\\"decision\\\": \\\"" + decision + "\\\", \\\"confidence\\\": " + confidence
                + ", \\\"reasoning\\\": \\\"" + model + " reads the trend\\\"}";
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1754584237,\"model\":\"" + model
                + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content
                + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":900,\"completion_tokens\":30,"
                + "\"total_tokens\":930}}";
    }

    private static void answer(String path, String model, String reply) {
        VENDOR.stubFor(post(urlPathEqualTo(path)).withRequestBody(matchingJsonPath("$.model", equalTo(model)))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(reply)));
    }

    @Test
    void eachModelIsAVoterWithItsOwnWeight() {
        answer("/v1/chat/completions", "gpt-4.1", reply("gpt-4.1", "BUY", 0.9));
        answer("/v1/chat/completions", "gpt-4.1-mini", reply("gpt-4.1-mini", "SELL", 0.8));
        answer("/ollama/v1/chat/completions", "llama3.2", reply("llama3.2", "BUY", 0.6));
        String base = "http://127.0.0.1:" + VENDOR.getPort();
        ProviderRegistry registry = ProviderFactory.builder().overrides(OverrideStore.inMemory())
                .environment(Environment.of(Map.ofEntries(
                        Map.entry("LLM_PROVIDERS", "openai,openai-mini,ollama"),
                        Map.entry("OPENAI_API_KEY", KEY), Map.entry("OPENAI_BASE_URL", base),
                        Map.entry("OPENAI_MINI_TYPE", "openai"), Map.entry("OPENAI_MINI_API_KEY", MINI_KEY),
                        Map.entry("OPENAI_MINI_MODEL", "gpt-4.1-mini"), Map.entry("OPENAI_MINI_WEIGHT", "0.5"),
                        Map.entry("OPENAI_MINI_BASE_URL", base),
                        Map.entry("OLLAMA_MODEL", "llama3.2"), Map.entry("OLLAMA_BASE_URL", base + "/ollama"),
                        Map.entry("OLLAMA_WEIGHT", "0.3"))))
                .build().initializeRegistry();

        ConsensusResult result;
        try (MultiProviderOrchestrator orchestrator = MultiProviderOrchestrator.builder(registry::enabled)
                .earlyDecision(false).build()) {
            result = orchestrator.generateConsensusSignal(MarketDataParser.parse(TestMarketData.json(60), null, null));
        }

        assertThat(result.votes()).extracting(Vote::provider, Vote::model, Vote::weight, Vote::decision)
                .containsExactlyInAnyOrder(
                        tuple("openai", "gpt-4.1", 1.0, Decision.BUY),
                        tuple("openai-mini", "gpt-4.1-mini", 0.5, Decision.SELL),
                        tuple("ollama", "llama3.2", 0.3, Decision.BUY));
        // BUY 0.9 x 1.0 + 0.6 x 0.3 = 1.08 against SELL 0.8 x 0.5 = 0.4, of W = 1.8.
        assertThat(result.decision()).isEqualTo(Decision.BUY);
        assertThat(result.scores().buy()).isCloseTo(1.08, offset(1e-9));
        assertThat(result.scores().sell()).isCloseTo(0.4, offset(1e-9));
        // Each with its own key; the local model with none.
        VENDOR.verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + KEY)));
        VENDOR.verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + MINI_KEY)));
        assertThat(VENDOR.findAll(postRequestedFor(urlPathEqualTo("/ollama/v1/chat/completions"))))
                .singleElement().satisfies(r -> assertThat(r.containsHeader("Authorization")).isFalse());
    }
}
