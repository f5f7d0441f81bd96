package dev.llmservice.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

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

    private int start(Map<String, String> extra, String... args) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toAbsolutePath().toString(),
                "--server.address=127.0.0.1", "--logging.level.root=info", "--llm.deadline=20s"));
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
        env.put("LLM_ENV_FILE", dir.resolve("absent.env").toString());
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
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String log() throws IOException {
        return Files.readString(dir.resolve("server.log"));
    }
}
