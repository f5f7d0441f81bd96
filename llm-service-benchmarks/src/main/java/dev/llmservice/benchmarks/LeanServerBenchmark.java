package dev.llmservice.benchmarks;

import dev.llmservice.benchmarks.ServerThroughputBenchmark.Exchange;
import dev.llmservice.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 18, the lean server: memory under load and idle, the first requests after start against warm ones, the
 * consensus that must wait for all four providers against the four calls made directly, and the server beside the
 * Portkey gateway. Fake vendors ({@link FakeVendors}) answer after {@value #VENDOR_MS} ms; the server is the packaged
 * one ({@link PackagedServer}, {@code bin/llm-service} as shipped, in its own process). Clients are closed-loop: each
 * sends its next request when the previous answer is read, with {@code HttpURLConnection} on its own thread (headers
 * and body in one write, keep-alive). CPU per request is read from {@code /proc/PID/stat} (10 ms ticks) around each
 * measured phase; RSS from {@code /proc/PID/status}; the load average is printed beside each figure, since on a
 * shared machine wall-clock figures move with it.
 *
 * <pre>
 *   memory  [clients=32] [load-s=300] [idle-s=60]   RSS every 10 s under load, then every 5 s idle
 *   fresh   [rounds=3]                                 a new server per round: its first 200 requests (1 client)
 *                                                      against 200 after 30 s of 32 clients, each less the direct floor
 *   tie     [rounds=5] [requests=300]                  2 BUY + 2 SELL (no early decision): the server's consensus
 *                                                      against the four vendor calls made in parallel from here
 *   bodies  [clients=32] [seconds=60]                  each client sends bodies of just under the 4 MiB limit
 *                                                      (5,000 candles and whitespace) without pause: answers by
 *                                                      status, RSS, and whether the server ran out of memory
 *   curve   [requests=1000] [bucket=50]                a new server's first requests, one client: the mean added
 *                                                      latency and server CPU of each bucket, to see where it warms
 *   floor   [rounds=3] [requests=300]                  no server: the tie's four vendor calls in parallel with
 *                                                      HttpURLConnection, with the JDK HttpClient, and the whole
 *                                                      consensus in-process, alternating
 *   portkey [rounds=3] [phase-s=15]                    one vendor; the server's consensus and Portkey's chat
 *                                                      completion (PORTKEY_DIR: where the gateway is installed),
 *                                                      each less the direct call, 1 client then 32, alternating
 * </pre>
 */
public final class LeanServerBenchmark {

    static final long VENDOR_MS = 50;
    static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final List<String> FOUR = List.of("anthropic", "openai", "gemini", "grok");

    private LeanServerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("http.maxConnections", "256");
        String mode = args.length > 0 ? args[0] : "memory";
        int a1 = args.length > 1 ? Integer.parseInt(args[1]) : -1;
        int a2 = args.length > 2 ? Integer.parseInt(args[2]) : -1;
        int a3 = args.length > 3 ? Integer.parseInt(args[3]) : -1;
        System.out.printf("lean server: %s; %s %s; %d cores; load %s%n", mode, System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                ServerThroughputBenchmark.loadAverage());
        Path tmp = Files.createTempDirectory("lean-server");
        try {
            switch (mode) {
                case "memory" -> memory(tmp, a1 > 0 ? a1 : 32, a2 > 0 ? a2 : 300, a3 > 0 ? a3 : 60);
                case "fresh" -> fresh(tmp, a1 > 0 ? a1 : 3);
                case "tie" -> tie(tmp, a1 > 0 ? a1 : 5, a2 > 0 ? a2 : 300);
                case "portkey" -> PortkeySideBySide.run(tmp, a1 > 0 ? a1 : 3, a2 > 0 ? a2 : 15);
                case "bodies" -> bodies(tmp, a1 > 0 ? a1 : 32, a2 > 0 ? a2 : 60);
                case "curve" -> curve(tmp, a1 > 0 ? a1 : 1_000, a2 > 0 ? a2 : 50);
                case "floor" -> floor(a1 > 0 ? a1 : 3, a2 > 0 ? a2 : 300);
                default -> throw new IllegalArgumentException(
                        "mode must be memory, fresh, tie, portkey, bodies, curve or floor, but was " + mode);
            }
        } finally {
            ServerThroughputBenchmark.deleteTree(tmp);
        }
    }

    // ---------------------------------------------------------------------------------------------------- memory

    private static void memory(Path tmp, int clients, int loadSeconds, int idleSeconds) throws Exception {
        byte[] body = BenchmarkFixtures.marketDataJson(60).getBytes(StandardCharsets.UTF_8);
        try (FakeVendors fakes = fourFakes(v -> "BUY");
             PackagedServer server = PackagedServer.start(PackagedServer.launcher(), serverEnvironment(fakes), tmp, 4)) {
            URL url = server.uri("/api/v1/consensus").toURL();
            System.out.printf("server pid %d ready: RSS %d MB; %d clients for %d s, then %d s idle%n", server.pid(),
                    rssMb(server.pid()), clients, loadSeconds, idleSeconds);
            long cpu0 = ServerThroughputBenchmark.cpuNanosOf(server.pid());
            AtomicInteger done = new AtomicInteger();
            Map<String, Long> errors = new ConcurrentHashMap<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(loadSeconds);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            for (int c = 0; c < clients; c++) {
                pool.execute(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            Exchange r = post(url, body, Map.of());
                            if (r.status() != 200) {
                                errors.merge("http " + r.status(), 1L, Long::sum);
                            }
                        } catch (IOException e) {
                            errors.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                        }
                        done.incrementAndGet();
                    }
                });
            }
            long maxRss = 0;
            for (int t = 10; t <= loadSeconds; t += 10) {
                Thread.sleep(10_000);
                long rss = rssMb(server.pid());
                maxRss = Math.max(maxRss, rss);
                System.out.printf("  load %3d s: %6d requests, RSS %4d MB, load %s%n", t, done.get(), rss,
                        ServerThroughputBenchmark.loadAverage());
            }
            pool.shutdown();
            pool.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            double cpuMs = (ServerThroughputBenchmark.cpuNanosOf(server.pid()) - cpu0) / 1e6 / Math.max(1, done.get());
            System.out.printf("after load: %d requests (%.0f/s), errors %s, server CPU %.2f ms per request, RSS %d MB "
                            + "(max %d MB)%n", done.get(), done.get() / (double) loadSeconds, errors, cpuMs,
                    rssMb(server.pid()), maxRss);
            for (int t = 5; t <= idleSeconds; t += 5) {
                Thread.sleep(5_000);
                System.out.printf("  idle %3d s: RSS %4d MB, load %s%n", t, rssMb(server.pid()),
                        ServerThroughputBenchmark.loadAverage());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- bodies

    private static void bodies(Path tmp, int clients, int seconds) throws Exception {
        String candles = BenchmarkFixtures.marketDataJson(5_000);
        int limit = 4 * 1024 * 1024;
        byte[] body = (candles + " ".repeat(limit - 1 - candles.length())).getBytes(StandardCharsets.UTF_8);
        try (FakeVendors fakes = fourFakes(v -> "BUY");
             PackagedServer server = PackagedServer.start(PackagedServer.launcher(), serverEnvironment(fakes), tmp, 4)) {
            URL url = server.uri("/api/v1/consensus").toURL();
            System.out.printf("server pid %d ready: RSS %d MB; %d clients sending %,d-byte bodies for %d s%n",
                    server.pid(), rssMb(server.pid()), clients, body.length, seconds);
            Map<String, Long> answers = new ConcurrentHashMap<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            for (int c = 0; c < clients; c++) {
                pool.execute(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            answers.merge("http " + post(url, body, Map.of()).status(), 1L, Long::sum);
                        } catch (IOException e) {
                            answers.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                        }
                    }
                });
            }
            long maxRss = 0;
            for (int t = 10; t <= seconds; t += 10) {
                Thread.sleep(10_000);
                long rss = rssMb(server.pid());
                maxRss = Math.max(maxRss, rss);
                System.out.printf("  %3d s: answers %s, RSS %4d MB, load %s%n", t, new java.util.TreeMap<>(answers),
                        rss, ServerThroughputBenchmark.loadAverage());
            }
            pool.shutdown();
            pool.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            String after;
            try {
                after = Integer.toString(post(server.uri("/api/v1/consensus").toURL(),
                        BenchmarkFixtures.marketDataJson(60).getBytes(StandardCharsets.UTF_8), Map.of()).status());
            } catch (IOException e) {
                after = "no answer (" + e + ")";
            }
            String log = Files.readString(tmp.resolve("server.log"));
            long oom = log.lines().filter(l -> l.contains("OutOfMemoryError")).count();
            System.out.printf("after: answers %s; max RSS %d MB; an ordinary consensus then answers %s; "
                            + "lines with OutOfMemoryError in the server's log: %d%n", new java.util.TreeMap<>(answers),
                    maxRss, after, oom);
            log.lines().filter(l -> l.contains("OutOfMemoryError")).limit(3)
                    .forEach(l -> System.out.println("  " + l.substring(0, Math.min(200, l.length()))));
        }
    }

    // ----------------------------------------------------------------------------------------------------- curve

    private static void curve(Path tmp, int requests, int bucket) throws Exception {
        byte[] body = BenchmarkFixtures.marketDataJson(60).getBytes(StandardCharsets.UTF_8);
        try (FakeVendors fakes = fourFakes(v -> "BUY")) {
            Direct direct = new Direct(fakes);
            direct.measure(100);
            double floor = median(direct.measure(200));
            try (PackagedServer server = PackagedServer.start(PackagedServer.launcher(), serverEnvironment(fakes), tmp,
                    4)) {
                URL url = server.uri("/api/v1/consensus").toURL();
                System.out.printf(Locale.ROOT, "direct floor %.2f ms; the first %d requests in buckets of %d:%n", floor,
                        requests, bucket);
                for (int done = 0; done < requests; done += bucket) {
                    long cpu0 = ServerThroughputBenchmark.cpuNanosOf(server.pid());
                    double[] l = sequential(url, body, bucket);
                    double cpu = (ServerThroughputBenchmark.cpuNanosOf(server.pid()) - cpu0) / 1e6 / bucket;
                    System.out.printf(Locale.ROOT, "  requests %4d-%4d: add %6.2f ms mean (median %+.2f), server CPU "
                                    + "%5.2f ms/request%n", done + 1, done + bucket, mean(l) - floor,
                            pct(l, 50) - floor, cpu);
                }
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------- fresh

    private static void fresh(Path tmp, int rounds) throws Exception {
        byte[] body = BenchmarkFixtures.marketDataJson(60).getBytes(StandardCharsets.UTF_8);
        try (FakeVendors fakes = fourFakes(v -> "BUY")) {
            Direct direct = new Direct(fakes);
            direct.measure(50); // this JVM's own warm-up for the floor
            List<double[]> summary = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                Path dir = Files.createDirectories(tmp.resolve("round" + round));
                long launched = System.nanoTime();
                try (PackagedServer server = PackagedServer.start(PackagedServer.launcher(), serverEnvironment(fakes), dir,
                        4)) {
                    double readyS = (System.nanoTime() - launched) / 1e9;
                    URL url = server.uri("/api/v1/consensus").toURL();
                    long cpu0 = ServerThroughputBenchmark.cpuNanosOf(server.pid());
                    double[] first = sequential(url, body, 200);
                    double firstCpu = (ServerThroughputBenchmark.cpuNanosOf(server.pid()) - cpu0) / 1e6 / 200;
                    closedLoop(url, body, 32, Duration.ofSeconds(30));
                    long cpu1 = ServerThroughputBenchmark.cpuNanosOf(server.pid());
                    double[] warm = sequential(url, body, 200);
                    double warmCpu = (ServerThroughputBenchmark.cpuNanosOf(server.pid()) - cpu1) / 1e6 / 200;
                    double floor = median(direct.measure(200));
                    double firstAdds = mean(first) - floor;
                    double warmAdds = mean(warm) - floor;
                    System.out.printf(Locale.ROOT, "round %d: ready (incl. the harness's readiness polling) %.2f s; "
                                    + "direct floor %.2f ms; first 200 add %.2f ms mean (median %+.2f, p90 %+.2f), "
                                    + "warm 200 add %.2f ms mean (median %+.2f, p90 %+.2f): fresh/warm %.2fx; server CPU "
                                    + "%.2f ms/request first, %.2f warm; load %s%n", round, readyS, floor, firstAdds,
                            pct(first, 50) - floor, pct(first, 90) - floor, warmAdds, pct(warm, 50) - floor,
                            pct(warm, 90) - floor, firstAdds / warmAdds, firstCpu, warmCpu,
                            ServerThroughputBenchmark.loadAverage());
                    summary.add(new double[]{firstAdds, warmAdds});
                }
            }
            double[] ratios = summary.stream().mapToDouble(s -> s[0] / s[1]).sorted().toArray();
            System.out.printf(Locale.ROOT, "fresh/warm added latency per round %s; median %.2fx (target <= 1.5x)%n",
                    Arrays.toString(Arrays.stream(ratios).map(r -> Math.round(r * 100) / 100.0).toArray()),
                    pct(ratios, 50));
        }
    }

    // ------------------------------------------------------------------------------------------------------- tie

    private static void tie(Path tmp, int rounds, int requests) throws Exception {
        byte[] body = BenchmarkFixtures.marketDataJson(60).getBytes(StandardCharsets.UTF_8);
        // Two BUY and two SELL of equal weight: no side can win before the last vote is in.
        try (FakeVendors fakes = fourFakes(v -> v.equals("anthropic") || v.equals("openai") ? "BUY" : "SELL");
             PackagedServer server = PackagedServer.start(PackagedServer.launcher(), serverEnvironment(fakes), tmp, 4)) {
            URL url = server.uri("/api/v1/consensus").toURL();
            Exchange sample = post(url, body, Map.of());
            System.out.printf("server pid %d; a tie answers %d %s%n", server.pid(), sample.status(),
                    Json.mapper().readTree(sample.body()).path("status").asText());
            Direct direct = new Direct(fakes);
            closedLoop(url, body, 8, Duration.ofSeconds(20)); // warm both sides first
            // Then one client, as in the rounds, until the server's JIT is done: after a closed loop its compiler
            // threads, starved by the clients, compile for a while longer (3-4 s of CPU per 5 s seen), and the
            // rounds measured that instead (CPU per request falling from 20-40 ms to 6-9 ms round by round).
            settle(url, body, server.pid());
            direct.measure(500);
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double[] floor = direct.measure(requests);
                long cpu0 = ServerThroughputBenchmark.cpuNanosOf(server.pid());
                double[] through = sequential(url, body, requests);
                double cpu = (ServerThroughputBenchmark.cpuNanosOf(server.pid()) - cpu0) / 1e6 / requests;
                double ratio = median(through) / median(floor);
                ratios.add(ratio);
                System.out.printf(Locale.ROOT, "round %d: direct 4 in parallel median %.2f ms (p90 %.2f); server "
                                + "median %.2f ms (p90 %.2f): %.3fx, +%.2f ms; server CPU %.2f ms/request; load %s%n",
                        round, median(floor), pct(floor, 90), median(through), pct(through, 90), ratio,
                        median(through) - median(floor), cpu, ServerThroughputBenchmark.loadAverage());
            }
            System.out.printf(Locale.ROOT, "tie: server / direct floor, median of rounds %.3fx (target <= 1.05x)%n",
                    RegistryAndHealthBenchmark.pct(ratios, 50));
        }
    }

    // ----------------------------------------------------------------------------------------------------- floor

    /**
     * Where the tie's time goes before the server's HTTP layer, three ways alternating per round, all in this JVM
     * beside the fakes: the tie's direct floor ({@code HttpURLConnection}); the same four calls with the JDK
     * {@link java.net.http.HttpClient} as the server's providers use it (one client per vendor, answers handled on
     * its selector thread, {@code send} on the calling thread, HTTP/1.1); and the whole consensus in-process (the
     * orchestrator as the starter builds it: parse, prompt, four LangChain4j calls through the provider stack, vote).
     */
    private static void floor(int rounds, int requests) throws Exception {
        String marketData = BenchmarkFixtures.marketDataJson(60);
        try (FakeVendors fakes = fourFakes(v -> v.equals("anthropic") || v.equals("openai") ? "BUY" : "SELL");
             ServerThroughputBenchmark.InProcess inProcess = new ServerThroughputBenchmark.InProcess(
                     serverEnvironment(fakes))) {
            Direct blocking = new Direct(fakes, false);
            Direct jdk = new Direct(fakes, true);
            java.util.function.IntFunction<double[]> consensus = count -> {
                double[] latencies = new double[count];
                for (int i = 0; i < count; i++) {
                    long start = System.nanoTime();
                    String status = inProcess.orchestrator.generateConsensusSignal(marketData, null, null).status()
                            .code();
                    latencies[i] = (System.nanoTime() - start) / 1e6;
                    if (!status.equals("tie")) {
                        throw new IllegalStateException("expected a tie, got " + status);
                    }
                }
                return latencies;
            };
            blocking.measure(2_000);
            jdk.measure(2_000);
            consensus.apply(3_000);
            for (int round = 1; round <= rounds; round++) {
                double[] a = blocking.measure(requests);
                double[] b = jdk.measure(requests);
                double[] c = consensus.apply(requests);
                System.out.printf(Locale.ROOT, "round %d: HttpURLConnection median %.2f ms (p90 %.2f); JDK HttpClient "
                                + "%.2f ms (p90 %.2f), +%.2f; in-process consensus %.2f ms (p90 %.2f), +%.2f; load %s%n",
                        round, median(a), pct(a, 90), median(b), pct(b, 90), median(b) - median(a), median(c),
                        pct(c, 90), median(c) - median(a), ServerThroughputBenchmark.loadAverage());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** The four built-in vendors at {@value #VENDOR_MS} ms, each answering the decision {@code decision} gives. */
    /**
     * The server's environment: the fakes' keys and base URLs, and the consensus cache off. Every request here is the
     * same, so with the cache on (its default: until the next candle) all but the first would be answered from it
     * without a vendor call, and the figures would measure the cache instead of the consensus.
     */
    /**
     * Sequential batches of 100 requests until the server's CPU per request stops falling (two batches in a row
     * within 10% of the lowest, and under 5 ms) or 40 batches: a warm server, not one still compiling.
     */
    private static void settle(URL url, byte[] body, long pid) throws Exception {
        double lowest = Double.MAX_VALUE;
        int close = 0;
        StringBuilder curve = new StringBuilder();
        for (int batch = 1; batch <= 40 && close < 2; batch++) {
            long cpu0 = ServerThroughputBenchmark.cpuNanosOf(pid);
            sequential(url, body, 100);
            double cpu = (ServerThroughputBenchmark.cpuNanosOf(pid) - cpu0) / 1e6 / 100;
            curve.append(String.format(Locale.ROOT, " %.1f", cpu));
            close = cpu < 5 && cpu <= lowest * 1.1 ? close + 1 : 0;
            lowest = Math.min(lowest, cpu);
        }
        System.out.println("settling, server CPU ms per request per 100 sequential requests:" + curve);
    }

    static Map<String, String> serverEnvironment(FakeVendors fakes) {
        Map<String, String> env = new java.util.HashMap<>(fakes.environment());
        env.put("LLM_CONSENSUS_CACHE_TTL", "0");
        return env;
    }

    static FakeVendors fourFakes(java.util.function.Function<String, String> decision) {
        Map<String, Duration> latency = new LinkedHashMap<>();
        FOUR.forEach(v -> latency.put(v, Duration.ofMillis(VENDOR_MS)));
        return FakeVendors.start(latency, v -> FaultMixBenchmark.wire(v, decision.apply(v)).success());
    }

    /**
     * The four vendor calls the server makes for one consensus, made directly from this process in parallel (one
     * thread each, kept): the floor a consensus cannot beat. Each sends a body of the size of the server's prompt.
     */
    static final class Direct {
        private final List<URL> urls = new ArrayList<>();
        private final ExecutorService callers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "direct-caller");
            t.setDaemon(true); // the benchmark's JVM ends when its main does
            return t;
        });
        private final byte[] body;
        /** One JDK client per vendor, as the server's providers have; null: {@code HttpURLConnection}. */
        private final List<java.net.http.HttpClient> jdkClients;

        Direct(FakeVendors fakes) throws IOException {
            this(fakes, false);
        }

        Direct(FakeVendors fakes, boolean jdkClient) throws IOException {
            jdkClients = jdkClient ? new ArrayList<>() : null;
            for (int i = 0; jdkClient && i < FOUR.size(); i++) {
                jdkClients.add(java.net.http.HttpClient.newBuilder().executor(Runnable::run)
                        .version(java.net.http.HttpClient.Version.HTTP_1_1).build());
            }
            Map<String, String> env = fakes.environment();
            for (String v : FOUR) {
                String base = env.get(v.toUpperCase(Locale.ROOT) + "_BASE_URL");
                urls.add(URI.create(base + "/chat").toURL());
            }
            body = chatBody();
        }

        double[] measure(int count) throws Exception {
            double[] latencies = new double[count];
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                List<Future<Exchange>> calls = new ArrayList<>();
                for (int v = 0; v < urls.size(); v++) {
                    URL url = urls.get(v);
                    if (jdkClients == null) {
                        calls.add(callers.submit(() -> post(url, body, Map.of())));
                    } else {
                        java.net.http.HttpClient client = jdkClients.get(v);
                        calls.add(callers.submit(() -> {
                            client.send(java.net.http.HttpRequest.newBuilder(url.toURI())
                                            .header("Content-Type", "application/json")
                                            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                            return null;
                        }));
                    }
                }
                for (Future<Exchange> f : calls) {
                    f.get();
                }
                latencies[i] = (System.nanoTime() - start) / 1e6;
            }
            return latencies;
        }
    }

    /** A chat request of the size the server sends for 60 candles (its prompt is ~6 KB of text). */
    static byte[] chatBody() {
        String prompt = BenchmarkFixtures.marketDataJson(60).replace("\"", "'");
        return ("{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}],"
                + "\"max_tokens\":1024,\"temperature\":0.7}").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code count} requests one after the other; each one's latency in ms, in order. */
    static double[] sequential(URL url, byte[] body, int count) throws IOException {
        double[] latencies = new double[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            Exchange r = post(url, body, Map.of());
            latencies[i] = (System.nanoTime() - start) / 1e6;
            if (r.status() != 200) {
                throw new IllegalStateException("request " + i + " answered " + r.status() + ": " + r.body());
            }
        }
        return latencies;
    }

    /** {@code clients} closed-loop clients for {@code length}; every latency in ms (unsorted). */
    static double[] closedLoop(URL url, byte[] body, int clients, Duration length) throws Exception {
        return closedLoop(() -> post(url, body, Map.of()), clients, length);
    }

    static double[] closedLoop(Callable<Exchange> request, int clients, Duration length) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<List<Double>>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            results.add(pool.submit(() -> {
                List<Double> mine = new ArrayList<>();
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    Exchange r = request.call();
                    if (r.status() != 200) {
                        throw new IllegalStateException("answered " + r.status() + ": " + r.body());
                    }
                    mine.add((System.nanoTime() - start) / 1e6);
                }
                return mine;
            }));
        }
        List<Double> all = new ArrayList<>();
        for (Future<List<Double>> f : results) {
            all.addAll(f.get());
        }
        pool.shutdown();
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** One POST on the calling thread, as the throughput benchmark sends it (headers and body in one write). */
    static Exchange post(URL url, byte[] body, Map<String, String> headers) throws IOException {
        return ServerThroughputBenchmark.send(url, body, TIMEOUT, headers);
    }

    static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static double pct(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double median(double[] values) {
        return pct(values, 50);
    }

    static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }
}
