package dev.llmservice.spring.dashboard;

import dev.llmservice.config.ApiKey;
import dev.llmservice.spring.Http;
import dev.llmservice.spring.testapp.FakeProviders;
import dev.llmservice.spring.testapp.TestApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.registry.ProviderRegistry;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The dashboard over plain HTTP, with {@code LLM_API_TOKEN} set (the browser tests, in the server, run without it):
 * the page then carries no data, its fragments need the token, the event stream needs none and carries only event
 * names. The page's behaviour in a browser is {@code DashboardBrowserTest}'s.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "llm.dashboard.enabled=true",
                "llm.api.token=" + DashboardIntegrationTest.API,
                "llm.admin.token=" + DashboardIntegrationTest.ADMIN,
                "llm.state.file=target/dashboard-test-state.json",
                "llm.state.poll-interval=0"})
@Import(FakeProviders.class)
class DashboardIntegrationTest {

    static final String API = "api-token-DISTINCTIVE-wQzKxPrT";
    static final String ADMIN = "admin-token-DISTINCTIVE-mVbNcXzL";

    @LocalServerPort
    int port;
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
        registry.names().forEach(name -> factory.clearOverride(registry, name));
    }

    @Test
    void withAnApiTokenThePageHoldsNoDataButTheTokenFormUnderAStrictContentSecurityPolicy() {
        Http.Response page = http.get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).isEqualTo(DashboardController.CONTENT_SECURITY_POLICY)
                .contains("script-src 'self';").doesNotContain("unsafe");
        assertThat(page.body()).contains("id=\"token-form\"", "data-readable=\"false\"", "hx-trigger=\"load, sse:providers")
                .doesNotContain("provider-alpha", "alpha-large", "<script>", " style=");
        // With the token in the navigation (a client that can send it), the page holds the data at once.
        assertThat(http.get("/", API).body()).contains("id=\"provider-alpha\"", "alpha-large");
    }

    @Test
    void theFragmentsNeedTheApiOrAdminTokenAndNeverShowAKey() {
        Http.Response refused = http.get("/dashboard/providers");
        Http.Response wrong = http.get("/dashboard/decisions", "not-the-token");
        Http.Response providers = http.get("/dashboard/providers", API);
        Http.Response asAdmin = http.get("/dashboard/providers", ADMIN);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").asText())
                .isEqualTo("this operation needs Authorization: Bearer <LLM_API_TOKEN>");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(providers.status()).isEqualTo(200);
        assertThat(providers.body()).contains("id=\"provider-alpha\"", "alpha-large", "delta", "DELTA_WEIGHT")
                .doesNotContain(FakeProviders.ALPHA_KEY, FakeProviders.BETA_KEY, FakeProviders.DELTA_KEY,
                        ApiKey.mask(FakeProviders.ALPHA_KEY), API, ADMIN);
        assertThat(asAdmin.body()).isEqualTo(providers.body());
        // The journal is shared with the other tests' contexts: it may hold their decisions.
        assertThat(http.get("/dashboard/decisions", API).status()).isEqualTo(200);
    }

    @Test
    void aDecisionTheJournalDoesNotHoldIsA404Text() {
        Http.Response r = http.get("/dashboard/decisions/no-such-id", API);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).contains("no-such-id");
    }

    @Test
    void theEventStreamNeedsNoTokenAndNamesAChangeWithoutItsData() throws Exception {
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/dashboard/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");

        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).isEqualTo(":connected");
            assertThat(http.post("/api/v1/providers/alpha/disable", ADMIN).status()).isEqualTo(200);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                String line;
                while ((line = reader.readLine()) != null && !line.equals("data:providers")) {
                    lines.add(line);
                }
                lines.add(line);
            });
        }
        assertThat(lines).contains("event:providers", "data:providers")
                .noneMatch(l -> l.contains("alpha") || l.contains("disabled"));
    }

    @Test
    void swaggerUiIsServedWithItsOwnScriptsOnlyForTheServersDocument() {
        Http.Response page = http.get("/swagger-ui");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self';");
        assertThat(page.body()).contains("data-url=\"/openapi.yaml\"", "/webjars/swagger-ui/5.35.0/swagger-ui-bundle.js",
                "/llm-dashboard/swagger-ui-init.js");
        assertThat(http.get("/webjars/swagger-ui/swagger-ui-bundle.js").status()).isEqualTo(200);
        assertThat(http.get("/webjars/htmx.org/dist/htmx.min.js").status()).isEqualTo(200);
    }
}
