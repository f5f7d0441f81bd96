package dev.llmservice.cli;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.llmservice.json.Json;
import dev.llmservice.status.ProviderCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code llm-providers --url URL --token T ACTION} against a WireMock stub of the server's REST API. */
class RemoteModeTest {

    static final String TOKEN = "admin-TOKEN-very-secret-0123456789";
    static final WireMockServer SERVER = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    static final String PROVIDER = "{\"name\":\"grok\",\"state\":\"disabled\",\"state_source\":\"override\","
            + "\"available\":false,\"model\":\"grok-4\",\"weight\":1.0,\"api_key\":\"xai-…9f3c\","
            + "\"base_url\":\"https://api.x.ai/v1\",\"problems\":[],\"health\":null}";
    static final String STATUS = "{\"registry\":{\"total_providers\":2,\"available_providers\":1},\"providers\":["
            + "{\"name\":\"anthropic\",\"state\":\"enabled\",\"state_source\":\"default\",\"available\":true,"
            + "\"model\":\"claude-sonnet-4-5\",\"weight\":1.0,\"api_key\":\"sk-a…9f3c\",\"base_url\":"
            + "\"https://api.anthropic.com\",\"problems\":[],\"health\":{\"healthy\":true,\"latency_ms\":300,"
            + "\"reason\":null,\"message\":null,\"checked_at\":\"2026-11-26T07:00:00Z\"}}," + PROVIDER + "]}";

    @TempDir
    Path tmp;

    Cli cli;
    String url;

    @BeforeAll
    static void start() {
        SERVER.start();
    }

    @AfterAll
    static void stop() {
        SERVER.stop();
    }

    @BeforeEach
    void reset() {
        SERVER.resetAll();
        url = "http://127.0.0.1:" + SERVER.port();
        cli = new Cli(tmp, FakeProviderType.builtIns());
    }

