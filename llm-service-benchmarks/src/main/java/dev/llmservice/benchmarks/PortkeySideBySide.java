package dev.llmservice.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Issue 18 item 5: the packaged server beside the Portkey gateway (npm {@code @portkey-ai/gateway}, installed by
 * {@code bench/lean-portkey.sh} into a temporary directory, {@code PORTKEY_DIR}) on the same fake OpenAI vendor
 * ({@value LeanServerBenchmark#VENDOR_MS} ms). Three ways to the vendor, alternating phase by phase within each round,
 * with 1 client and then 32:
 * <ol>
 *   <li><b>direct</b>: the chat completion straight to the fake (the floor);</li>
 *   <li><b>portkey</b>: the same chat completion through the gateway ({@code x-portkey-provider: openai},
 *       {@code x-portkey-custom-host} the fake);</li>
 *   <li><b>server</b>: a consensus of 60 candles through our server with that one provider: it parses the candles,
 *       writes the prompt, makes the same kind of vendor call, reads the reply and votes. More work than a
 *       pass-through, so the comparison is unfavourable to us.</li>
 *   <li><b>endpoint</b>: the same chat completion through our server's OpenAI-compatible endpoint
 *       ({@code POST /v1/chat/completions}, model {@code openai}): the like-for-like comparison with the gateway
 *       (issue 17's target compares with Portkey too).</li>
 * </ol>
 * Added latency is each route's percentile less the direct one's in the same round; CPU per request of each
 * process from {@code /proc}; RSS after each phase.
 */
final class PortkeySideBySide {

    private PortkeySideBySide() {
    }

    static void run(Path tmp, int rounds, int phaseSeconds) throws Exception {
        String dir = System.getenv("PORTKEY_DIR");
        if (dir == null || dir.isBlank()) {
            throw new IllegalArgumentException("PORTKEY_DIR must name the directory @portkey-ai/gateway is installed in "
                    + "(bench/lean-portkey.sh does it)");
        }
        Path start = Path.of(dir, "node_modules/@portkey-ai/gateway/build/start-server.js");
        byte[] chat = LeanServerBenchmark.chatBody();
        byte[] marketData = BenchmarkFixtures.marketDataJson(60).getBytes(StandardCharsets.UTF_8);
        Map<String, Duration> latency = Map.of("openai", Duration.ofMillis(LeanServerBenchmark.VENDOR_MS));
        Process gateway = null;
        try (FakeVendors fakes = FakeVendors.start(latency, v -> FaultMixBenchmark.wire(v).success());
             // The same consensus request again and again: without the cache off it would be answered from it.
             PackagedServer server = PackagedServer.start(PackagedServer.launcher(), withoutConsensusCache(fakes), tmp,
                     1)) {
            String base = fakes.environment().get("OPENAI_BASE_URL");
            String key = fakes.environment().get("OPENAI_API_KEY");
            int port = freePort();
            ProcessBuilder pb = new ProcessBuilder("node", start.toString(), "--port=" + port, "--headless");
            pb.environment().put("NODE_ENV", "production");
            pb.redirectErrorStream(true).redirectOutput(tmp.resolve("portkey.log").toFile());
            gateway = pb.start();
            Process g = gateway;
            Runtime.getRuntime().addShutdownHook(new Thread(g::destroy, "stop-portkey"));
            awaitGateway(port, gateway, tmp.resolve("portkey.log"));

            URL direct = URI.create(base + "/chat/completions").toURL();
            URL viaPortkey = URI.create("http://127.0.0.1:" + port + "/v1/chat/completions").toURL();
            URL viaServer = server.uri("/api/v1/consensus").toURL();
            Map<String, String> portkeyHeaders = Map.of("x-portkey-provider", "openai", "x-portkey-custom-host", base,
                    "Authorization", "Bearer " + key);
            Map<String, Callable<ServerThroughputBenchmark.Exchange>> routes = new java.util.LinkedHashMap<>();
            routes.put("direct", () -> LeanServerBenchmark.post(direct, chat, Map.of()));
            routes.put("portkey", () -> LeanServerBenchmark.post(viaPortkey, chat, portkeyHeaders));
            routes.put("server", () -> LeanServerBenchmark.post(viaServer, marketData, Map.of()));
            URL viaEndpoint = server.uri("/v1/chat/completions").toURL();
            byte[] endpointChat = new String(chat, StandardCharsets.UTF_8)
                    .replace("\"model\":\"gpt-4.1\"", "\"model\":\"openai\"").getBytes(StandardCharsets.UTF_8);
            routes.put("endpoint", () -> LeanServerBenchmark.post(viaEndpoint, endpointChat, Map.of()));
            Map<String, Long> pids = Map.of("portkey", gateway.pid(), "server", server.pid(), "endpoint", server.pid());
            System.out.printf("portkey pid %d (RSS %d MB), server pid %d (RSS %d MB); phases of %d s%n", gateway.pid(),
                    LeanServerBenchmark.rssMb(gateway.pid()), server.pid(), LeanServerBenchmark.rssMb(server.pid()),
                    phaseSeconds);
            // All warm before the first round, as a deployment is after its first minutes: 30 s of 32 clients on each
            // route (what the "fresh" benchmark calls warm; 10 s of 8 clients left the server's first round slower).
            for (String r : List.of("direct", "portkey", "server", "endpoint")) {
                LeanServerBenchmark.closedLoop(routes.get(r), 32, Duration.ofSeconds(30));
            }
            // Added latency (median, p99) of each route by number of clients, one entry per round.
            Map<String, List<double[]>> added = new java.util.TreeMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (int clients : new int[]{1, 32}) {
                    Map<String, double[]> latencies = new java.util.HashMap<>();
                    Map<String, Double> cpu = new java.util.HashMap<>();
                    Map<String, Long> rss = new java.util.HashMap<>();
                    // Alternating: the two routes swap places every round, the floor is measured between them.
                    List<String> order = round % 2 == 1 ? List.of("portkey", "direct", "endpoint", "server")
                            : List.of("server", "endpoint", "direct", "portkey");
                    for (String r : order) {
                        long pid = pids.getOrDefault(r, -1L);
                        long cpu0 = pid < 0 ? 0 : ServerThroughputBenchmark.cpuNanosOf(pid);
                        double[] l = LeanServerBenchmark.closedLoop(routes.get(r), clients,
                                Duration.ofSeconds(phaseSeconds));
                        latencies.put(r, l);
                        if (pid >= 0) {
                            cpu.put(r, (ServerThroughputBenchmark.cpuNanosOf(pid) - cpu0) / 1e6 / l.length);
                            rss.put(r, LeanServerBenchmark.rssMb(pid));
                        }
                    }
                    double[] floor = latencies.get("direct");
                    for (String r : List.of("portkey", "endpoint", "server")) {
                        double[] l = latencies.get(r);
                        String line = String.format(Locale.ROOT, "round %d, %2d client%s, %-8s: %6d requests, adds "
                                        + "%+.2f / %+.2f / %+.2f ms (median / p90 / p99; direct %.2f / %.2f / %.2f), "
                                        + "CPU %.2f ms/request, RSS %d MB; load %s", round, clients,
                                clients == 1 ? " " : "s", r, l.length,
                                LeanServerBenchmark.pct(l, 50) - LeanServerBenchmark.pct(floor, 50),
                                LeanServerBenchmark.pct(l, 90) - LeanServerBenchmark.pct(floor, 90),
                                LeanServerBenchmark.pct(l, 99) - LeanServerBenchmark.pct(floor, 99),
                                LeanServerBenchmark.pct(floor, 50), LeanServerBenchmark.pct(floor, 90),
                                LeanServerBenchmark.pct(floor, 99), cpu.get(r), rss.get(r),
                                ServerThroughputBenchmark.loadAverage());
                        System.out.println(line);
                        added.computeIfAbsent(clients + " " + r, k -> new java.util.ArrayList<>()).add(new double[]{
                                LeanServerBenchmark.pct(l, 50) - LeanServerBenchmark.pct(floor, 50),
                                LeanServerBenchmark.pct(l, 99) - LeanServerBenchmark.pct(floor, 99)});
                    }
                }
            }
            // The target: warm added latency <= 0.6x Portkey's at the median and the p99, with 1 client and with 32.
            for (int clients : new int[]{1, 32}) {
                for (String r : List.of("endpoint", "server")) {
                    double[] ours = medians(added.get(clients + " " + r));
                    double[] theirs = medians(added.get(clients + " portkey"));
                    System.out.printf(Locale.ROOT, "%2d client%s, %-8s against Portkey, medians of the rounds: median "
                                    + "%+.2f against %+.2f ms (%.2fx), p99 %+.2f against %+.2f ms (%.2fx); target <= "
                                    + "0.6x%n", clients, clients == 1 ? " " : "s", r, ours[0], theirs[0],
                            ours[0] / theirs[0], ours[1], theirs[1], ours[1] / theirs[1]);
                }
            }
        } finally {
            if (gateway != null) {
                gateway.destroy();
                if (!gateway.waitFor(10, TimeUnit.SECONDS)) {
                    gateway.destroyForcibly();
                }
            }
        }
    }

    /** The median over the rounds of each of the two figures (added median, added p99). */
    private static double[] medians(List<double[]> rounds) {
        double[] medians = new double[2];
        for (int i = 0; i < 2; i++) {
            int index = i;
            medians[i] = LeanServerBenchmark.pct(rounds.stream().mapToDouble(a -> a[index]).sorted().toArray(), 50);
        }
        return medians;
    }

    private static Map<String, String> withoutConsensusCache(FakeVendors fakes) {
        Map<String, String> env = new java.util.HashMap<>(fakes.environment());
        env.put("LLM_CONSENSUS_CACHE_TTL", "0");
        return env;
    }

    private static void awaitGateway(int port, Process gateway, Path log) throws Exception {
        URL url = URI.create("http://127.0.0.1:" + port + "/").toURL();
        long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < limit) {
            if (!gateway.isAlive()) {
                throw new IllegalStateException("the gateway exited: " + Files.readString(log));
            }
            try {
                if (((java.net.HttpURLConnection) url.openConnection()).getResponseCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the gateway did not answer within 60 s: " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
