package dev.llmservice.benchmarks;

import dev.llmservice.json.Json;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged server in its own process, started by its launcher ({@code bin/llm-service}, or
 * {@code LLM_SERVICE_LAUNCHER}) on a free port of 127.0.0.1 with an environment that holds nothing but the fake
 * vendors' variables, a state file and an absent {@code .env} in a temporary directory; stopped (SIGTERM) on close,
 * and when the benchmark is interrupted. {@code SERVER_JAVA_OPTS} becomes the server's {@code JAVA_OPTS}, {@code SERVER_ENV_NAME} its {@code NAME};
 * {@code SERVER_ARGS} (space-separated) are passed to it; {@code LLM_SERVICE_JIT} is passed on. The server's log
 * stays in the temporary directory and is shown only when the server fails to start.
 */
final class PackagedServer implements AutoCloseable {

    static final Duration START_LIMIT = Duration.ofSeconds(180);

    private final Process process;
    private final int port;

    private PackagedServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The launcher named by {@code LLM_SERVICE_LAUNCHER}, else {@code bin/llm-service}. */
    static Path launcher() {
        String configured = System.getenv("LLM_SERVICE_LAUNCHER");
        return Path.of(configured == null || configured.isBlank() ? "bin/llm-service" : configured).toAbsolutePath();
    }

    /**
     * Starts the server and waits until it is ready: the providers endpoint answers and lists {@code providers}
     * available providers.
     */
    static PackagedServer start(Path launcher, Map<String, String> vendorEnv, Path tmp, int providers)
            throws Exception {
        int port = freePort();
        Path log = tmp.resolve("server.log");
        // Prepare the launcher's class-data archive first (once per build), outside the measured runs.
        Process prepare = launch(launcher, vendorEnv, tmp, port, Map.of("LLM_SERVICE_CDS", "prepare"), log);
        if (!prepare.waitFor(START_LIMIT.toSeconds(), TimeUnit.SECONDS) || prepare.exitValue() != 0) {
            prepare.destroyForcibly();
            failed(log, "preparing the class-data archive failed");
        }
        Process process = launch(launcher, vendorEnv, tmp, port, Map.of(), log);
        // Stopped with the benchmark, also when that is interrupted (Ctrl-C, kill): no server left behind.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-server"));
        PackagedServer server = new PackagedServer(process, port);
        try {
            server.awaitReady(log, providers);
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * {@code env} with the consensus cache off ({@code LLM_CONSENSUS_CACHE_TTL=0}): since issue 15 the server answers
     * a request it answered within the candle from its cache, so a benchmark that posts the same body again and again
     * measures the cache, and records one decision, unless it turns the cache off.
     */
    static Map<String, String> uncached(Map<String, String> env) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(env);
        copy.put("LLM_CONSENSUS_CACHE_TTL", "0");
        return copy;
    }

    private static Process launch(Path launcher, Map<String, String> vendorEnv, Path tmp, int port,
                                  Map<String, String> extra, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        String args = System.getenv("SERVER_ARGS");
        if (args != null && !args.isBlank()) {
            command.addAll(List.of(args.trim().split("\\s+")));
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.clear(); // nothing from the caller's environment: no real key, no .env, no state file
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", tmp.toString());
        copy(env, "JAVA_HOME", "JAVA_HOME");
        copy(env, "SERVER_JAVA_OPTS", "JAVA_OPTS");
        copy(env, "LLM_SERVICE_JIT", "LLM_SERVICE_JIT");
        // The journal in the benchmark's directory too: its default is under the JVM's user.home, which is the
        // account's home whatever HOME says, and the benchmarks' millions of decisions had piled up there (1.8 GB,
        // read by every status and dashboard request that sums today's spend).
        env.put("LLM_JOURNAL_URL", "jdbc:sqlite:" + tmp.resolve("journal.db"));
        // SERVER_ENV_NAME=value becomes the server's NAME=value (LLM_HEAP_MAX, LLM_JOURNAL, MALLOC_ARENA_MAX, ...).
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("SERVER_ENV_") && name.length() > "SERVER_ENV_".length()) {
                env.put(name.substring("SERVER_ENV_".length()), value);
            }
        });
        env.put("PORT", Integer.toString(port));
        env.put("LLM_STATE_FILE", tmp.resolve("state.json").toString());
        env.put("LLM_ENV_FILE", "/dev/null");         // no .env (a missing file would be a warning)
        env.putAll(vendorEnv);
        env.putAll(extra);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    private static void copy(Map<String, String> env, String from, String to) {
        String value = System.getenv(from);
        if (value != null && !value.isBlank()) {
            env.put(to, value);
        }
    }

    private void awaitReady(Path log, int providers) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/providers")).timeout(Duration.ofSeconds(5)).build();
        long limit = System.nanoTime() + START_LIMIT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < limit) {
            if (!process.isAlive()) {
                failed(log, "the server exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                int available = Json.mapper().readTree(r.body()).path("registry").path("available_providers")
                        .asInt(-1);
                if (r.statusCode() == 200 && available == providers) {
                    return;
                }
                last = "status " + r.statusCode() + ", " + available + " available providers";
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            }
            Thread.sleep(100);
        }
        failed(log, "not ready within " + START_LIMIT.toSeconds() + " s (" + last + ")");
    }

    private static void failed(Path log, String why) throws IOException {
        // The server masks keys in its log; the fakes' keys are not secret anyway.
        System.err.println("server: " + why + "; server log:");
        try (Stream<String> lines = Files.lines(log)) {
            lines.forEach(System.err::println);
        }
        throw new IllegalStateException(why);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(45, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
