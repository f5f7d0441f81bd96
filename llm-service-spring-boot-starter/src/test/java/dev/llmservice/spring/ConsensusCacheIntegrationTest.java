package dev.llmservice.spring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.spring.testapp.FakeProviders;
import dev.llmservice.spring.testapp.TestApplication;
import dev.llmservice.testing.FakeVendor;
import dev.llmservice.testing.MutableEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One spend per candle through the REST API: the server's default consensus cache (until the next candle). */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"llm.state.poll-interval=0", "llm.policy.early-decision=false"})
@Import({FakeProviders.class, ConsensusCacheIntegrationTest.CacheOn.class})
class ConsensusCacheIntegrationTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class CacheOn {
        @Bean
        @Primary
        MutableEnvironment cachingVariables() {
            Map<String, String> variables = new HashMap<>(FakeProviders.VARIABLES);
            variables.remove("LLM_CONSENSUS_CACHE_TTL");
            return new MutableEnvironment(variables);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    FakeVendor vendor;

    @Test
    void aRepeatedRequestIsAnsweredWithTheFirstOnesResultMarkedCachedWithoutAskingTheProvidersAgain() {
        vendor.vote("alpha", "BUY", 0.8);
        vendor.vote("beta", "BUY", 0.7);
        Http http = new Http(port);
        String marketData = MarketDataJson.json("SOL/USDT", "5m", 60);

        JsonNode first = http.postJson("/api/v1/consensus", marketData, null).json();
        int calls = vendor.generations();
        JsonNode second = http.postJson("/api/v1/consensus", marketData, null).json();

        assertThat(vendor.generations()).isEqualTo(calls);
        assertThat(first.get("cached").asBoolean()).isFalse();
        assertThat(second.get("cached").asBoolean()).isTrue();
        assertThat(second.get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(second.get("decision").asText()).isEqualTo("BUY");
        JsonNode other = http.postJson("/api/v1/consensus", MarketDataJson.json("ETH/USDT", "5m", 60), null).json();
        assertThat(other.get("cached").asBoolean()).as("another pair").isFalse();
        assertThat(vendor.generations()).isEqualTo(2 * calls);
    }
}
