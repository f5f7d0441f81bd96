package dev.llmservice.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.cli.testing.Cli;
import dev.llmservice.config.ApiKey;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.json.Json;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.provider.TokenUsage;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.spring.state.OverrideFileWatcher;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.testing.FakeProviderType;
import dev.llmservice.testing.FakeVendor;
import dev.llmservice.testing.MutableEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code llm-providers --url URL --token T ACTION} against the real server: the CLI command runs in-process (as
 * in the CLI's own tests) and talks HTTP on 127.0.0.1 to {@link LlmServiceApplication} on a random port.
 *
 * <p>The server's providers are in-process fakes: alpha and beta configured, gamma without a key. The CLI's
 * environment holds none of their keys, so its own masking cannot hide a key the server sent: every run checks
 * that no key appears in anything the CLI printed, and the fakes echo their key in failure messages, as some
 * vendors do, to give a key every chance to leak. The override watcher's timer is off
 * ({@code llm.state.poll-interval=0}); a test that needs it calls {@link OverrideFileWatcher#poll()} instead.
 *
 * <p>Exit codes as documented for remote mode (llm-service-cli/README.md, {@code --help}): 0 success (a decided
 * consensus); 1 a check failed (a consensus not decided), the token refused (401), another non-2xx (409: no key),
 * the server unreachable; 2 an unknown provider (404 on a provider path), a NAME that cannot name a provider,
 * invalid market data. Errors are one line on standard error (one per invalid field), without a stack trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "llm.admin.token=" + CliRemoteModeTest.ADMIN_TOKEN,
                "llm.state.file=" + CliRemoteModeTest.STATE_FILE_PATH,
                "llm.state.poll-interval=0"})
@Import({CliRemoteModeTest.FakeProviders.class, CliRemoteModeTest.Variables.class})
class CliRemoteModeTest {

    static final String ADMIN_TOKEN = "admin-token-DISTINCTIVE-kQvXzJwMhB";
    static final String STATE_FILE_PATH = "target/cli-remote-mode-test/state.json";
    static final Path STATE_FILE = Path.of(STATE_FILE_PATH).toAbsolutePath();

    static final String ALPHA_KEY = "sk-alpha-DISTINCTIVE-KEY-kQvXzJwMhBnRcdef";
    static final String BETA_KEY = "sk-beta-DISTINCTIVE-KEY-yTrEwQpLmNbVxC3210";
    /** Set only by the re-initialisation test. */
    static final String GAMMA_KEY = "sk-gamma-DISTINCTIVE-KEY-a1b2c3d4e5f6a7b8";
    /** Never in anything the CLI prints: the provider keys, and the admin token too. */
    static final List<String> SECRETS = List.of(ALPHA_KEY, BETA_KEY, GAMMA_KEY, ADMIN_TOKEN);

    /** The server's decision journal, which the CLI's local runs write too. */
    static final Path JOURNAL = Path.of("target/cli-remote-mode-test/journal.db").toAbsolutePath();

    /** The cache is off: the tests ask the same market data again under other scripts, and each reaches the vendor. */
    static final Map<String, String> VARIABLES = Map.of(
            "LLM_CONSENSUS_CACHE_TTL", "0",
            "LLM_PROVIDERS", "alpha,beta,gamma",
            "LLM_JOURNAL_URL", "jdbc:sqlite:" + JOURNAL,
            "ALPHA_API_KEY", ALPHA_KEY,
            "ALPHA_MODEL", "alpha-large",
            "BETA_API_KEY", BETA_KEY);

