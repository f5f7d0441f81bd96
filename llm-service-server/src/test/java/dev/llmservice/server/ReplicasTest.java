package dev.llmservice.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.config.Environment;
import dev.llmservice.json.Json;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.redis.testing.TestRedis;
import dev.llmservice.testing.FakeProviderType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas of the server (two application contexts in one JVM) sharing overrides and circuits through a real
 * Redis ({@code LLM_STATE_URL}), each with its own fake vendors; and their probes while Redis goes away and comes back.
 */
class ReplicasTest {

    private static final String ADMIN = "admin-replicas-kQvXzJwMhB";
    private static final String BUY = "{\"decision\":\"BUY\",\"confidence\":0.8,\"reasoning\":\"up\"}";

    @TempDir
    Path tmp;

    private TestRedis redis;
    private final Map<String, ConfigurableApplicationContext> replicas = new HashMap<>();
    private final Map<String, FakeProviderType> flaky = new HashMap<>();
    private final Map<String, FakeProviderType> betas = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startRedis() {
        redis = TestRedis.start();
    }

    /** Starts web-1 and web-2 on the Redis, with {@code variables} (name, value, ...) besides the usual ones. */
    private void startReplicas(String... variables) {
        for (String id : List.of("web-1", "web-2")) {
            FakeProviderType alpha = FakeProviderType.named("alpha").failingWith(FailureKind.UNAVAILABLE);
            flaky.put(id, alpha);
            FakeProviderType beta = FakeProviderType.named("beta").replying(BUY);
            betas.put(id, beta);
            Map<String, String> variablesOfReplica = new HashMap<>(Map.of("LLM_PROVIDERS", "alpha,beta,gamma",
                    "ALPHA_API_KEY", "sk-alpha-kQvXzJwMhB", "BETA_API_KEY", "sk-beta-kQvXzJwMhB",
                    "GAMMA_API_KEY", "sk-gamma-kQvXzJwMhB", "ALPHA_MAX_RETRIES", "0",
                    "LLM_STATE_URL", redis.url(), "LLM_INSTANCE_ID", id, "LLM_ADMIN_TOKEN", ADMIN,
                    "LLM_JOURNAL", "off"));
            for (int i = 0; i < variables.length; i += 2) {
                variablesOfReplica.put(variables[i], variables[i + 1]);
            }
            Environment env = Environment.of(variablesOfReplica);
            List<ProviderType> types = List.of(alpha, beta, FakeProviderType.named("gamma").replying(BUY));
            replicas.put(id, new SpringApplicationBuilder(LlmServiceApplication.class)
                    .initializers(ctx -> {
                        ctx.getBeanFactory().registerSingleton("providerVariables", env);
                        for (ProviderType t : types) {
                            ctx.getBeanFactory().registerSingleton("type-" + t.name(), t);
                        }
                    })
                    .run("--server.port=0", "--spring.main.banner-mode=off",
                            "--llm.state.file=" + tmp.resolve(id + "-state.json")));
        }
    }

    @AfterEach
    void stop() {
        replicas.values().forEach(ConfigurableApplicationContext::close);
        redis.close();
    }

    record Response(int status, JsonNode body) {
    }

