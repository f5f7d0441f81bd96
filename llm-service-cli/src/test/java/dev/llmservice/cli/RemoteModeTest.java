package dev.llmservice.cli;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.llmservice.cli.testing.Cli;
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

    static final String TOKEN = "admin-TOKEN-very-secret-kQvXzJwMhB";
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
        cli = new Cli(tmp, Cli.fakeBuiltIns());
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
    void statusIsTheDefaultActionAndItsHumanFormIsTheLocalTable() {
        cli.set("GROK_API_KEY", "xai-remote-key-abcdefghij").set("ANTHROPIC_API_KEY", "sk-ant-remote-key-abcdefghij");
        Cli.Result local = cli.run("--json");
        SERVER.stubFor(get(urlEqualTo("/api/v1/providers")).willReturn(json(200, local.out())));
        cli.set("LLM_ADMIN_TOKEN", TOKEN);

        Cli.Result r = cli.run("--url", url + "/");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).isEqualTo(cli.run().out().replace("overrides: " + cli.stateFile(), "server: " + url));
        SERVER.verify(exactly(1), getRequestedFor(urlEqualTo("/api/v1/providers"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    /** The server's catalog, shown exactly as the local --list shows this process's, but for the heading. */
    @Test
    void listGetsTheServersProviderTypesAndShowsThemAsTheLocalListDoes() throws Exception {
        String catalog = Json.compact(ProviderCatalog.of(Cli.fakeBuiltIns()));
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
                + " answered without provider_types: is it an llm-service server of this version?"
                + System.lineSeparator());
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.out()).isEmpty();
        assertThat(json.err()).isEqualTo(r.err());
    }

    /**
     * Each action's report from the server is the document the local command prints with --json (stubbed here with
     * exactly that), and it is shown as the local command shows it.
     */
    @Test
    void everyActionShowsTheServersReportAsTheLocalCommandShowsItsOwn() throws Exception {
        cli.set("GROK_API_KEY", "xai-remote-key-abcdefghij").set("ANTHROPIC_API_KEY", "sk-ant-remote-key-abcdefghij");
        String[][] actions = {
            {"/api/v1/providers/grok/disable", "--disable", "grok"},
            {"/api/v1/providers/grok/enable", "--enable", "grok"},
            {"/api/v1/providers/grok/clear-override", "--clear-override", "grok"},
            {"/api/v1/providers/openai/enable", "--enable", "openai"},
            {"/api/v1/providers/openai/test", "--test", "openai"},
            {"/api/v1/providers/anthropic/test", "--test", "anthropic"},
            {"/api/v1/providers/health-check", "--health-check"},
            {"/api/v1/providers/reinit", "--reinit"},
        };
        for (String[] action : actions) {
            String[] args = java.util.Arrays.copyOfRange(action, 1, action.length);
            // Both local runs start from the same overrides, so that they report the same change.
            byte[] before = Files.exists(cli.stateFile()) ? Files.readAllBytes(cli.stateFile()) : null;
            Cli.Result localJson = cli.run(append(args, "--json"));
            if (before == null) {
                Files.deleteIfExists(cli.stateFile());
            } else {
                Files.write(cli.stateFile(), before);
            }
            Cli.Result localText = cli.run(args);
            SERVER.stubFor(post(urlEqualTo(action[0])).willReturn(json(200, localJson.out())));

            Cli.Result remoteText = cli.run(append(new String[] {"--url", url, "--token", TOKEN}, args));
            Cli.Result remoteJson = cli.run(append(new String[] {"--url", url, "--token", TOKEN, "--json"}, args));

            String shown = String.join(" ", args);
            assertThat(remoteJson.out()).as(shown).isEqualTo(localJson.out());
            assertThat(remoteJson.exitCode()).as(shown).isEqualTo(localJson.exitCode());
            assertThat(remoteText.exitCode()).as(shown).isEqualTo(localText.exitCode());
            String expected = switch (action[1]) {
                case "--reinit" -> "On " + url + ": r" + localText.out().substring(1);
                case "--enable", "--disable", "--clear-override" ->
                        localText.out().replace(cli.stateFile().toString(), cli.stateFile() + " on " + url);
                default -> localText.out();
            };
            assertThat(remoteText.out()).as(shown).isEqualTo(expected);
            SERVER.verify(postRequestedFor(urlEqualTo(action[0])).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        }
    }

    private static String[] append(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
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
        assertThat(r.out()).startsWith("Providers: 2 registered, 1 available (server: " + url
                + ", not applied: see the error)");
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
        SERVER.stubFor(post(urlEqualTo("/api/v1/providers/grok/disable?force=true")).willReturn(json(200,
                "{\"action\":\"disable\",\"provider\":" + PROVIDER + ",\"state_file\":\"/srv/llm/state.json\","
                        + "\"previous_override\":null,\"overrules_variable\":null,\"warning\":null,"
                        + "\"state_file_backup\":\"/srv/llm/state.json.bak\"}")));

        Cli.Result refused = cli.run("--url", url, "--token", TOKEN, "--disable", "grok");
        Cli.Result forced = cli.run("--url", url, "--token", TOKEN, "--disable", "grok", "--force");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("llm-providers: POST /api/v1/providers/grok/disable on " + url
                + " answered HTTP 409: " + detail + System.lineSeparator());
        assertThat(forced.exitCode()).as(forced.all()).isZero();
        assertThat(forced.out()).isEqualTo("grok: disabled (override); stored in /srv/llm/state.json on " + url
                + System.lineSeparator() + "The damaged state file was replaced; its content is kept in "
                + "/srv/llm/state.json.bak" + System.lineSeparator());
        SERVER.verify(exactly(1), postRequestedFor(urlEqualTo("/api/v1/providers/grok/disable?force=true")));
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
                        + "provider name from LLM_PROVIDERS (a letter, then up to 31 letters, digits, '-' or '_'), "
                        + "e.g. anthropic" + System.lineSeparator());
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