    static {
        try {
            Files.createDirectories(STATE_FILE.getParent());
            Files.deleteIfExists(STATE_FILE);
            Files.deleteIfExists(JOURNAL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- the server's fake providers ----------------------------------------------------------------------------

    /** The server's provider variables, which a test may change before a reinit. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Variables {

        @Bean
        MutableEnvironment providerVariables() {
            return new MutableEnvironment(VARIABLES);
        }
    }

    /**
     * Three fake provider types of one vendor that echoes their key in failure messages (the fake's
     * {@link FakeProviderType#leakingKey() leakingKey} option); {@code DashboardBrowserTest} runs the same three.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class FakeProviders {

        @Bean
        FakeVendor fakeVendor() {
            return new FakeVendor(type -> type.leakingKey().usualAnswer("Yes, " + type.name() + " is here and ready.",
                    new TokenUsage(12, 5), Duration.ofMillis(7)));
        }

        @Bean
        ProviderType alpha(FakeVendor vendor) {
            return vendor.type("alpha");
        }

        @Bean
        ProviderType beta(FakeVendor vendor) {
            return vendor.type("beta");
        }

        @Bean
        ProviderType gamma(FakeVendor vendor) {
            return vendor.type("gamma");
        }
    }

    // --- fixture ------------------------------------------------------------------------------------------------

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
    @Autowired
    OverrideFileWatcher watcher;
    @Autowired
    List<ProviderType> types;

    String url;
    Cli cli;

    @BeforeEach
    void cli() {
        url = "http://127.0.0.1:" + port;
        // The CLI on the server's host: the same providers (for the shared state file) and journal, no keys of its own.
        cli = new Cli(STATE_FILE.getParent(), types).set("LLM_PROVIDERS", "alpha,beta,gamma")
                .set("LLM_JOURNAL_URL", "jdbc:sqlite:" + JOURNAL);
    }

    /** Every test leaves the server as it found it: no override, no script, the start-up variables, closed circuits. */
    @AfterEach
    void restore() {
        vendor.reset();
        variables.reset();
        for (String name : registry.names()) {
            factory.clearOverride(registry, name);
        }
        factory.reinitialize(registry);
        watcher.poll();
    }

    /** Runs the CLI; whatever it printed must not hold a key or the token. */
    Cli.Result run(String... args) {
        Cli.Result r = cli.run(args);
        for (String secret : SECRETS) {
            assertThat(r.all()).as("output of %s", String.join(" ", args)).doesNotContain(secret);
        }
        return r;
    }

    /** The CLI's usual failure report: nothing on standard output, one line on standard error, no stack trace. */
    static void assertOneLineError(Cli.Result r, int exitCode, String... fragments) {
        assertThat(r.exitCode()).as(r.all()).isEqualTo(exitCode);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("llm-providers").contains(fragments)
                .doesNotContain("Exception", "\tat ");
    }

    /** What the server answers to {@code GET path}, read without the CLI. */
    JsonNode server(String path) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return Json.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the server answers to {@code POST path} with the admin token and an empty JSON body. */
    JsonNode serverPost(String path) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + path))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return Json.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode serverProvider(String name) {
        return server("/api/v1/providers/" + name);
    }

    static JsonNode provider(JsonNode status, String name) {
        for (JsonNode p : status.path("providers")) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no provider " + name + " in " + status);
    }

    /** The line of a table that starts with {@code name}. */
    static String row(String table, String name) {
        return table.lines().filter(l -> l.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + " in\n" + table));
    }

    // --- --status -----------------------------------------------------------------------------------------------

    @Test
    void statusShowsTheServersProvidersWithKeysMaskedAndNeedsNoTokenToRead() {
        Cli.Result r = run("--url", url, "--token", ADMIN_TOKEN, "--status");
        Cli.Result anonymous = run("--url", url);

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("Providers: 3 registered, 2 available (server: " + url + ")"
                + System.lineSeparator());
        assertThat(row(r.out(), "alpha")).contains("enabled", "default", "alpha-large", ApiKey.mask(ALPHA_KEY));
        assertThat(row(r.out(), "beta")).contains("enabled", "default", "beta-model", ApiKey.mask(BETA_KEY));
        assertThat(row(r.out(), "gamma")).contains("not configured", "configuration", "gamma-model");
        assertThat(anonymous.exitCode()).as(anonymous.all()).isZero();
        assertThat(anonymous.out()).isEqualTo(r.out());
    }

