package dev.llmservice.spring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.spring.testapp.FakeProviders;
import dev.llmservice.spring.testapp.TestApplication;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.testing.FakeVendor;
import dev.llmservice.testing.MutableEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter in a real server on a random port, against fake providers: alpha and beta configured, gamma
 * without a key, delta misconfigured. Every test leaves the registry as it found it.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "llm.admin.token=" + LlmServiceIntegrationTest.ADMIN,
                "llm.state.poll-interval=100ms",
                "management.endpoints.web.exposure.include=health,llmproviders,prometheus",
                "management.endpoint.health.show-details=always"})
@Import(FakeProviders.class)
class LlmServiceIntegrationTest {

    static final String ADMIN = "admin-token-for-tests-0001";
    static final Path STATE_FILE;

    static {
        try {
            STATE_FILE = Files.createTempDirectory("llm-state").resolve("state.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String VALID_MARKET_DATA = MarketDataJson.valid();

    @DynamicPropertySource
    static void stateFile(DynamicPropertyRegistry registry) {
        registry.add("llm.state.file", STATE_FILE::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    FakeVendor vendor;
    @Autowired
    MutableEnvironment variables;
    @Autowired
    ProviderFactory factory;
    @Autowired
    ProviderRegistry registry;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @AfterEach
    void restore() {
        vendor.reset();
        variables.reset();
        for (String name : registry.names()) {
            factory.clearOverride(registry, name);
        }
        factory.reinitialize(registry);
    }

    // --- start-up and status -------------------------------------------------------------------------------

    @Test
    void registersEveryProviderTypeAtStartUpWithTheDocumentedStatusShape() {
        Http.Response r = http.get("/api/v1/providers");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode json = r.json();
        assertThat(json.at("/registry/total_providers").asInt()).isEqualTo(4);
        assertThat(json.at("/registry/available_providers").asInt()).isEqualTo(2);
        assertThat(json.at("/providers/0/name").asText()).isEqualTo("alpha");
        assertThat(json.at("/providers/0/state").asText()).isEqualTo("enabled");
        assertThat(json.at("/providers/0/state_source").asText()).isEqualTo("default");
        assertThat(json.at("/providers/0/model").asText()).isEqualTo("alpha-large");
        assertThat(json.at("/providers/0/api_key").asText()).isEqualTo("sk-a\u2026cdef");
        assertThat(json.at("/providers/2/state").asText()).isEqualTo("not_configured");
        assertThat(json.at("/providers/3/state").asText()).isEqualTo("misconfigured");
        assertThat(json.at("/providers/3/problems/0").asText()).contains("DELTA_WEIGHT", "'7'", "0.0 to 1.0");
    }

    @Test
    void oneProviderByNameAndUnknownNameIs404Problem() {
        Http.Response beta = http.get("/api/v1/providers/BETA");
        assertThat(beta.status()).isEqualTo(200);
        assertThat(beta.json().get("name").asText()).isEqualTo("beta");
        assertThat(beta.json().get("base_url").asText()).isEqualTo("http://127.0.0.1:9/beta");

        Http.Response unknown = http.get("/api/v1/providers/nope");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("title").asText()).isEqualTo("Unknown provider");
        assertThat(unknown.json().get("detail").asText()).contains("'nope'", "alpha, beta, gamma, delta");
        assertThat(unknown.json().get("status").asInt()).isEqualTo(404);
    }

    @Test
    void providerTypesListsEveryTypeWithItsDefaultsAndEveryVariableAsTheCliListDoes() {
        Http.Response r = http.get("/api/v1/provider-types");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode json = r.json();
        assertThat(json.get("provider_types")).extracting(t -> t.get("name").asText())
                .containsExactly("alpha", "beta", "gamma", "delta");
        assertThat(json.at("/provider_types/1/default_model").asText()).isEqualTo("beta-model");
        assertThat(json.at("/provider_types/1/required_variables/0").asText()).isEqualTo("{PROVIDER}_API_KEY");
        assertThat(json.at("/provider_types/1/default_base_url").asText()).isEqualTo("http://127.0.0.1:9/beta");
        assertThat(json.get("variables")).extracting(v -> v.get("name").asText())
                .contains("{PROVIDER}_TYPE", "{PROVIDER}_API_KEY", "{PROVIDER}_WEIGHT", "LLM_PROVIDERS", "LLM_STATE_FILE");
        assertThat(r.body()).doesNotContain(FakeProviders.ALPHA_KEY, "sk-");
    }

    // --- admin operations -----------------------------------------------------------------------------------

    @Test
    void disableAndEnableTakeEffectAtOnceAndPersistInTheStateFile() throws IOException {
        Http.Response disabled = http.post("/api/v1/providers/beta/disable", ADMIN);
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("action").asText()).isEqualTo("disable");
        assertThat(disabled.json().at("/provider/state").asText()).isEqualTo("disabled");
        assertThat(disabled.json().at("/provider/state_source").asText()).isEqualTo("override");
        assertThat(http.get("/api/v1/providers").json().at("/registry/available_providers").asInt()).isEqualTo(1);
        assertThat(OverrideStore.file(STATE_FILE).load()).containsEntry("beta", false);
        assertThat(Files.readString(STATE_FILE)).contains("\"beta\"", "\"enabled\" : false");

        Http.Response enabled = http.post("/api/v1/providers/beta/enable", ADMIN);
        assertThat(enabled.json().at("/provider/state").asText()).isEqualTo("enabled");
        assertThat(OverrideStore.file(STATE_FILE).load()).containsEntry("beta", true);
    }

    @Test
    void clearOverrideHandsTheDecisionBackToTheEnvironmentNowAndInTheStateFile() {
        http.post("/api/v1/providers/beta/disable", ADMIN);
        assertThat(OverrideStore.file(STATE_FILE).load()).containsEntry("beta", false);

        Http.Response cleared = http.post("/api/v1/providers/beta/clear-override", ADMIN);

        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().at("/provider/name").asText()).isEqualTo("beta");
        assertThat(cleared.json().at("/provider/state").asText()).isEqualTo("enabled");
        assertThat(cleared.json().at("/provider/state_source").asText()).isEqualTo("default");
        assertThat(cleared.json().get("previous_override").asBoolean()).isFalse();
        assertThat(registry.get("beta").available()).isTrue();
        assertThat(OverrideStore.file(STATE_FILE).load()).doesNotContainKey("beta");
        assertThat(http.post("/api/v1/providers/beta/clear-override", ADMIN).status()).isEqualTo(200);
    }

    @Test
    void clearOverrideWorksForAProviderWithoutKeyAndAnUnknownOneIs404() {
        OverrideStore.file(STATE_FILE).set("gamma", true);
        factory.reinitialize(registry);
        assertThat(registry.get("gamma").override()).isTrue();

        Http.Response gamma = http.post("/api/v1/providers/GAMMA/clear-override", ADMIN);
        Http.Response unknown = http.post("/api/v1/providers/nope/clear-override", ADMIN);

        assertThat(gamma.status()).isEqualTo(200);
        assertThat(gamma.json().at("/provider/state").asText()).isEqualTo("not_configured");
        assertThat(registry.get("gamma").override()).isNull();
        assertThat(OverrideStore.file(STATE_FILE).load()).doesNotContainKey("gamma");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("detail").asText()).contains("'nope'");
    }

    @Test
    void everyAdminOperationWithoutOrWithAWrongTokenIs401AndChangesNothing() {
        List<String> paths = List.of("/api/v1/providers/alpha/enable", "/api/v1/providers/alpha/disable",
                "/api/v1/providers/alpha/clear-override", "/api/v1/providers/alpha/test", "/api/v1/providers/alpha/health-check",
                "/api/v1/providers/health-check", "/api/v1/providers/reinit",
                "/actuator/llmproviders/alpha/disable", "/actuator/llmproviders/reinit");
        int checks = vendor.healthChecks();
        int generations = vendor.generations();
        for (String path : paths) {
            for (String token : new String[] {null, "wrong-token", ADMIN + "x", ""}) {
                Http.Response r = http.post(path, token);
                assertThat(r.status()).as("%s with token %s", path, token).isEqualTo(401);
                assertThat(r.wwwAuthenticate()).startsWith("Bearer");
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.json().get("detail").asText()).contains("LLM_ADMIN_TOKEN");
            }
        }
        assertThat(registry.get("alpha").available()).isTrue();
        assertThat(vendor.healthChecks()).isEqualTo(checks);
        assertThat(vendor.generations()).isEqualTo(generations);
    }