    @Test
    void statusGetsTheProvidersWithTheBearerTokenAndPrintsTheServersJson() {
        SERVER.stubFor(get(urlEqualTo("/api/v1/providers")).willReturn(json(200, STATUS)));

        Cli.Result r = cli.run("--url", url, "--token", TOKEN, "--status", "--json");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.json().at("/registry/total_providers").asInt()).isEqualTo(2);
        assertThat(r.json().at("/providers/1/name").asText()).isEqualTo("grok");
        SERVER.verify(exactly(1), getRequestedFor(urlEqualTo("/api/v1/providers"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void statusIsTheDefaultActionAndItsHumanFormIsATable() {
        SERVER.stubFor(get(urlEqualTo("/api/v1/providers")).willReturn(json(200, STATUS)));
        cli.set("LLM_ADMIN_TOKEN", TOKEN);

        Cli.Result r = cli.run("--url", url + "/");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("Providers: 2 registered, 1 available", "NAME", "anthropic", "healthy",
                "grok", "disabled", "override");
        SERVER.verify(exactly(1), getRequestedFor(urlEqualTo("/api/v1/providers"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    /** The server's catalog, shown exactly as the local --list shows this process's, but for the heading. */
    @Test
    void listGetsTheServersProviderTypesAndShowsThemAsTheLocalListDoes() throws Exception {
        String catalog = Json.compact(ProviderCatalog.of(FakeProviderType.builtIns()));
        SERVER.stubFor(get(urlEqualTo("/api/v1/provider-types")).willReturn(json(200, catalog)));

        Cli.Result remote = cli.run("--url", url, "--token", TOKEN, "--list");
        Cli.Result remoteJson = cli.run("--url", url, "--list", "--json");
        Cli.Result local = cli.run("--list");

        assertThat(remote.exitCode()).as(remote.all()).isZero();
        assertThat(remote.err()).isEmpty();
        assertThat(remote.out()).startsWith("Provider types on " + url + ":" + System.lineSeparator())
                .isEqualTo(local.out().replace("Provider types:", "Provider types on " + url + ":"));
        assertThat(remoteJson.exitCode()).as(remoteJson.all()).isZero();
        assertThat(remoteJson.out()).isEqualTo(cli.run("--list", "--json").out());
        SERVER.verify(exactly(1), getRequestedFor(urlEqualTo("/api/v1/provider-types"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void listFromSomethingElseThanAnLlmServiceServerIsExitOneInOneLine() {
        SERVER.stubFor(get(urlEqualTo("/api/v1/provider-types")).willReturn(json(200, "{\"status\": \"UP\"}")));

        Cli.Result r = cli.run("--url", url, "--list");
        Cli.Result json = cli.run("--url", url, "--list", "--json");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("llm-providers: GET /api/v1/provider-types on " + url
                + " answered without provider_types and variables: is it an llm-service server?"
                + System.lineSeparator());
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.out()).isEmpty();
        assertThat(json.err()).isEqualTo(r.err());
    }

    @Test
    void enableAndDisablePostToTheProvidersPath() {
        SERVER.stubFor(post(urlEqualTo("/api/v1/providers/grok/disable")).willReturn(json(200, PROVIDER)));
        SERVER.stubFor(post(urlEqualTo("/api/v1/providers/grok/enable")).willReturn(json(200,
                PROVIDER.replace("\"disabled\"", "\"enabled\"").replace("\"available\":false", "\"available\":true"))));

        Cli.Result disable = cli.run("--url", url, "--token", TOKEN, "--disable", "grok");
        Cli.Result enable = cli.run("--url", url, "--token", TOKEN, "--enable", "grok", "--json");

        assertThat(disable.exitCode()).as(disable.all()).isZero();
        assertThat(disable.out()).startsWith("grok: disabled (override) on " + url);
        assertThat(enable.exitCode()).as(enable.all()).isZero();
        assertThat(enable.json().get("state").asText()).isEqualTo("enabled");
        SERVER.verify(exactly(1), postRequestedFor(urlEqualTo("/api/v1/providers/grok/disable"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        SERVER.verify(exactly(1), postRequestedFor(urlEqualTo("/api/v1/providers/grok/enable")));
    }

    @Test
    void clearOverridePostsToTheProvidersPath() {
        SERVER.stubFor(post(urlEqualTo("/api/v1/providers/grok/clear-override")).willReturn(json(200,
                PROVIDER.replace("\"disabled\"", "\"enabled\"").replace("\"override\"", "\"default\""))));

        Cli.Result r = cli.run("--url", url, "--token", TOKEN, "--clear-override", "grok");
        Cli.Result json = cli.run("--url", url, "--token", TOKEN, "--clear-override", "grok", "--json");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).isEqualTo("grok: override cleared on " + url + "; now enabled (default)"
                + System.lineSeparator());
        assertThat(json.exitCode()).as(json.all()).isZero();
        assertThat(json.json().get("state_source").asText()).isEqualTo("default");
        SERVER.verify(exactly(2), postRequestedFor(urlEqualTo("/api/v1/providers/grok/clear-override"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        assertThat(cli.stateFile).doesNotExist();
    }

    /** As {@code GET /api/v1/providers} answers while the server's state file is damaged. */
    @Test
    void aServerThatCannotReadItsStateFileIsExitOneNamingItAndJsonStaysTheServers() {
        String problem = "not valid JSON (Unexpected end-of-input: expected close marker for Object at line 1, "
                + "column 2)";
        String body = STATUS.substring(0, STATUS.length() - 1) + ",\"state_file\":\"/srv/llm/state.json\","
                + "\"state_file_problem\":\"" + problem + "\"}";
        SERVER.stubFor(get(urlEqualTo("/api/v1/providers")).willReturn(json(200, body)));

        Cli.Result r = cli.run("--url", url, "--status");
        Cli.Result json = cli.run("--url", url, "--status", "--json");

        String line = "llm-providers: state file /srv/llm/state.json on " + url + ": " + problem + "; the server goes "
                + "on with the overrides it had" + System.lineSeparator();
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).startsWith("Providers on " + url);
        assertThat(r.err()).isEqualTo(line);
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.json().get("state_file_problem").asText()).isEqualTo(problem);
        assertThat(json.err()).isEqualTo(line);
    }

    @Test
    void forceAsksTheServerToReplaceADamagedStateFileAndItsRefusalIsExitOne() {
        String detail = "state file /srv/llm/state.json: empty; not overwritten, so that the overrides in it are not "
                + "lost; fix or remove it, or repeat the request with ?force=true (llm-providers --force) to replace it "
                + "(its content is then kept in /srv/llm/state.json.bak)";
        SERVER.stubFor(post(urlEqualTo("/api/v1/providers/grok/disable")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"detail\":\"" + detail
                        + "\",\"instance\":\"/api/v1/providers/grok/disable\",\"status\":409,\"title\":"
                        + "\"State file damaged\",\"state_file\":\"/srv/llm/state.json\"}")));
        SERVER.stubFor(post(urlEqualTo("/api/v1/providers/grok/disable?force=true")).willReturn(json(200, PROVIDER)));

        Cli.Result refused = cli.run("--url", url, "--token", TOKEN, "--disable", "grok");
        Cli.Result forced = cli.run("--url", url, "--token", TOKEN, "--disable", "grok", "--force");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("llm-providers: POST /api/v1/providers/grok/disable on " + url
                + " answered HTTP 409: " + detail + System.lineSeparator());
        assertThat(forced.exitCode()).as(forced.all()).isZero();
        assertThat(forced.out()).startsWith("grok: disabled (override) on " + url);
        SERVER.verify(exactly(1), postRequestedFor(urlEqualTo("/api/v1/providers/grok/disable?force=true")));
    }

    @Test
    void aFailedRemoteTestIsExitOne() {
        SERVER.stubFor(post(urlEqualTo("/api/v1/providers/openai/test")).willReturn(json(200,
                "{\"provider\":\"openai\",\"model\":\"gpt-4o\",\"success\":false,\"latency_ms\":80,"
                        + "\"input_tokens\":0,\"output_tokens\":0,\"finish_reason\":null,\"reply\":null,"
                        + "\"failure\":\"authentication\",\"message\":\"invalid key\"}")));
        SERVER.stubFor(post(urlEqualTo("/api/v1/providers/anthropic/test")).willReturn(json(200,
                "{\"provider\":\"anthropic\",\"model\":\"claude\",\"success\":true,\"latency_ms\":420,"
                        + "\"input_tokens\":14,\"output_tokens\":9,\"finish_reason\":\"stop\",\"reply\":\"Yes.\","
                        + "\"failure\":null,\"message\":null}")));

        Cli.Result failed = cli.run("--url", url, "--token", TOKEN, "--test", "openai");
        Cli.Result ok = cli.run("--url", url, "--token", TOKEN, "--test", "anthropic", "--json");

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.out()).contains("openai: FAILED: authentication", "invalid key");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.json().get("reply").asText()).isEqualTo("Yes.");
    }

    @Test
    void healthCheckAndReinitPostToTheirPaths() {
        SERVER.stubFor(post(urlEqualTo("/api/v1/providers/health-check")).willReturn(json(200,
                "{\"checked\":2,\"healthy\":1,\"results\":{\"anthropic\":{\"healthy\":true,\"latency_ms\":300,"
                        + "\"reason\":null,\"message\":null,\"checked_at\":\"2026-11-26T07:00:00Z\"},"
                        + "\"openai\":{\"healthy\":false,\"latency_ms\":80,\"reason\":\"authentication\","
                        + "\"message\":\"invalid key\",\"checked_at\":\"2026-11-26T07:00:00Z\"}}}")));
        SERVER.stubFor(post(urlEqualTo("/api/v1/providers/reinit")).willReturn(json(200, STATUS)));

        Cli.Result health = cli.run("--url", url, "--token", TOKEN, "--health-check");
        Cli.Result reinit = cli.run("--url", url, "--token", TOKEN, "--reinit", "--json");

        assertThat(health.exitCode()).isEqualTo(1);
        assertThat(health.out()).contains("anthropic", "healthy", "openai", "unhealthy", "1 healthy, 1 unhealthy");
        assertThat(reinit.exitCode()).isZero();
        assertThat(reinit.json().at("/registry/available_providers").asInt()).isEqualTo(1);
        SERVER.verify(exactly(1), postRequestedFor(urlEqualTo("/api/v1/providers/reinit"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void anUnknownProviderIsExitTwoInOneLine() {
        SERVER.stubFor(post(urlEqualTo("/api/v1/providers/foo/enable")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                        + "\"detail\":\"unknown provider 'foo'; expected one of: anthropic, grok\"}")));

        Cli.Result r = cli.run("--url", url, "--token", TOKEN, "--enable", "foo");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("unknown provider 'foo'", "expected one of: anthropic, grok");
    }

    /** The same check as locally, before any request: the server would answer 400 or 404 for its own reasons. */
    @Test
    void aNameThatCannotBeAProviderIsExitTwoAsLocallyAndNothingIsSent() {
        for (String action : new String[] {"--enable", "--disable", "--test"}) {
            for (String name : new String[] {"a/b", "", "%2e%2e"}) {
                Cli.Result remote = cli.run("--url", url, "--token", TOKEN, action, name);
                Cli.Result local = cli.run(action, name);

                assertThat(remote.exitCode()).as(action + " " + name).isEqualTo(2);
                assertThat(remote.out()).isEmpty();
                assertThat(remote.err()).isEqualTo("llm-providers: " + action + " was '" + name + "' but it must be a "
                        + "provider name (letters, digits, '-' and '_', at most 64), e.g. anthropic"
                        + System.lineSeparator());
                assertThat(local.err()).isEqualTo(remote.err());
                assertThat(local.exitCode()).isEqualTo(2);
            }
        }
        SERVER.verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    @Test
    void aRejectedTokenIsExitOneInOneLineAndTheTokenIsNeverShown() {
        SERVER.stubFor(post(urlEqualTo("/api/v1/providers/grok/disable")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"token " + TOKEN
                        + " is not the admin token\"}")));

        Cli.Result r = cli.run("--url", url, "--token", TOKEN, "--disable", "grok");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("HTTP 401").doesNotContain(TOKEN);
    }

    @Test
    void noTokenSendsNoAuthorizationAndAForbiddenIsExitOne() {
        SERVER.stubFor(post(urlEqualTo("/api/v1/providers/reinit")).willReturn(aResponse().withStatus(403)));

        Cli.Result r = cli.run("--url", url, "--reinit");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("HTTP 403");
        SERVER.verify(exactly(1), postRequestedFor(urlEqualTo("/api/v1/providers/reinit"))
                .withHeader("Authorization", absent()));
    }

    @Test
    void anUnreachableServerIsExitOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        Cli.Result r = cli.run("--url", "http://127.0.0.1:" + port, "--status");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("cannot reach http://127.0.0.1:" + port);
    }

    @Test
    void badUrlsAndATokenWithoutUrlAreUsageErrors() {
        assertThat(cli.run("--url", "ftp://host", "--status").exitCode()).isEqualTo(2);
        assertThat(cli.run("--token", TOKEN, "--status").exitCode()).isEqualTo(2);
        SERVER.verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    /** Consensus with --url is RemoteConsensusTest's; a token without a server is never a local run. */
    @Test
    void consensusWithATokenButNoUrlIsAUsageErrorNotALocalRun() throws Exception {
        Path marketData = tmp.resolve("market.json");
        Files.writeString(marketData, ConsensusCommandTest.marketJson(60));

        Cli.Result withToken = cli.run("--token", TOKEN, "consensus", "--market-data", marketData.toString());

        assertThat(withToken.exitCode()).as(withToken.all()).isEqualTo(2);
        assertThat(withToken.out()).isEmpty();
        assertThat(withToken.err()).isEqualTo("llm-providers consensus: --token needs --url (the server to send it "
                + "to)" + System.lineSeparator());
        SERVER.verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