    @Test
    void statusJsonIsTheServersOwnDocument() {
        Cli.Result r = run("--url", url, "--token", ADMIN_TOKEN, "--status", "--json");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode json = r.json();
        assertThat(json.at("/registry/total_providers").asInt()).isEqualTo(3);
        assertThat(json.at("/registry/available_providers").asInt()).isEqualTo(2);
        assertThat(provider(json, "alpha").path("api_key").asText()).isEqualTo(ApiKey.mask(ALPHA_KEY));
        assertThat(provider(json, "gamma").path("state").asText()).isEqualTo("not_configured");
        assertThat(json).isEqualTo(server("/api/v1/providers"));
    }

    // --- --list -------------------------------------------------------------------------------------------------

    /** The CLI here knows the server's types, so its local --list is what the server's must look like. */
    @Test
    void listShowsTheServersProviderTypesAsTheLocalListShowsThemAndNeedsNoToken() {
        Cli.Result remote = run("--url", url, "--list");
        Cli.Result remoteJson = run("--url", url, "--list", "--json");
        Cli.Result local = run("--list");

        assertThat(remote.exitCode()).as(remote.all()).isZero();
        assertThat(remote.err()).isEmpty();
        assertThat(remote.out()).isEqualTo(local.out().replace("Provider types:", "Provider types on " + url + ":"));
        assertThat(row(remote.out(), "gamma")).contains("Fake gamma", "gamma-model", "http://127.0.0.1:9/gamma",
                "{PROVIDER}_API_KEY");
        assertThat(remote.out()).contains("Providers are the names in LLM_PROVIDERS", "{PROVIDER}_WEIGHT");
        assertThat(remoteJson.exitCode()).as(remoteJson.all()).isZero();
        assertThat(remoteJson.json()).isEqualTo(server("/api/v1/provider-types")).isEqualTo(run("--list", "--json").json());
    }

    // --- --clear-override -------------------------------------------------------------------------------------------

