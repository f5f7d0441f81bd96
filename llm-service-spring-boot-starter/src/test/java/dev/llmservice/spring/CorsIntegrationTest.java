package dev.llmservice.spring;

import dev.llmservice.spring.testapp.FakeProviders;
import dev.llmservice.spring.testapp.TestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One browser origin allowed ({@code LLM_CORS_ORIGINS}), and both tokens set, as a web front end would need. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "llm.cors.origins=" + CorsIntegrationTest.ALLOWED,
                "llm.admin.token=" + CorsIntegrationTest.ADMIN,
                "llm.api.token=" + CorsIntegrationTest.API,
                "llm.state.file=target/cors-state.json",
                "llm.state.poll-interval=0"})
@Import(FakeProviders.class)
class CorsIntegrationTest {

    static final String ALLOWED = "https://app.example.com";
    static final String ADMIN = "admin-token-for-cors-tests";
    static final String API = "api-token-for-cors-tests";

    Http http;

    CorsIntegrationTest(@LocalServerPort int port) {
        http = new Http(port);
    }

    private Http.Response preflight(String path, String origin) {
        return http.send("OPTIONS", path, null, null, Map.of("Origin", origin,
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type"));
    }

    @Test
    void theAllowedOriginsPreflightGetsTheCorsHeadersWithoutAToken() {
        for (String path : new String[] {"/api/v1/consensus", "/api/v1/providers/alpha/disable"}) {
            Http.Response r = preflight(path, ALLOWED);

            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.header("Access-Control-Allow-Origin")).as(path).isEqualTo(ALLOWED);
            assertThat(r.header("Access-Control-Allow-Methods")).as(path).contains("POST");
            assertThat(r.header("Access-Control-Allow-Headers")).as(path).containsIgnoringCase("authorization")
                    .containsIgnoringCase("content-type");
            assertThat(r.header("Access-Control-Max-Age")).as(path).isEqualTo("1800");
        }
    }

    @Test
    void anotherOriginsPreflightIsA403ProblemWithoutCorsHeaders() {
        Http.Response r = preflight("/api/v1/consensus", "https://evil.example.net");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("Access-Control-Allow-Origin")).isNull();
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asText()).contains("LLM_CORS_ORIGINS");
    }

    @Test
    void theTokensStillDecideAndTheBrowserMayReadTheRefusal() {
        Map<String, String> origin = Map.of("Origin", ALLOWED);

        Http.Response noToken = http.send("GET", "/api/v1/providers", null, null, origin);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(noToken.header("Access-Control-Expose-Headers")).containsIgnoringCase("WWW-Authenticate");

        Http.Response reader = http.send("GET", "/api/v1/providers", null, API, origin);
        assertThat(reader.status()).isEqualTo(200);
        assertThat(reader.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);

        assertThat(http.send("POST", "/api/v1/providers/alpha/disable", null, API, origin).status())
                .as("the API token is not the admin token").isEqualTo(401);
    }

    @Test
    void pathsOfTheApplicationsOwnAreLeftToIt() {
        Http.Response r = preflight("/actuator/health", "https://evil.example.net");

        assertThat(r.header("Access-Control-Allow-Origin")).isNull();
        assertThat(r.status()).isNotIn(401, 403);
    }
}