    private Response call(String replica, String method, String path, String body)
            throws IOException, InterruptedException {
        int port = ((WebServerApplicationContext) replicas.get(replica)).getWebServer().getPort();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body().isEmpty() ? null : Json.mapper().readTree(r.body()));
    }

    private JsonNode provider(String replica, String name) {
        try {
            return call(replica, "GET", "/api/v1/providers/" + name, null).body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private int status(String replica, String path) {
        try {
            return call(replica, "GET", path, null).status();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anOverrideMadeOnOneReplicaIsAppliedByTheOther() throws Exception {
        startReplicas();
        assertThat(call("web-1", "POST", "/api/v1/providers/beta/disable", null).status()).isEqualTo(200);

        TestRedis.await("web-2 applies the override",
                () -> "disabled".equals(provider("web-2", "beta").get("state").asText()));
        assertThat(provider("web-2", "beta").get("state_source").asText()).isEqualTo("override");
    }

    @Test
    void aCircuitOpenedOnOneReplicaIsSkippedOnTheOtherWithoutCallingTheVendor() throws Exception {
        // The same market data five times, each asking the vendors: the consensus cache is off.
        startReplicas("LLM_CONSENSUS_CACHE_TTL", "0");
        String marketData = LlmServiceApplicationTest.marketData(60);
        for (int i = 0; i < 5; i++) {
            assertThat(call("web-1", "POST", "/api/v1/consensus", marketData).status()).isEqualTo(200);
        }
        assertThat(flaky.get("web-1").generations()).isEqualTo(5);

        TestRedis.await("web-2 sees alpha's circuit open",
                () -> "open".equals(provider("web-2", "alpha").get("circuit").asText()));
        assertThat(provider("web-2", "alpha").get("circuit_message").asText()).contains("opened by web-1 at ");

        JsonNode result = call("web-2", "POST", "/api/v1/consensus", marketData).body();
        assertThat(result.get("decision").asText()).isEqualTo("BUY");
        JsonNode alphaVote = vote(result, "alpha");
        assertThat(alphaVote.get("status").asText()).isEqualTo("skipped");
        assertThat(alphaVote.toString()).contains("circuit_open");
        assertThat(flaky.get("web-2").generations()).isZero();
    }

    @Test
    void readinessIsDownWhileRedisIsUnreachableLivenessStaysUpAndConsensusGoesOn() throws Exception {
        startReplicas();
        assertThat(status("web-1", "/actuator/health/readiness")).isEqualTo(200);
        assertThat(status("web-1", "/actuator/health/liveness")).isEqualTo(200);

        redis.stop();

        TestRedis.await("readiness DOWN", () -> status("web-1", "/actuator/health/readiness") == 503);
        assertThat(status("web-1", "/actuator/health/liveness")).isEqualTo(200);
        Response readiness = call("web-1", "GET", "/actuator/health/readiness", null);
        assertThat(readiness.body().at("/components/sharedState/details/reason").asText()).startsWith("unreachable");
        assertThat(call("web-1", "POST", "/api/v1/consensus", LlmServiceApplicationTest.marketData(60)).status())
                .isEqualTo(200);

        redis.startAgain();

        TestRedis.await("readiness UP again", () -> status("web-1", "/actuator/health/readiness") == 200);
    }

    private static JsonNode vote(JsonNode result, String provider) {
        for (JsonNode vote : result.get("votes")) {
            if (provider.equals(vote.get("provider").asText())) {
                return vote;
            }
        }
        throw new AssertionError("no vote of " + provider + " in " + result);
    }

    @Test
    void aRateLimitIsKeptAcrossTheReplicas() throws Exception {
        startReplicas("BETA_RPM", "1");

        JsonNode onWeb1 = call("web-1", "POST", "/api/v1/consensus", LlmServiceApplicationTest.marketData(60)).body();
        JsonNode onWeb2 = call("web-2", "POST", "/api/v1/consensus", LlmServiceApplicationTest.marketData(59)).body();

        // One request a minute for beta across both: web-2 finds the minute's request taken by web-1, and its
        // deadline (30 s) ends before the next one.
        assertThat(vote(onWeb1, "beta").get("status").asText()).isEqualTo("ok");
        assertThat(vote(onWeb2, "beta").get("status").asText()).isEqualTo("skipped");
        assertThat(vote(onWeb2, "beta").toString()).contains("rate_limited_locally").contains("BETA_RPM=1");
        assertThat(betas.get("web-1").generations()).isEqualTo(1);
        assertThat(betas.get("web-2").generations()).isZero();
    }

    @Test
    void aDuplicateConsensusIsAnsweredOnceAcrossTheReplicas() throws Exception {
        startReplicas("LLM_CONSENSUS_CACHE_TTL", "60");
        String marketData = LlmServiceApplicationTest.marketData(60);

        JsonNode asked = call("web-1", "POST", "/api/v1/consensus", marketData).body();
        JsonNode again = call("web-2", "POST", "/api/v1/consensus", marketData).body();

        assertThat(asked.get("cached").asBoolean()).isFalse();
        assertThat(again.get("cached").asBoolean()).isTrue();
        assertThat(again.get("id").asText()).isEqualTo(asked.get("id").asText()).isNotEmpty();
        assertThat(betas.get("web-1").generations()).isEqualTo(1);
        assertThat(betas.get("web-2").generations()).isZero();
    }
}