    @Test
    void clearOverrideRemovesTheServersOverrideAndItsStateFileEntry() {
        run("--url", url, "--token", ADMIN_TOKEN, "--disable", "beta");
        assertThat(OverrideStore.file(STATE_FILE).load()).containsEntry("beta", false);

        Cli.Result r = run("--url", url, "--token", ADMIN_TOKEN, "--clear-override", "beta");
        Cli.Result again = run("--url", url, "--token", ADMIN_TOKEN, "--clear-override", "BETA", "--json");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).isEqualTo("beta: override removed from " + STATE_FILE + " on " + url + "; now enabled (default)"
                + System.lineSeparator());
        assertThat(serverProvider("beta").path("state").asText()).isEqualTo("enabled");
        assertThat(serverProvider("beta").path("state_source").asText()).isEqualTo("default");
        assertThat(OverrideStore.file(STATE_FILE).load()).doesNotContainKey("beta");
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.json().get("provider")).isEqualTo(serverProvider("beta"));
    }

    @Test
    void clearOverrideNeedsTheAdminToken() {
        run("--url", url, "--token", ADMIN_TOKEN, "--disable", "beta");

        Cli.Result r = run("--url", url, "--clear-override", "beta");

        assertOneLineError(r, 1, "HTTP 401", "pass --token or set LLM_ADMIN_TOKEN");
        assertThat(serverProvider("beta").path("state").asText()).isEqualTo("disabled");
        assertThat(OverrideStore.file(STATE_FILE).load()).containsEntry("beta", false);
    }

    /**
     * An override set through the server can also be cleared by the CLI on the server's host, in the shared state
     * file; the server applies that at its next poll of the file (called here instead of waiting for it).
     */
    @Test
    void anOverrideSetThroughTheServerIsClearedThroughTheSharedStateFile() {
        watcher.poll();
        assertThat(run("--url", url, "--token", ADMIN_TOKEN, "--disable", "beta").exitCode()).isZero();
        watcher.poll();

        Cli.Result clear = run("--clear-override", "beta");
        int applied = watcher.poll();

        assertThat(clear.exitCode()).as(clear.all()).isZero();
        assertThat(clear.out()).startsWith("beta: override removed from " + STATE_FILE);
        assertThat(applied).isEqualTo(1);
        JsonNode beta = provider(run("--url", url, "--status", "--json").json(), "beta");
        assertThat(beta.path("state").asText()).isEqualTo("enabled");
        assertThat(beta.path("state_source").asText()).isEqualTo("default");
    }

    /**
     * The same, but the CLI puts the file back before the watcher's next poll: the file then reads as the watcher
     * last saw it, and only the server's record of its own write tells the poll that beta changed.
     */
    @Test
    void anOverrideClearedOnTheHostWithinOnePollOfTheServersWriteIsStillApplied() {
        watcher.poll();
        assertThat(run("--url", url, "--token", ADMIN_TOKEN, "--disable", "beta").exitCode()).isZero();

        Cli.Result clear = run("--clear-override", "beta");
        int applied = watcher.poll();

        assertThat(clear.exitCode()).as(clear.all()).isZero();
        assertThat(applied).isEqualTo(1);
        assertThat(serverProvider("beta").path("state").asText()).isEqualTo("enabled");
        assertThat(serverProvider("beta").path("state_source").asText()).isEqualTo("default");
    }

    // --- --enable, --disable -------------------------------------------------------------------------------------

    @Test
    void disableAndEnableChangeTheServerAndItsStateFile() {
        Cli.Result disable = run("--url", url, "--token", ADMIN_TOKEN, "--disable", "beta");

        assertThat(disable.exitCode()).as(disable.all()).isZero();
        assertThat(disable.out()).isEqualTo("beta: disabled (override); stored in " + STATE_FILE + " on " + url
                + System.lineSeparator());
        assertThat(serverProvider("beta").path("state").asText()).isEqualTo("disabled");
        assertThat(serverProvider("beta").path("state_source").asText()).isEqualTo("override");
        assertThat(OverrideStore.file(STATE_FILE).load()).containsEntry("beta", false);
        Cli.Result status = run("--url", url, "--status");
        assertThat(status.out()).contains("Providers: 3 registered, 1 available");
        assertThat(row(status.out(), "beta")).contains("disabled", "override");

        Cli.Result enable = run("--url", url, "--token", ADMIN_TOKEN, "--enable", "BETA", "--json");

        assertThat(enable.exitCode()).as(enable.all()).isZero();
        assertThat(enable.json().at("/provider/name").asText()).isEqualTo("beta");
        assertThat(enable.json().at("/provider/state").asText()).isEqualTo("enabled");
        assertThat(enable.json().at("/provider/state_source").asText()).isEqualTo("override");
        assertThat(serverProvider("beta").path("available").asBoolean()).isTrue();
        assertThat(OverrideStore.file(STATE_FILE).load()).containsEntry("beta", true);
    }

    @Test
    void enablingAProviderWithoutKeyIsExitOneAndTheOverrideWaitsForTheKeyAsLocally() {
        Cli.Result r = run("--url", url, "--token", ADMIN_TOKEN, "--enable", "gamma");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("gamma: override (enabled) stored in " + STATE_FILE + " on " + url
                + ", but gamma has no API key (GAMMA_API_KEY is not set), so it stays unavailable until the key is set"
                + System.lineSeparator());
        assertThat(serverProvider("gamma").path("state").asText()).isEqualTo("not_configured");
        assertThat(OverrideStore.file(STATE_FILE).load()).containsEntry("gamma", true);
    }

    // --- one JSON shape per operation ------------------------------------------------------------------------------

    /**
     * The CLI (with --url), the REST API and the Actuator endpoint serialise the same core report for each operation:
     * the same document, key for key (health checks and tests differ only in the measured latencies and times).
     */
    @Test
    void cliRestAndActuatorGiveTheSameJsonForEachOperation() {
        run("--url", url, "--token", ADMIN_TOKEN, "--disable", "beta");

        assertThat(run("--url", url, "--status", "--json").json()).isEqualTo(server("/api/v1/providers"))
                .isEqualTo(server("/actuator/llmproviders"));
        assertThat(server("/api/v1/providers/beta")).isEqualTo(server("/actuator/llmproviders/beta"));

        JsonNode cliEnable = run("--url", url, "--token", ADMIN_TOKEN, "--enable", "beta", "--json").json();
        JsonNode restDisable = serverPost("/api/v1/providers/beta/disable");
        JsonNode actuatorEnable = serverPost("/actuator/llmproviders/beta/enable");
        assertThat(actuatorEnable).isEqualTo(cliEnable);
        assertThat(fieldNames(restDisable)).isEqualTo(fieldNames(cliEnable));

        JsonNode cliTest = run("--url", url, "--token", ADMIN_TOKEN, "--test", "alpha", "--json").json();
        JsonNode restTest = serverPost("/api/v1/providers/alpha/test");
        JsonNode actuatorTest = serverPost("/actuator/llmproviders/alpha/test");
        for (JsonNode t : List.of(restTest, actuatorTest)) {
            assertThat(withoutTimes(t)).isEqualTo(withoutTimes(cliTest));
        }

        JsonNode cliHealth = run("--url", url, "--token", ADMIN_TOKEN, "--health-check", "--json").json();
        JsonNode restHealth = serverPost("/api/v1/providers/health-check");
        JsonNode actuatorHealth = serverPost("/actuator/llmproviders/health-check");
        for (JsonNode h : List.of(restHealth, actuatorHealth)) {
            assertThat(withoutTimes(h)).isEqualTo(withoutTimes(cliHealth));
        }

        JsonNode cliReinit = run("--url", url, "--token", ADMIN_TOKEN, "--reinit", "--json").json();
        assertThat(serverPost("/api/v1/providers/reinit")).isEqualTo(cliReinit);
        assertThat(serverPost("/actuator/llmproviders/reinit")).isEqualTo(cliReinit);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** {@code node} with every latency, duration and check time set to 0, recursively. */
    private static JsonNode withoutTimes(JsonNode node) {
        JsonNode copy = node.deepCopy();
        zeroTimes(copy);
        return copy;
    }

    private static void zeroTimes(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            for (String field : List.of("latency_ms", "duration_ms", "checked_at")) {
                if (o.has(field)) {
                    o.put(field, 0);
                }
            }
        }
        node.forEach(CliRemoteModeTest::zeroTimes);
    }

    // --- --test ---------------------------------------------------------------------------------------------------

    @Test
    void testMakesOneGenerationOnTheServer() {
        int before = vendor.generations();

        Cli.Result r = run("--url", url, "--token", ADMIN_TOKEN, "--test", "alpha");
        Cli.Result json = run("--url", url, "--token", ADMIN_TOKEN, "--test", "alpha", "--json");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).startsWith("alpha: ok" + System.lineSeparator())
                .contains("alpha-large", "12 in, 5 out", "stop", "Yes, alpha is here and ready.");
        assertThat(json.exitCode()).as(json.all()).isZero();
        assertThat(json.json().path("ok").asBoolean()).isTrue();
        assertThat(json.json().at("/usage/input_tokens").asInt()).isEqualTo(12);
        assertThat(vendor.generations() - before).isEqualTo(2);
    }

    @Test
    void aFailedTestIsExitOneWithTheReasonAndTheKeyMasked() {
        vendor.failGeneration("beta", FailureKind.AUTHENTICATION);

        Cli.Result r = run("--url", url, "--token", ADMIN_TOKEN, "--test", "beta");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).startsWith("beta: FAILED: authentication (HTTP 401)" + System.lineSeparator())
                .contains("invalid x-api-key " + ApiKey.mask(BETA_KEY));
    }

    // --- --health-check -------------------------------------------------------------------------------------------

    @Test
    void healthCheckChecksEveryEnabledProviderAndTheServerRemembersTheResults() {
        Cli.Result healthy = run("--url", url, "--token", ADMIN_TOKEN, "--health-check");
        vendor.unhealthy("alpha", FailureKind.AUTHENTICATION);
        Cli.Result unhealthy = run("--url", url, "--token", ADMIN_TOKEN, "--health-check", "--json");

        assertThat(healthy.exitCode()).as(healthy.all()).isZero();
        assertThat(healthy.out()).containsPattern("Checked 2 in \\d+ ms: 2 healthy, 0 unhealthy, 1 skipped\\.");
        assertThat(row(healthy.out(), "alpha")).contains("healthy");
        assertThat(unhealthy.exitCode()).as(unhealthy.all()).isEqualTo(1);
        assertThat(unhealthy.json().path("checked").asInt()).isEqualTo(2);
        assertThat(unhealthy.json().path("healthy").asInt()).isEqualTo(1);
        assertThat(unhealthy.json().at("/results/0/name").asText()).isEqualTo("alpha");
        assertThat(unhealthy.json().at("/results/0/reason").asText()).isEqualTo("authentication");
        assertThat(unhealthy.json().at("/results/0/message").asText())
                .isEqualTo("key " + ApiKey.mask(ALPHA_KEY) + " was rejected");
        JsonNode remembered = run("--url", url, "--status", "--json").json();
        assertThat(provider(remembered, "alpha").at("/health/healthy").asBoolean()).isFalse();
        assertThat(provider(remembered, "beta").at("/health/healthy").asBoolean()).isTrue();
    }

    @Test
    void healthCheckWithNoProviderEnabledIsExitOne() {
        run("--url", url, "--token", ADMIN_TOKEN, "--disable", "alpha");
        run("--url", url, "--token", ADMIN_TOKEN, "--disable", "beta");
        int checks = vendor.healthChecks();

        Cli.Result r = run("--url", url, "--token", ADMIN_TOKEN, "--health-check");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).startsWith("No enabled provider to check." + System.lineSeparator());
        assertThat(vendor.healthChecks()).isEqualTo(checks);
    }

    // --- --reinit -------------------------------------------------------------------------------------------------

    @Test
    void reinitRereadsTheServersVariablesAndKeepsOverrides() {
        run("--url", url, "--token", ADMIN_TOKEN, "--disable", "beta");
        variables.set("GAMMA_API_KEY", GAMMA_KEY);
        variables.set("ALPHA_MODEL", "alpha-xl");

        Cli.Result r = run("--url", url, "--token", ADMIN_TOKEN, "--reinit");
        JsonNode status = run("--url", url, "--status", "--json").json();

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).startsWith("On " + url + ": re-read the environment and ")
                .contains("Overrides kept (" + STATE_FILE + "): beta disabled.", "Providers: 3 registered, 2 available");
        assertThat(row(r.out(), "gamma")).contains("enabled", "default", ApiKey.mask(GAMMA_KEY));
        assertThat(row(r.out(), "beta")).contains("disabled", "override");
        assertThat(provider(status, "alpha").path("model").asText()).isEqualTo("alpha-xl");
        assertThat(provider(status, "gamma").path("available").asBoolean()).isTrue();
        assertThat(provider(status, "beta").path("state_source").asText()).isEqualTo("override");
    }

    // --- consensus ------------------------------------------------------------------------------------------------

    static String vote(String decision, double confidence) {
        return "{\"decision\": \"" + decision + "\", \"confidence\": " + confidence
                + ", \"reasoning\": \"the trend says so\"}";
    }

    Path marketDataFile(String name, String content) throws IOException {
        Path file = STATE_FILE.resolveSibling(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void consensusAsksTheServersProvidersAndShowsTheirDecisionAsALocalRunWould() throws IOException {
        vendor.reply("alpha", vote("BUY", 0.9));
        vendor.reply("beta", vote("BUY", 0.7));
        Path marketData = marketDataFile("market-data.json", LlmServiceApplicationTest.marketData(60));
        int generations = vendor.generations();

        Cli.Result r = run("--url", url, "--token", ADMIN_TOKEN, "consensus", "--market-data",
                marketData.toString());
        Cli.Result json = run("--json", "consensus", "--market-data", marketData.toString(), "--url", url);

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("ETH/USDT 4h  newest candle ")
                .contains("Decision BUY (decided)", "alpha-large", "beta-model", "the trend says so")
                .contains("freqtrade: enter_long = 1 for the candle after ");
        assertThat(row(r.out(), "alpha")).contains("ok", "BUY", "0.90");
        assertThat(json.exitCode()).as(json.all()).isZero();
        assertThat(json.json().get("decision").asText()).isEqualTo("BUY");
        assertThat(json.json().get("status").asText()).isEqualTo("decided");
        assertThat(json.json().get("votes")).extracting(v -> v.get("provider").asText())
                .containsExactly("alpha", "beta");
        assertThat(vendor.generations() - generations).isEqualTo(4);
    }

    // --- the decision journal, shared by the server and the CLI --------------------------------------------------

    @Test
    void theServersConsensusIsInItsHistoryAndInTheCliLocalHistoryOfTheSameFileUnderTheSameId() throws IOException {
        vendor.reply("alpha", vote("BUY", 0.9));
        vendor.reply("beta", vote("BUY", 0.7));
        Path marketData = marketDataFile("market-data.json", LlmServiceApplicationTest.marketData(60));

        JsonNode result = run("--url", url, "consensus", "--market-data", marketData.toString(), "--json").json();
        String id = result.get("id").asText();
        JsonNode byId = await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> server("/api/v1/consensus/" + id), r -> r != null);
        Cli.Result remote = run("--url", url, "history", "--pair", "ETH/USDT", "--json");
        Cli.Result local = run("history", "--pair", "ETH/USDT", "--json");
        Cli.Result table = run("history", "--url", url, "--limit", "1");

        assertThat(byId).isEqualTo(result);
        assertThat(remote.json().get("entries")).contains(result);
        assertThat(local.json().get("entries")).contains(result);
        assertThat(table.out()).contains(id + "  ").contains("ETH/USDT  4h  BUY       decided");
        Cli.Result unknown = run("--url", url, "history", "--limit", "0");
        assertOneLineError(unknown, 2, "--limit was '0' but it must be a whole number from 1 to 1000");
    }

    @Test
    void theCliAndTheServerWritingTheSameJournalAtOnceLoseNothing() throws Exception {
        vendor.reply("alpha", vote("SELL", 0.9));
        vendor.reply("beta", vote("SELL", 0.8));
        cli.set("ALPHA_API_KEY", ALPHA_KEY).set("BETA_API_KEY", BETA_KEY);
        Path marketData = marketDataFile("market-data.json", LlmServiceApplicationTest.marketData(60));
        int each = 8;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> ids = new ArrayList<>();
        try {
            for (int i = 0; i < each; i++) {
                // Through the server, and locally: a CLI process of its own writing the same SQLite file.
                ids.add(pool.submit(() -> cli.run("--url", url, "consensus", "--market-data", marketData.toString(),
                        "--json").json().get("id").asText()));
                ids.add(pool.submit(() -> cli.run("consensus", "--market-data", marketData.toString(), "--json")
                        .json().get("id").asText()));
            }
            List<String> written = new ArrayList<>();
            for (Future<String> id : ids) {
                written.add(id.get(60, TimeUnit.SECONDS));
            }

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ids(server(
                    "/api/v1/consensus?limit=1000"))).containsAll(written));
            assertThat(written).doesNotHaveDuplicates().hasSize(2 * each);
            assertThat(ids(run("history", "--limit", "1000", "--json").json())).containsAll(written);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("entries").forEach(e -> ids.add(e.get("id").asText()));
        return ids;
    }

    /** The CLI's environment has no provider key: only the server's providers could have answered. */
    @Test
    void csvIsSentAsTheJsonTheServerReadsAndAnUndecidedResultIsExitOne() throws IOException {
        StringBuilder csv = new StringBuilder("date,open,high,low,close,volume\n");
        for (int i = 0; i < 60; i++) {
            double close = 100 + Math.sin(i / 4.0);
            csv.append(1767225600000L + i * 60_000L).append(',').append(close).append(',').append(close + 1)
                    .append(',').append(close - 1).append(',').append(close).append(",5\n");
        }
        Path marketData = marketDataFile("market-data.csv", csv.toString());

        Cli.Result r = run("--url", url, "consensus", "--market-data", marketData.toString(),
                "--pair", "SOL/USDT", "--timeframe", "1m", "--json");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.json().get("pair").asText()).isEqualTo("SOL/USDT");
        assertThat(r.json().get("timeframe").asText()).isEqualTo("1m");
        assertThat(r.json().get("status").asText()).isEqualTo("all_failed");
        assertThat(r.json().at("/votes/0/status").asText()).isEqualTo("unparseable");
    }

    @Test
    void invalidMarketDataIsExitTwoAndNeverReachesTheServer() throws IOException {
        Path marketData = marketDataFile("too-short.json", LlmServiceApplicationTest.marketData(10));
        int generations = vendor.generations();

        Cli.Result r = run("--url", url, "consensus", "--market-data", marketData.toString());

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("llm-providers consensus: invalid market data in '")
                .contains("no provider was asked", "50");
        assertThat(vendor.generations()).isEqualTo(generations);
    }

    // --- errors ---------------------------------------------------------------------------------------------------

    @Test
    void aWrongTokenIsExitOneInOneLineAndChangesNothing() {
        Cli.Result r = run("--url", url, "--token", "not-the-admin-token", "--disable", "beta");
        Cli.Result json = run("--url", url, "--token", "not-the-admin-token", "--reinit", "--json");

        assertOneLineError(r, 1, url + " refused the request (HTTP 401 unauthorized",
                "check the token (--token or LLM_ADMIN_TOKEN)");
        assertOneLineError(json, 1, "HTTP 401");
        assertThat(serverProvider("beta").path("state").asText()).isEqualTo("enabled");
        assertThat(OverrideStore.file(STATE_FILE).load()).isEmpty();
    }

    @Test
    void anAdminOperationWithoutTokenIsExitOneAndSaysWhereTheTokenGoes() {
        int generations = vendor.generations();

        Cli.Result r = run("--url", url, "--test", "alpha");

        assertOneLineError(r, 1, "HTTP 401", "pass --token or set LLM_ADMIN_TOKEN");
        assertThat(vendor.generations()).isEqualTo(generations);
    }

    @Test
    void theTokenCanComeFromLlmAdminToken() {
        cli.set("LLM_ADMIN_TOKEN", ADMIN_TOKEN);

        Cli.Result r = run("--url", url, "--disable", "beta");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(serverProvider("beta").path("state").asText()).isEqualTo("disabled");
    }

    @Test
    void anUnknownProviderIsExitTwoNamingTheServersProviders() {
        for (String action : List.of("--enable", "--disable", "--clear-override", "--test")) {
            Cli.Result r = run("--url", url, "--token", ADMIN_TOKEN, action, "nope");

            assertOneLineError(r, 2, "unknown provider 'nope' on " + url, "expected one of: alpha, beta, gamma");
        }
        assertThat(OverrideStore.file(STATE_FILE).load()).isEmpty();
    }

    /**
     * A NAME that cannot be a provider is checked by the CLI before any request, as locally: the server would
     * have answered {@code a/b} with a 400 (exit 1) and an empty name with Spring's "No static resource" 404.
     */
    @Test
    void aNameThatCannotBeAProviderIsExitTwoAsLocallyBeforeAnyRequest() {
        for (String name : List.of("a/b", "")) {
            Cli.Result remote = run("--url", url, "--token", ADMIN_TOKEN, "--enable", name);
            Cli.Result local = run("--enable", name);

            assertOneLineError(remote, 2, "--enable was '" + name + "' but it must be a provider name");
            assertThat(remote.err()).doesNotContain("static resource", "HTTP");
            assertThat(local.exitCode()).isEqualTo(2);
            assertThat(local.err()).isEqualTo(remote.err());
        }
        assertThat(OverrideStore.file(STATE_FILE).load()).isEmpty();
    }

    @Test
    void anUnreachableServerIsExitOneInOneLine() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closedPort;

        Cli.Result r = run("--url", nowhere, "--token", ADMIN_TOKEN, "--status");

        assertOneLineError(r, 1, "cannot reach " + nowhere);
    }
}
