package dev.llmservice.spring;

import dev.llmservice.json.Json;
import dev.llmservice.spring.testapp.FakeProviders;
import dev.llmservice.spring.testapp.TestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that Tomcat refuses before the application sees them, and errors the container sends to the
 * {@code /error} page, are answered as {@code application/problem+json} like every other error of the API, not as
 * Tomcat's HTML page or Spring Boot's {@code {timestamp, status, error, path}}.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"llm.state.file=target/container-errors-state.json", "llm.state.poll-interval=0"})
@Import(FakeProviders.class)
class ContainerErrorsIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void anEncodedNulInThePathIsA400ProblemNotTomcatsHtmlPage() throws IOException {
        RawHttp.Response r = RawHttp.exchange(port, "GET", "/api/v1/%00");

        assertBadRequestProblem(r, "/api/v1/%00");
    }

    @Test
    void anEncodedSlashInThePathIsA400Problem() throws IOException {
        RawHttp.Response r = RawHttp.exchange(port, "GET", "/api/v1/providers/alpha%2Fdisable");

        assertBadRequestProblem(r, "/api/v1/providers/alpha%2Fdisable");
    }

    @Test
    void aHeaderLargerThanTheServerAcceptsIsA400Problem() throws IOException {
        RawHttp.Response r = RawHttp.exchange(port, "GET", "/api/v1/providers", "X-Padding: " + "a".repeat(10_000));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Json.mapper().readTree(r.body()).get("detail").asText()).contains("too large");
    }

    @Test
    void traceIsA405ProblemThatKeepsTheAllowHeader() throws IOException {
        RawHttp.Response r = RawHttp.exchange(port, "TRACE", "/api/v1/providers");

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.header("Allow")).contains("GET").doesNotContain("TRACE");
        var json = Json.mapper().readTree(r.body());
        assertThat(json.get("title").asText()).isEqualTo("Method Not Allowed");
        assertThat(json.get("status").asInt()).isEqualTo(405);
        assertThat(json.get("detail").asText()).isEqualTo("the method TRACE is not allowed here");
        assertThat(json.get("instance").asText()).isEqualTo("/api/v1/providers");
    }

    private static void assertBadRequestProblem(RawHttp.Response r, String instance) throws IOException {
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        var json = Json.mapper().readTree(r.body());
        assertThat(json.get("type").asText()).isEqualTo("about:blank");
        assertThat(json.get("title").asText()).isEqualTo("Bad Request");
        assertThat(json.get("status").asInt()).isEqualTo(400);
        assertThat(json.get("detail").asText()).contains("%00 or %2F");
        assertThat(json.get("instance").asText()).isEqualTo(instance);
    }
}
