package dev.llmservice.server;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code bin/llm-service} as a user runs it, on the packaged jar (failsafe runs this after {@code package}): a
 * separate process with a clean environment, from an empty working directory, on a free port of 127.0.0.1.
 *
 * <p>The launcher starts from the bean definitions Spring generated at build time ({@code process-aot}), which fix
 * which beans exist; a setting that can change that must make it start without them, or the setting would be
 * silently ignored. The class-data archive is left out ({@code LLM_SERVICE_CDS=0}): its training run would add
 * ~15 s and it does not change which beans exist.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("llm.launcher", "../bin/llm-service"));
    private static final String KEY = "sk-ant-api03-launcherTestKey0000000000000000000009f3c";
    private static final String OPENAI_KEY = "sk-proj-launcherTestKey000000000000000000000009f3c";
    /** An OpenAI chat completion whose message is a BUY decision, as the vendor sends it. */
    private static final String OPENAI_BUY = "{\"id\":\"chatcmpl-launcher\",\"object\":\"chat.completion\","
            + "\"created\":1,\"model\":\"gpt-4.1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"{\\\"decision\\\":\\\"BUY\\\",\\\"confidence\\\":0.8,\\\"reasoning\\\":\\\"fake\\\"}\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":20,"
            + "\"total_tokens\":30}}";
    /** OpenAI's answer to a wrong key. */
    private static final String OPENAI_BAD_KEY = "{\"error\":{\"message\":\"Incorrect API key provided.\","
            + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";

    @TempDir
    Path dir;

    private Process server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();                       // SIGTERM: a graceful shutdown
            server.waitFor();
        }
    }

    /** With the options users pass most (address, logging, llm.*), which decide no bean. */
    @Test
    void startsFromTheBeanDefinitionsGeneratedAtBuildTime() throws Exception {
        int port = start(Map.of("ANTHROPIC_API_KEY", KEY));

        String log = log();
        assertThat(log).contains("Starting AOT-processed LlmServiceApplication")
                .doesNotContain("starting without the bean definitions");
        assertThat(get(port, "/api/v1/providers").statusCode()).isEqualTo(200);
        assertThat(get(port, "/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
        // one start-up line per provider, the key masked
        assertThat(log).contains("anthropic").contains("sk-a…9f3c").doesNotContain(KEY);
    }

    /**
     * Built-time bean definitions include the error handling: Tomcat's refusals and the error page answer
     * problem documents, and a browser's preflight is not refused with a token error.
     */
    @Test
    void errorsAndPreflightsAreAnsweredAsDocumentedFromTheBeanDefinitionsGeneratedAtBuildTime() throws Exception {
        int port = start(Map.of("LLM_ADMIN_TOKEN", "launcher-admin-token"));

        assertThat(log()).contains("Starting AOT-processed LlmServiceApplication");
        HttpResponse<String> nul = get(port, "/api/v1/%00");
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        HttpResponse<String> trace = send("127.0.0.1", port, "TRACE", "/api/v1/providers");
        assertThat(trace.statusCode()).isEqualTo(405);
        assertThat(trace.body()).contains("\"detail\":\"the method TRACE is not allowed here\"");
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/providers/grok/disable"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    /** Consensus spends money at the vendors: open to anyone only where only this machine can connect. */
    @Test
    void withoutAnApiTokenItListensOn127001OnlyAndSaysSo() throws Exception {
        int port = startWithoutAddress(Map.of());

        assertThat(log()).contains("listening on 127.0.0.1 only: no LLM_API_TOKEN is set");
        assertThat(get(port, "/api/v1/providers").statusCode()).isEqualTo(200);
        // 127.0.0.2 is this machine too, but a socket bound to 127.0.0.1 does not accept it; one bound to every
        // interface would.
        assertThatThrownBy(() -> send("127.0.0.2", port, "GET", "/api/v1/providers"))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void withAnApiTokenItListensOnEveryInterface() throws Exception {
        int port = startWithoutAddress(Map.of("LLM_API_TOKEN", "launcher-api-token"));

        assertThat(log()).contains("listening on every interface; status and consensus need LLM_API_TOKEN");
        assertThat(send("127.0.0.2", port, "GET", "/api/v1/providers").statusCode()).isEqualTo(401);
    }

    @Test
    void llmBindAddressListensElsewhereWithoutATokenButWarns() throws Exception {
        int port = startWithoutAddress(Map.of("LLM_BIND_ADDRESS", "0.0.0.0"));

        assertThat(log()).containsPattern("WARN .*listening on 0\\.0\\.0\\.0 \\(LLM_BIND_ADDRESS\\) with no LLM_API_TOKEN")
                .doesNotContain("starting without the bean definitions");
        assertThat(send("127.0.0.2", port, "GET", "/api/v1/providers").statusCode()).isEqualTo(200);
    }

    @Test
    void aSettingThatDecidesWhichBeansExistStartsWithoutThemAndSaysWhich() throws Exception {
        int port = start(Map.of("LLM_WEB_ENABLED", "false"));

        assertThat(log()).contains("llm-service: LLM_WEB_ENABLED is set, which can change which beans exist")
                .contains("Starting LlmServiceApplication")
                .doesNotContain("AOT-processed");
        assertThat(get(port, "/api/v1/providers").statusCode()).as("the REST API switched off").isEqualTo(404);
        assertThat(get(port, "/actuator/health").statusCode()).as("no provider: health DOWN").isEqualTo(503);
    }

    @Test
    void aConfigurationFileInTheWorkingDirectoryCountsToo() throws Exception {
        Files.writeString(dir.resolve("application.properties"), "management.endpoints.web.exposure.include=health\n");

        int port = start(Map.of());

        assertThat(log()).contains("llm-service: ./application.properties is set").doesNotContain("AOT-processed");
        assertThat(get(port, "/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(get(port, "/actuator/health").statusCode()).isEqualTo(503);
    }

    @Test
    void anOptionOtherThanPortAddressLoggingOrLlmCountsToo() throws Exception {
        int port = start(Map.of(), "--management.endpoints.web.exposure.include=health");

        assertThat(log()).contains("llm-service: --management.endpoints.web.exposure.include is set")
                .doesNotContain("AOT-processed");
        assertThat(get(port, "/actuator/prometheus").statusCode()).isEqualTo(404);
    }

    /**
     * A {@code .env} whose comment an editor saved in Latin-1 ({@code caf\xe9}): before, the server did not start (a
     * {@code MalformedInputException} stack trace). Now it starts on the rest of the file and logs the skipped line
     * once at WARN, naming file and line, however often the file is re-read (start-up, tokens, a re-initialisation).
     */
    @Test
    void aDotEnvLineThatIsNotUtf8IsLoggedOnceAndTheRestOfTheFileIsUsed() throws Exception {
        String adminToken = "admin-token-for-the-dotenv-test";
        Path dotEnv = dir.resolve("service.env");
        Files.write(dotEnv, concat("# caf".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xE9},
                ("\nANTHROPIC_API_KEY=" + KEY + "\nLLM_ADMIN_TOKEN=" + adminToken + "\n")
                        .getBytes(StandardCharsets.US_ASCII)));

        int port = start(Map.of("LLM_ENV_FILE", dotEnv.toString()));
        HttpResponse<String> reinit = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/providers/reinit"))
                .header("Authorization", "Bearer " + adminToken).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(reinit.statusCode()).as("the admin token from .env").isEqualTo(200);
        assertThat(reinit.body()).contains("\"available_providers\":1");
        String warning = dotEnv + ":1: not UTF-8 (byte 6 of the line is invalid); the line is skipped (save the file "
                + "as UTF-8)";
        List<String> logged = log().lines().filter(line -> line.contains(warning)).toList();
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0)).contains("WARN").contains("dev.llmservice.config.Environment");
        assertThat(log()).doesNotContain("MalformedInputException").doesNotContain(KEY).contains("sk-a…9f3c");
    }

    /**
     * SIGTERM while a consensus waits for its vendor: the server stops taking requests but finishes that one, with
     * the vendor's answer, before it exits. The fake vendor holds its answer until the shutdown has begun.
     */
    @Test
    void aSigtermLetsTheConsensusInFlightFinishWithTheVendorsAnswer() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        HttpServer vendor = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        vendor.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (!("Bearer " + OPENAI_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                byte[] denied = OPENAI_BAD_KEY.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(401, denied.length);
                exchange.getResponseBody().write(denied);
                exchange.close();
                return;
            }
            asked.countDown();
            try {
                answer.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = OPENAI_BUY.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        ExecutorService vendorThreads = Executors.newCachedThreadPool();
        vendor.setExecutor(vendorThreads);
        vendor.start();
        try {
            int port = start(Map.of("OPENAI_API_KEY", OPENAI_KEY,
                    "OPENAI_BASE_URL", "http://127.0.0.1:" + vendor.getAddress().getPort() + "/v1"));
            CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/consensus"))
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString(LlmServiceApplicationTest.marketData(60))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(asked.await(60, TimeUnit.SECONDS)).as("the consensus reached the vendor").isTrue();

            server.destroy();                                                   // SIGTERM
            awaitLog("Commencing graceful shutdown");
            assertThat(server.isAlive()).as("still running: a request is in flight").isTrue();
            answer.countDown();

            HttpResponse<String> r = inFlight.get(60, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"provider\":\"openai\"").contains("\"status\":\"ok\"")
                    .contains("\"decision\":\"BUY\"");
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("exited after the request").isTrue();
            assertThat(log()).contains("Graceful shutdown complete").doesNotContain(OPENAI_KEY);
        } finally {
            answer.countDown();
            vendor.stop(0);
            vendorThreads.shutdownNow();
        }
    }

    /** Until the server's log holds {@code line}; fails when the server exits without it, or after a minute. */
    private void awaitLog(String line) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (!log().contains(line)) {
            if (!server.isAlive() && !log().contains(line)) {
                throw new AssertionError("the server exited without '" + line + "' in its log:\n" + log());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no '" + line + "' in the log within a minute:\n" + log());
            }
            server.waitFor(50, TimeUnit.MILLISECONDS);  // returns at once if the server exits
        }
    }

    /** Listening on 127.0.0.1, as every test but those of the listening address. */
    private int start(Map<String, String> extra, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--server.address=127.0.0.1"));
        all.addAll(List.of(args));
        return startWithoutAddress(extra, all.toArray(String[]::new));
    }

    private int startWithoutAddress(Map<String, String> extra, String... args) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toAbsolutePath().toString(),
                "--logging.level.root=info", "--llm.deadline=20s"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        Map<String, String> env = builder.environment();
        Map<String, String> kept = new HashMap<>();
        for (String name : new String[] {"PATH", "JAVA_HOME", "LANG"}) {
            if (env.containsKey(name)) {
                kept.put(name, env.get(name));
            }
        }
        env.clear();
        env.putAll(kept);
        env.put("HOME", dir.toString());
        env.put("PORT", Integer.toString(port));
        env.put("LLM_STATE_FILE", dir.resolve("state.json").toString());
        env.put("LLM_JOURNAL_URL", "jdbc:sqlite:" + dir.resolve("journal.db"));
        env.put("LLM_ENV_FILE", "/dev/null");
        env.put("LLM_SERVICE_CDS", "0");
        env.putAll(extra);
        server = builder.start();
        awaitReady(port);
        return port;
    }

    /** Until the first answer of health (any status), the server's exit, or two minutes on a loaded machine. */
    private void awaitReady(int port) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited with " + server.exitValue() + ":\n" + log());
            }
            try {
                get(port, "/actuator/health");
                return;
            } catch (ConnectException notYet) {
                server.waitFor(100, TimeUnit.MILLISECONDS);  // returns at once if the server exits
            }
        }
        throw new AssertionError("no answer from /actuator/health within 2 minutes:\n" + log());
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return send("127.0.0.1", port, "GET", path);
    }

    private HttpResponse<String> send(String host, int port, String method, String path)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private String log() throws IOException {
        return Files.readString(dir.resolve("server.log"));
    }
}
