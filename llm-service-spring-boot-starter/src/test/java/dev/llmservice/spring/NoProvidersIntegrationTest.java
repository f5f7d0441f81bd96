package dev.llmservice.spring;

import dev.llmservice.config.Environment;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.spring.testapp.TestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** No provider variable set at all: the service runs and consensus is an answer, not an error. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"llm.state.file=target/no-providers-state.json", "llm.state.poll-interval=0",
                "management.endpoints.web.exposure.include=health,prometheus"})
@Import(NoProvidersIntegrationTest.NoVariables.class)
class NoProvidersIntegrationTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class NoVariables {
        @Bean
        Environment noProviderVariables() {
            // No provider; the journal only in this module's build directory, never the user's.
            return Environment.of(Map.of("LLM_JOURNAL_URL", "jdbc:sqlite:target/no-providers-journal.db"));
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    ProviderRegistry registry;

    @Test
    void consensusWithNoProviderConfiguredIs200WithHoldNot500() {
        assertThat(registry.enabled()).isEmpty();

        Http.Response r = new Http(port).postJson("/api/v1/consensus", MarketDataJson.valid(), null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("decision").asText()).isEqualTo("HOLD");
        assertThat(r.json().get("status").asText()).isEqualTo("no_quorum");
        assertThat(r.json().get("votes")).isEmpty();
        assertThat(r.json().at("/quorum/met").asBoolean()).isFalse();

        assertThat(new Http(port).get("/actuator/prometheus").body())
                .contains("llm_consensus_requests_seconds_count{decision=\"hold\",status=\""
                        + r.json().get("status").asText() + "\"}");
    }
}
