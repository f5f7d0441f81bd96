package dev.llmservice.spring;

import dev.llmservice.config.Environment;
import dev.llmservice.config.ProviderConfigLoader;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.spring.consensus.ConsensusOutcome;
import dev.llmservice.spring.consensus.ConsensusService;
import dev.llmservice.spring.testapp.TestApplication;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.testing.FakeProviderType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;

/** An application that brings its own registry (filled by itself) and its own consensus service. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"llm.registry.initialize=false", "llm.state.poll-interval=0"})
@Import(ReplacedBeansIntegrationTest.OwnBeans.class)
class ReplacedBeansIntegrationTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class OwnBeans {

        static final ProviderRegistry OWN_REGISTRY = ProviderRegistry.create();

        @Bean
        ProviderRegistry ownRegistry() {
            FakeProviderType solo = FakeProviderType.named("solo");
            var loaded = ProviderConfigLoader.load(solo, Environment.of(Map.of("SOLO_API_KEY", "sk-solo-000000000000")));
            OWN_REGISTRY.replaceAll(List.of(
                    new ProviderEntry(solo, loaded, solo.create(loaded.config().orElseThrow()), null, null)));
            return OWN_REGISTRY;
        }

        @Bean
        ProviderFactory ownFactory() {
            return ProviderFactory.builder().types(List.of()).environment(Environment.of(Map.of()))
                    .overrides(OverrideStore.inMemory()).build();
        }

        @Bean
        ConsensusService ownConsensus() {
            return json -> {
                if (json.contains("interrupted")) {               // as the orchestrator reports a stop mid-wait
                    throw new CancellationException("interrupted while waiting for the providers");
                }
                return new ConsensusOutcome("buy", "decided", new OwnResult("BUY", "decided", 0.9));
            };
        }

        record OwnResult(String decision, String status, double confidence) {
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    ProviderRegistry registry;

    @Test
    void theApplicationsRegistryIsTheOneServedAndItIsNotReinitialised() {
        assertThat(registry).isSameAs(OwnBeans.OWN_REGISTRY);

        Http.Response r = new Http(port).get("/api/v1/providers");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/registry/total_providers").asInt()).isEqualTo(1);
        assertThat(r.json().at("/providers/0/name").asText()).isEqualTo("solo");
    }

    /** A consensus cut short by the server's stop is a 503 a client can retry, not an "unexpected" 500. */
    @Test
    void aConsensusCancelledByAStoppingServerIs503ProblemNot500() {
        Http.Response r = new Http(port).postJson("/api/v1/consensus", "{\"interrupted\": true}", null);

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("title").asText()).isEqualTo("Request cancelled");
        assertThat(r.json().get("detail").asText()).contains("shutting down", "retry");
    }

    @Test
    void theApplicationsConsensusServiceAnswersAndIsWrittenInSnakeCase() {
        Http.Response r = new Http(port).postJson("/api/v1/consensus", "{\"anything\": true}", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("decision").asText()).isEqualTo("BUY");
        assertThat(r.json().get("confidence").asDouble()).isEqualTo(0.9);
    }
}