    /**
     * A browser asks before a cross-origin POST with {@code Authorization}, without the token. With no origin
     * allowed (the default) the preflight gets no CORS headers, so the browser refuses; it is not a 401.
     */
    @Test
    void aCorsPreflightWithNoOriginAllowedGetsNoCorsHeadersRatherThanA401() {
        for (String path : List.of("/api/v1/consensus", "/api/v1/providers/alpha/disable", "/api/v1/providers")) {
            Http.Response r = http.send("OPTIONS", path, null, null, Map.of("Origin", "https://app.example.com",
                    "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization"));
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.header("Access-Control-Allow-Origin")).as(path).isNull();
            assertThat(r.wwwAuthenticate()).as(path).isNull();
        }
        assertThat(registry.get("alpha").available()).isTrue();
    }

    /** As the CLI's --enable: the override is kept for when the key is set, and the report says why it waits. */
    @Test
    void enablingAProviderWithoutKeyStoresTheOverrideAndWarnsNamingTheVariable() {
        Http.Response r = http.post("/api/v1/providers/gamma/enable", ADMIN);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("warning").asText()).contains("GAMMA_API_KEY is not set");
        assertThat(r.json().at("/provider/available").asBoolean()).isFalse();
        assertThat(OverrideStore.file(STATE_FILE).load()).containsEntry("gamma", true);
    }

    @Test
    void testingAMisconfiguredProviderSendsNothingAndNamesTheBadValue() {
        int generations = vendor.generations();

        Http.Response misconfigured = http.post("/api/v1/providers/delta/test", ADMIN);

        assertThat(misconfigured.status()).isEqualTo(200);
        assertThat(misconfigured.json().get("ok").asBoolean()).isFalse();
        assertThat(misconfigured.json().at("/error/reason").asText()).isEqualTo("misconfigured");
        assertThat(misconfigured.json().at("/error/message").asText()).contains("DELTA_WEIGHT was '7'");
        assertThat(vendor.generations()).isEqualTo(generations);
    }

    @Test
    void testRunsARealGenerationAndReportsAVendorFailureAsAResult() {
        Http.Response ok = http.post("/api/v1/providers/alpha/test", ADMIN);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("ok").asBoolean()).isTrue();
        assertThat(ok.json().get("reply").asText()).isEqualTo("OK from alpha");
        assertThat(ok.json().at("/usage/input_tokens").asInt()).isEqualTo(11);
        assertThat(ok.json().get("finish_reason").asText()).isEqualTo("stop");

        vendor.failGeneration("beta", FailureKind.RATE_LIMITED, "429 too many requests");
        Http.Response failed = http.post("/api/v1/providers/beta/test", ADMIN);
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.json().get("ok").asBoolean()).isFalse();
        assertThat(failed.json().at("/error/reason").asText()).isEqualTo("rate_limited");
        assertThat(failed.json().at("/error/message").asText()).isEqualTo("429 too many requests");
    }

    @Test
    void healthCheckChecksEveryEnabledProviderAndRecordsTheResults() {
        vendor.unhealthy("beta", FailureKind.AUTHENTICATION, "401 invalid key");

        Http.Response r = http.post("/api/v1/providers/health-check", ADMIN);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("checked").asInt()).isEqualTo(2);
        assertThat(r.json().get("healthy").asInt()).isEqualTo(1);
        assertThat(r.json().get("ok").asBoolean()).isFalse();
        assertThat(r.json().at("/results/0/name").asText()).isEqualTo("alpha");
        assertThat(r.json().at("/results/0/latency_ms").isNumber()).isTrue();
        assertThat(r.json().at("/results/1/name").asText()).isEqualTo("beta");
        assertThat(r.json().at("/results/1/reason").asText()).isEqualTo("authentication");
        JsonNode beta = http.get("/api/v1/providers/beta").json();
        assertThat(beta.at("/health/healthy").asBoolean()).isFalse();
        assertThat(beta.at("/health/checked_at").asText()).endsWith("Z");
    }

    @Test
    void oneProviderCanBeCheckedEnabledOrNotButOnlyWhenConfigured() {
        http.post("/api/v1/providers/beta/disable", ADMIN);

        Http.Response r = http.post("/api/v1/providers/beta/health-check", ADMIN);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("healthy").asBoolean()).isTrue();
        assertThat(r.json().get("latency_ms").asLong()).isEqualTo(3);
        assertThat(http.post("/api/v1/providers/gamma/health-check", ADMIN).status()).isEqualTo(409);
    }

    @Test
    void reinitRereadsTheEnvironmentAndKeepsOverrides() {
        http.post("/api/v1/providers/alpha/disable", ADMIN);
        variables.set("GAMMA_API_KEY", "sk-gamma-added-later-kQvXzJwMhB");

        Http.Response r = http.post("/api/v1/providers/reinit", ADMIN);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/providers/2/state").asText()).isEqualTo("enabled");
        assertThat(r.json().at("/providers/0/state").asText()).isEqualTo("disabled");
        assertThat(r.json().at("/registry/available_providers").asInt()).isEqualTo(2);
    }

    @Test
    void aSecondProviderOfOneTypeAndTheProblemsOfLlmProvidersShowAfterAReinit() {
        variables.set("LLM_PROVIDERS", "alpha,alpha-eu,beta,beta");
        variables.set("ALPHA_EU_TYPE", "alpha");
        variables.set("ALPHA_EU_API_KEY", "sk-alpha-eu-kQvXzJwMhBnRcdef");
        variables.set("ALPHA_EU_MODEL", "alpha-eu-large");

        Http.Response reinit = http.post("/api/v1/providers/reinit", ADMIN);
        JsonNode status = http.get("/api/v1/providers").json();
        Http.Response one = http.get("/api/v1/providers/ALPHA-EU");

        assertThat(reinit.status()).isEqualTo(200);
        assertThat(status.get("providers")).extracting(p -> p.get("name").asText() + ":" + p.get("type").asText())
                .containsExactly("alpha:alpha", "alpha-eu:alpha", "beta:beta");
        assertThat(status.get("problems")).singleElement().extracting(JsonNode::asText).asString()
                .startsWith("LLM_PROVIDERS was 'alpha,alpha-eu,beta,beta' but it must be")
                .endsWith("'beta' is listed twice, the repeat is ignored");
        assertThat(reinit.json().get("problems")).isEqualTo(status.get("problems"));
        assertThat(one.json().get("model").asText()).isEqualTo("alpha-eu-large");
        assertThat(one.json().get("api_key").asText()).isEqualTo("sk-a\u2026cdef");
        assertThat(status.at("/registry/available_providers").asInt()).isEqualTo(3);
    }

    // --- consensus ------------------------------------------------------------------------------------------

    @Test
    void aDecidedConsensusOverTheFakeProvidersListsEveryVote() {
        vendor.vote("alpha", "BUY", 0.8);
        vendor.vote("beta", "BUY", 0.6);

        Http.Response r = http.postJson("/api/v1/consensus", VALID_MARKET_DATA, null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body.get("decision").asText()).isEqualTo("BUY");
        assertThat(body.get("status").asText()).isEqualTo("decided");
        assertThat(body.get("pair").asText()).isEqualTo("BTC/USDT");
        assertThat(body.get("timeframe").asText()).isEqualTo("5m");
        assertThat(body.at("/quorum/met").asBoolean()).isTrue();
        List<String> voters = new ArrayList<>();
        body.get("votes").forEach(v -> voters.add(v.get("provider").asText()));
        assertThat(voters).containsExactly("alpha", "beta");
        assertThat(body.at("/votes/0/status").asText()).isEqualTo("ok");
        assertThat(body.at("/votes/0/decision").asText()).isEqualTo("BUY");
        assertThat(body.at("/votes/0/confidence").asDouble()).isEqualTo(0.8);
        assertThat(body.at("/votes/0/reasoning").asText()).isEqualTo("alpha thinks BUY");
        assertThat(body.at("/votes/1/model").asText()).isEqualTo("beta-model");
    }

    /** The body is exactly core's documented {@code ConsensusJson} document: same keys, same order. */
    @Test
    void theResultIsWrittenInConsensusJsonShape() {
        vendor.vote("alpha", "SELL", 0.9);
        vendor.failGeneration("beta", FailureKind.RATE_LIMITED, "slow down");

        JsonNode body = http.postJson("/api/v1/consensus", VALID_MARKET_DATA, null).json();

        List<String> keys = new ArrayList<>();
        body.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("pair", "timeframe", "last_candle", "valid_until", "decision", "status",
                "confidence", "agreement", "scores", "margin", "quorum", "votes", "dissent", "early_stopped",
                "confidence_range", "latency_ms", "policy_version", "cost_usd", "id", "created_at",
                "cached");
        assertThat(body.get("last_candle").asText()).isEqualTo("2026-01-01T04:55:00Z");
        assertThat(body.get("policy_version").asText()).isEqualTo("1");
        assertThat(body.at("/votes/1/status").asText()).isEqualTo("error");
        assertThat(body.at("/votes/1/error/kind").asText()).isEqualTo("rate_limited");
        assertThat(body.at("/votes/1/decision").isNull()).isTrue();
    }

    @Test
    void aFailedProviderIsListedAsAVoteButLeavesNoQuorum() {
        vendor.vote("alpha", "BUY", 0.8);
        vendor.failGeneration("beta", FailureKind.TIMEOUT, "no answer");

        Http.Response r = http.postJson("/api/v1/consensus", VALID_MARKET_DATA, null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("no_quorum");
        assertThat(r.json().get("decision").asText()).isEqualTo("HOLD");
        assertThat(r.json().get("votes")).hasSize(2);
    }

    @Test
    void invalidMarketDataIs400NamingEachInvalidField() {
        int generations = vendor.generations();
        String badCandle = "{\"date\":\"2026-01-01T00:00:00Z\",\"open\":1,\"high\":1,\"low\":2,\"close\":1,"
                + "\"volume\":-1}";
        Http.Response r = http.postJson("/api/v1/consensus",
                MarketDataJson.json("BTC/USDT", "7m", 60).replaceFirst("\\{\"date\":[^}]*}", badCandle), null);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode errors = r.json().get("errors");
        List<String> fields = new ArrayList<>();
        errors.forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("timeframe", "candles[0].high", "candles[0].volume");
        JsonNode timeframe = errors.get(fields.indexOf("timeframe"));
        assertThat(timeframe.get("value").asText()).isEqualTo("7m");
        assertThat(timeframe.get("message").asText()).contains("1h");
        assertThat(r.json().get("detail").asText()).contains("timeframe", "candles[0].high");
        assertThat(vendor.generations()).isEqualTo(generations);
    }

    @Test
    void tooFewCandlesAndABadPairAre400() {
        Http.Response r = http.postJson("/api/v1/consensus", MarketDataJson.json("btc-usdt", "1h", 3), null);

        assertThat(r.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("pair", "candles");
    }

    @Test
    void malformedOrMissingBodyIs400() {
        Http.Response notJson = http.postJson("/api/v1/consensus", "{\"pair\": ", null);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().at("/errors/0/field").asText()).isEqualTo("body");

        Http.Response missing = http.postJson("/api/v1/consensus", "", null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    @Test
    void consensusWithFewerProvidersThanAQuorumAnswersNoQuorumNot500() {
        vendor.vote("alpha", "BUY", 0.8);
        http.post("/api/v1/providers/beta/disable", ADMIN);

        Http.Response r = http.postJson("/api/v1/consensus", VALID_MARKET_DATA, null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("decision").asText()).isEqualTo("HOLD");
        assertThat(r.json().get("status").asText()).isEqualTo("no_quorum");
        assertThat(r.json().at("/quorum/met").asBoolean()).isFalse();
        assertThat(r.json().get("pair").asText()).isEqualTo("BTC/USDT");
        assertThat(r.json().get("votes")).hasSize(1);
    }

    // --- Actuator -------------------------------------------------------------------------------------------

    @Test
    void healthIsUpWithTwoUsableProvidersAndShowsEachProvider() {
        Http.Response r = http.get("/actuator/health");

        assertThat(r.status()).isEqualTo(200);
        JsonNode llm = r.json().at("/components/llmProviders");
        assertThat(llm.get("status").asText()).isEqualTo("UP");
        assertThat(llm.at("/details/usable_providers").asInt()).isEqualTo(2);
        assertThat(llm.at("/details/required").asInt()).isEqualTo(2);
        assertThat(llm.at("/details/providers/alpha/state").asText()).isEqualTo("enabled");
        assertThat(llm.at("/details/providers/gamma/state").asText()).isEqualTo("not_configured");
        assertThat(llm.at("/details/providers/alpha/last_check").isNull()).isTrue();
    }

    @Test
    void healthUsesTheLastKnownChecksAndCallsNoVendor() {
        vendor.unhealthy("beta", FailureKind.AUTHENTICATION, "401");
        http.post("/api/v1/providers/health-check", ADMIN);
        int checks = vendor.healthChecks();

        Http.Response r = http.get("/actuator/health");

        assertThat(vendor.healthChecks()).isEqualTo(checks);
        assertThat(r.status()).isEqualTo(503);
        JsonNode llm = r.json().at("/components/llmProviders");
        assertThat(llm.get("status").asText()).isEqualTo("OUT_OF_SERVICE");
        assertThat(llm.at("/details/providers/beta/healthy").asBoolean()).isFalse();
        assertThat(llm.at("/details/providers/beta/reason").asText()).isEqualTo("authentication");
        assertThat(llm.at("/details/providers/alpha/latency_ms").asLong()).isEqualTo(3);
    }

    @Test
    void healthIsDownWithNoUsableProvider() {
        http.post("/api/v1/providers/alpha/disable", ADMIN);
        http.post("/api/v1/providers/beta/disable", ADMIN);

        JsonNode llm = http.get("/actuator/health").json().at("/components/llmProviders");

        assertThat(llm.get("status").asText()).isEqualTo("DOWN");
        assertThat(llm.at("/details/available_providers").asInt()).isZero();
    }

    @Test
    void actuatorEndpointReadsTheStatusSummaryInSnakeCase() {
        Http.Response all = http.get("/actuator/llmproviders");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().at("/registry/total_providers").asInt()).isEqualTo(4);
        assertThat(all.json().at("/providers/0/state_source").asText()).isEqualTo("default");

        assertThat(http.get("/actuator/llmproviders/beta").json().get("api_key").asText()).isEqualTo("sk-b\u20263210");
        assertThat(http.get("/actuator/llmproviders/nope").status()).isEqualTo(404);
    }

    /** Actuator write operations take a JSON body (here empty), as all of Actuator's do. */
    @Test
    void actuatorWriteOperationsNeedTheAdminToken() {
        assertThat(http.postJson("/actuator/llmproviders/beta/disable", "{}", null).status()).isEqualTo(401);
        assertThat(registry.get("beta").available()).isTrue();

        Http.Response r = http.postJson("/actuator/llmproviders/beta/disable", "{}", ADMIN);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/provider/state").asText()).isEqualTo("disabled");
        assertThat(registry.get("beta").available()).isFalse();

        assertThat(http.postJson("/actuator/llmproviders/health-check", "{}", ADMIN).json().get("checked").asInt())
                .isEqualTo(1);
        assertThat(http.postJson("/actuator/llmproviders/beta/clear-override", "{}", null).status()).isEqualTo(401);
        assertThat(registry.get("beta").override()).isFalse();
        Http.Response cleared = http.postJson("/actuator/llmproviders/beta/clear-override", "{}", ADMIN);
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().at("/provider/state_source").asText()).isEqualTo("default");
        assertThat(registry.get("beta").available()).isTrue();
        assertThat(http.postJson("/actuator/llmproviders/nope/enable", "{}", ADMIN).status()).isEqualTo(404);
        assertThat(http.postJson("/actuator/llmproviders/alpha/explode", "{}", ADMIN).status()).isEqualTo(400);
    }

    // --- metrics --------------------------------------------------------------------------------------------

    @Test
    void prometheusShowsTheProviderTimerAndTokensAfterACall() {
        http.post("/api/v1/providers/alpha/test", ADMIN);
        vendor.failGeneration("beta", FailureKind.TIMEOUT, "no answer");
        http.post("/api/v1/providers/beta/test", ADMIN);
        http.postJson("/api/v1/consensus", "{}", null);
        vendor.reset();
        vendor.vote("alpha", "SELL", 0.9);
        vendor.vote("beta", "SELL", 0.7);
        assertThat(http.postJson("/api/v1/consensus", VALID_MARKET_DATA, null).status()).isEqualTo(200);

        Http.Response r = http.get("/actuator/prometheus");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body())
                .contains("llm_provider_requests_seconds_count{model=\"alpha-large\",outcome=\"success\",provider=\"alpha\","
                        + "type=\"alpha\"}")
                .contains("llm_provider_requests_seconds_count{model=\"beta-model\",outcome=\"timeout\",provider=\"beta\","
                        + "type=\"beta\"}")
                .contains("llm_provider_tokens_total{model=\"alpha-large\",provider=\"alpha\",token_type=\"input\","
                        + "type=\"alpha\"}")
                .contains("llm_consensus_requests_seconds_count{decision=\"none\",status=\"invalid_input\"}")
                .contains("llm_consensus_requests_seconds_count{decision=\"sell\",status=\"decided\"}")
                .contains("llm_providers_available");
    }

    // --- the state file shared with the CLI -----------------------------------------------------------------

    @Test
    void aChangeToTheStateFileOnDiskIsAppliedWithoutARequest() {
        OverrideStore cli = OverrideStore.file(STATE_FILE);

        cli.set("alpha", false);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(http.get("/api/v1/providers/alpha").json().get("state").asText())
                        .isEqualTo("disabled"));

        cli.set("alpha", null);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(http.get("/api/v1/providers/alpha").json().get("state").asText())
                        .isEqualTo("enabled"));
    }

    // --- a state file that cannot be read or written ---------------------------------------------------------

    @Test
    void aDamagedStateFileKeepsTheOverridesInEffectAndIsShownInStatusAndHealth() throws IOException {
        http.post("/api/v1/providers/beta/disable", ADMIN);
        try {
            Files.writeString(STATE_FILE, "{");
            String problem = "not valid JSON (Unexpected end-of-input: expected close marker for Object at line 1, "
                    + "column 2)";
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                    .untilAsserted(() -> assertThat(http.get("/api/v1/providers").json().path("state_file_problem")
                            .asText()).isEqualTo(problem));

            JsonNode status = http.get("/api/v1/providers").json();
            assertThat(status.get("state_file").asText()).isEqualTo(STATE_FILE.toString());
            assertThat(status.at("/providers/1/state").asText()).isEqualTo("disabled");
            assertThat(status.at("/providers/1/state_source").asText()).isEqualTo("override");
            JsonNode health = http.get("/actuator/health").json().at("/components/llmProviders/details");
            assertThat(health.get("state_file").asText()).isEqualTo(STATE_FILE.toString());
            assertThat(health.get("state_file_problem").asText()).isEqualTo(problem);
            assertThat(http.get("/actuator/llmproviders").json().get("state_file_problem").asText()).isEqualTo(problem);
            assertThat(http.post("/api/v1/providers/reinit", ADMIN).json().at("/providers/1/state").asText())
                    .isEqualTo("disabled");
        } finally {
            Files.writeString(STATE_FILE, "{}");
        }
    }

    @Test
    void anOverrideOnADamagedStateFileIs409NamingItAndForceReplacesItKeepingACopy() throws IOException {
        Path backup = STATE_FILE.resolveSibling("state.json.bak");
        Files.writeString(STATE_FILE, "[1]");
        try {
            Http.Response refused = http.post("/api/v1/providers/beta/disable", ADMIN);

            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("title").asText()).isEqualTo("State file damaged");
            assertThat(refused.json().get("detail").asText()).isEqualTo("state file " + STATE_FILE + ": not a JSON "
                    + "object but [1]; expected an object like {\"version\": 1, \"overrides\": {\"grok\": {\"enabled\": "
                    + "false}}}; not overwritten, so that the overrides in it are not lost; fix or remove it, or repeat "
                    + "the request with ?force=true (llm-providers --force) to replace it (its content is then kept in "
                    + backup + ")");
            assertThat(refused.json().get("state_file").asText()).isEqualTo(STATE_FILE.toString());
            assertThat(Files.readString(STATE_FILE)).isEqualTo("[1]");
            assertThat(registry.get("beta").available()).isTrue();
            Http.Response actuator = http.postJson("/actuator/llmproviders/beta/disable", "{}", ADMIN);
            assertThat(actuator.status()).isEqualTo(409);
            assertThat(actuator.json().get("error").asText()).startsWith("state file " + STATE_FILE + ": not a JSON");

            Http.Response forced = http.post("/api/v1/providers/beta/disable?force=true", ADMIN);

            assertThat(forced.status()).isEqualTo(200);
            assertThat(forced.json().at("/provider/state").asText()).isEqualTo("disabled");
            assertThat(Files.readString(backup)).isEqualTo("[1]");
            assertThat(OverrideStore.file(STATE_FILE).load()).containsOnlyKeys("beta").containsEntry("beta", false);

            Files.writeString(STATE_FILE, "");
            Http.Response forcedByActuator = http.postJson("/actuator/llmproviders/beta/enable", "{\"force\": true}",
                    ADMIN);
            assertThat(forcedByActuator.status()).isEqualTo(200);
            assertThat(OverrideStore.file(STATE_FILE).load()).containsOnlyKeys("beta").containsEntry("beta", true);
            assertThat(Files.readString(backup)).isEmpty();
        } finally {
            Files.deleteIfExists(backup);
        }
    }

    @Test
    void aDirectoryWhereTheStateFileShouldBeIsA500ProblemNamingItAndLeavesNoDebris() throws IOException {
        Files.deleteIfExists(STATE_FILE);
        Files.createDirectory(STATE_FILE);
        try {
            Http.Response r = http.post("/api/v1/providers/beta/disable", ADMIN);

            assertThat(r.status()).isEqualTo(500);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("title").asText()).isEqualTo("State file unusable");
            assertThat(r.json().get("detail").asText()).isEqualTo("state file " + STATE_FILE
                    + ": a directory, not a file; nothing was changed");
            assertThat(r.json().get("state_file").asText()).isEqualTo(STATE_FILE.toString());
            assertThat(registry.get("beta").available()).isTrue();
            try (var files = Files.list(STATE_FILE.getParent())) {
                assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
            assertThat(STATE_FILE).isEmptyDirectory();
        } finally {
            Files.delete(STATE_FILE);
        }
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aReadOnlyStateFileIs409AndStaysAsItWas() throws IOException {
        http.post("/api/v1/providers/alpha/disable", ADMIN);
        String before = Files.readString(STATE_FILE);
        Set<PosixFilePermission> readOnly = PosixFilePermissions.fromString("r--r--r--");
        Files.setPosixFilePermissions(STATE_FILE, readOnly);
        try {
            Http.Response r = http.post("/api/v1/providers/beta/disable?force=true", ADMIN);

            assertThat(r.status()).isEqualTo(409);
            assertThat(r.json().get("title").asText()).isEqualTo("State file read-only");
            assertThat(r.json().get("detail").asText()).isEqualTo("state file " + STATE_FILE + ": read-only (no write "
                    + "permission); not changed; make it writable (chmod u+w) to change overrides");
            assertThat(Files.readString(STATE_FILE)).isEqualTo(before);
            assertThat(Files.getPosixFilePermissions(STATE_FILE)).isEqualTo(readOnly);
            assertThat(registry.get("beta").available()).isTrue();
        } finally {
            Files.setPosixFilePermissions(STATE_FILE, PosixFilePermissions.fromString("rw-------"));
        }
    }

    // --- secrets --------------------------------------------------------------------------------------------

    @Test
    void noResponseEverContainsAnApiKey() {
        vendor.failGeneration("alpha", FailureKind.AUTHENTICATION, "key " + FakeProviders.ALPHA_KEY + " rejected");
        vendor.unhealthy("beta", FailureKind.AUTHENTICATION, "key " + FakeProviders.BETA_KEY + " rejected");
        List<Http.Response> responses = List.of(
                http.get("/api/v1/providers"),
                http.get("/api/v1/providers/alpha"),
                http.get("/api/v1/providers/delta"),
                http.post("/api/v1/providers/alpha/test", ADMIN),
                http.post("/api/v1/providers/beta/health-check", ADMIN),
                http.post("/api/v1/providers/health-check", ADMIN),
                http.post("/api/v1/providers/delta/enable", ADMIN),
                http.post("/api/v1/providers/reinit", ADMIN),
                http.postJson("/api/v1/consensus", VALID_MARKET_DATA, null),
                http.get("/actuator/health"),
                http.get("/actuator/llmproviders"),
                http.get("/actuator/prometheus"));
        for (Http.Response r : responses) {
            assertThat(r.body()).doesNotContain(FakeProviders.ALPHA_KEY, FakeProviders.BETA_KEY, FakeProviders.DELTA_KEY,
                    "DISTINCTIVE");
        }
        assertThat(responses.get(3).json().at("/error/message").asText()).isEqualTo("key sk-a\u2026cdef rejected");
    }
}
