package dev.llmservice.spring;

import dev.llmservice.spring.testapp.FakeProviders;
import dev.llmservice.spring.testapp.TestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** No admin token configured, an API token set: admin operations are refused, reads need the API token. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "llm.api.token=" + TokenRulesIntegrationTest.API,
                "llm.state.file=target/token-rules-state.json",
                "llm.state.poll-interval=0",
                "management.endpoints.web.exposure.include=health,llmproviders",
                "management.endpoint.health.show-components=always",
                "management.endpoint.health.show-details=when-authorized"})
@Import(FakeProviders.class)
class TokenRulesIntegrationTest {

    static final String API = "api-token-for-tests-0002";

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void withNoAdminTokenConfiguredAdminOperationsAre403WhateverIsSent() {
        List<String> paths = List.of("/api/v1/providers/alpha/disable", "/api/v1/providers/alpha/clear-override",
                "/api/v1/providers/reinit",
                "/api/v1/providers/health-check", "/actuator/llmproviders/alpha/disable");
        for (String path : paths) {
            for (String token : new String[] {null, API, "anything"}) {
                Http.Response r = http.post(path, token);
                assertThat(r.status()).as("%s with %s", path, token).isEqualTo(403);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.json().get("detail").asText()).contains("no LLM_ADMIN_TOKEN is configured");
            }
        }
        assertThat(http.get("/api/v1/providers/alpha", API).json().get("state").asText()).isEqualTo("enabled");
    }

    @Test
    void withAnApiTokenReadsAndConsensusNeedIt() {
        assertThat(http.get("/api/v1/providers").status()).isEqualTo(401);
        assertThat(http.get("/api/v1/providers", "wrong").status()).isEqualTo(401);
        assertThat(http.get("/actuator/llmproviders").status()).isEqualTo(401);
        Http.Response consensus = http.postJson("/api/v1/consensus", "{}", null);
        assertThat(consensus.status()).isEqualTo(401);
        assertThat(consensus.json().get("detail").asText()).contains("LLM_API_TOKEN");

        assertThat(http.get("/api/v1/providers", API).status()).isEqualTo(200);
        assertThat(http.get("/actuator/llmproviders", API).status()).isEqualTo(200);
        assertThat(http.postJson("/api/v1/consensus", "{}", API).status()).isEqualTo(400);
    }

    /** Spring's ProblemDetail, with the type spelled out and the keys in RFC 9457's order. */
    @Test
    void refusalsAreProblemDocumentsNamingTheRequestedPath() {
        Http.Response unauthorized = http.get("/api/v1/providers/alpha%20beta");
        Http.Response forbidden = http.post("/api/v1/providers/reinit", API);

        assertThat(unauthorized.contentType()).isEqualTo("application/problem+json;charset=UTF-8");
        assertThat(unauthorized.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"this operation needs Authorization: Bearer <LLM_API_TOKEN>\","
                + "\"instance\":\"/api/v1/providers/alpha%20beta\"}");
        assertThat(forbidden.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\"administrative operations are disabled: no LLM_ADMIN_TOKEN is configured\","
                + "\"instance\":\"/api/v1/providers/reinit\"}");
    }

    @Test
    void healthStaysOpenForProbesButShowsDetailsOnlyWithReadAccess() {
        Http.Response anonymous = http.get("/actuator/health");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().at("/components/llmProviders/status").asText()).isEqualTo("UP");
        assertThat(anonymous.json().at("/components/llmProviders/details").isMissingNode()).isTrue();
        assertThat(anonymous.json().at("/components/diskSpace/details").isMissingNode()).isTrue();
        assertThat(http.get("/actuator/health", "wrong").json().at("/components/llmProviders/details")
                .isMissingNode()).isTrue();

        Http.Response reader = http.get("/actuator/health", API);
        assertThat(reader.status()).isEqualTo(200);
        assertThat(reader.json().at("/components/llmProviders/details/providers/alpha/state").asText())
                .isEqualTo("enabled");
        assertThat(http.get("/actuator/health/llmProviders", API).json().at("/details/usable_providers").asInt())
                .isPositive();
    }
}
