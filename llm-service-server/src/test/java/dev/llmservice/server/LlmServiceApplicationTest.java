package dev.llmservice.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.config.Environment;
import dev.llmservice.json.Json;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.testing.FakeProviderType;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application with one configured provider, fewer than a quorum: it starts, logs the provider
 * with its key masked, says so in health, and answers consensus with {@code no_quorum}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "llm.state.file=target/server-test-state.json")
@Import(LlmServiceApplicationTest.OneProvider.class)
@ExtendWith(OutputCaptureExtension.class)
class LlmServiceApplicationTest {

    static final String KEY = "sk-solo-DISTINCTIVE-kQvXzJwMhB";

    /** One fake provider type and an environment holding only its key: the developer's own keys never leak in. */
    @TestConfiguration(proxyBeanMethods = false)
    static class OneProvider {

        @Bean
        Environment providerVariables() {
            return Environment.of(Map.of("LLM_PROVIDERS", "solo", "SOLO_API_KEY", KEY, "LLM_JOURNAL_URL",
                    "jdbc:sqlite:target/application-test-journal.db"));
        }

        @Bean
        ProviderType solo() {
            return FakeProviderType.named("solo").replying("{\"decision\":\"BUY\",\"confidence\":0.8,\"reasoning\":\"up\"}");
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Response(int status, String contentType, String body) {
    }

    Response call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    @Autowired
    WebServerApplicationContext context;

    @Test
    void tomcatWorkersBeyondTheSpareOnesEndAfterTenSecondsWithoutWork() {
        TomcatWebServer tomcat = (TomcatWebServer) context.getWebServer();
        ThreadPoolExecutor workers = (ThreadPoolExecutor) tomcat.getTomcat().getConnector().getProtocolHandler()
                .getExecutor();

        assertThat(workers.getKeepAliveTime(TimeUnit.MILLISECONDS)).isEqualTo(10_000);
        assertThat(workers.getCorePoolSize()).as("spare threads, kept").isEqualTo(4);
    }

    @Test
    void logsOneLinePerProviderWithTheKeyMasked(CapturedOutput output) {
        assertThat(output.getAll()).contains("solo: enabled (default), type solo, model solo-model, key sk-s\u2026wMhB")
                .doesNotContain(KEY);
    }

    @Test
    void healthSaysThereAreTooFewProvidersForAQuorum() throws Exception {
        Response r = call("GET", "/actuator/health", null);

        assertThat(r.status()).isEqualTo(503);
        JsonNode llm = Json.mapper().readTree(r.body()).at("/components/llmProviders");
        assertThat(llm.get("status").asText()).isEqualTo("OUT_OF_SERVICE");
        assertThat(llm.at("/details/usable_providers").asInt()).isEqualTo(1);
        assertThat(llm.at("/details/providers/solo/state").asText()).isEqualTo("enabled");
        assertThat(r.body()).doesNotContain(KEY);
    }

    @Test
    void consensusAnswersNoQuorumNotAnError() throws Exception {
        Response r = call("POST", "/api/v1/consensus", marketData(60));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("\"decision\":\"HOLD\"", "\"status\":\"no_quorum\"", "\"provider\":\"solo\"");
        assertThat(call("GET", "/actuator/prometheus", null).body())
                .contains("llm_consensus_requests_seconds_count{decision=\"hold\",status=\"no_quorum\"}");
    }

    /** 4-hour candles with epoch dates, as many as asked. */
    static String marketData(int count) {
        StringBuilder sb = new StringBuilder("{\"pair\": \"ETH/USDT\", \"timeframe\": \"4h\", \"candles\": [");
        for (int i = 0; i < count; i++) {
            double close = 2000 + 20 * Math.sin(i / 5.0);
            sb.append(i == 0 ? "" : ",").append('[').append(1767225600000L + i * 14_400_000L).append(',')
                    .append(close - 1).append(',').append(close + 5).append(',').append(close - 6).append(',')
                    .append(close).append(",10]");
        }
        return sb.append("]}").toString();
    }

    @Test
    void servesPrometheusInfoAndTheOpenApiDocument() throws Exception {
        Response prometheus = call("GET", "/actuator/prometheus", null);
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("llm_providers_available 1.0", "jvm_memory_used_bytes");

        assertThat(call("GET", "/actuator/info", null).status()).isEqualTo(200);
        Response openapi = call("GET", "/openapi.yaml", null);
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).contains("openapi: 3.1.0", "/api/v1/consensus");
    }

    /**
     * Every operation of the REST API's and the OpenAI-compatible endpoint's controllers is in openapi.yaml, under its
     * path and method.
     */
    @Test
    void theOpenApiDocumentListsEveryOperationOfTheApi() throws Exception {
        Map<String, Object> document = new Yaml().load(call("GET", "/openapi.yaml", null).body());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> documented = (Map<String, Map<String, Object>>) document.get("paths");
        Set<String> operations = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (Set.of("dev.llmservice.spring.web", "dev.llmservice.spring.openai")
                    .contains(method.getBeanType().getPackageName())) {
                for (String path : info.getPathPatternsCondition().getPatternValues()) {
                    info.getMethodsCondition().getMethods()
                            .forEach(m -> operations.add(m.name().toLowerCase(Locale.ROOT) + " " + path));
                }
            }
        });

        assertThat(operations).contains("post /api/v1/providers/{name}/clear-override", "post /api/v1/consensus",
                "post /v1/chat/completions");
        for (String operation : operations) {
            String[] methodAndPath = operation.split(" ", 2);
            assertThat(documented.keySet()).as(operation).contains(methodAndPath[1]);
            assertThat(documented.get(methodAndPath[1]).keySet()).as(operation).contains(methodAndPath[0]);
        }
    }

    @Test
    void unknownPathsGetAProblemDocumentToo() throws Exception {
        Response r = call("GET", "/api/v1/nothing-here", null);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }
}
