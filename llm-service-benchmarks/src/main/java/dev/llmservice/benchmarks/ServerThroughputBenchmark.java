package dev.llmservice.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.config.Environment;
import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.MultiProviderOrchestrator;
import dev.llmservice.consensus.policy.ConsensusStatus;
import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.json.Json;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.state.OverrideStore;

import java.io.IOException;
import java.math.BigDecimal;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Issue 4's throughput target: <i>at 200 consensus requests/s against fake providers answering in 50 ms, the server
 * adds ≤ 2 ms (median) over calling the orchestrator in-process, with no errors.</i>
 *
 * <p>Four local fake vendors ({@link FakeVendors}), each answering {@code {"decision":"BUY","confidence":0.8,…}} in
 * its own wire format after {@value #VENDOR_LATENCY_MS} ms. The same market data (60 five-minute candles, the JSON
 * the REST API takes) is sent the same number of times, at the same fixed rate, two ways:
 * <ol>
 *   <li><b>in-process</b>: {@link MultiProviderOrchestrator#generateConsensusSignal(String, String, String)} in this
 *       JVM, built as the starter builds it (registry from {@link ProviderFactory}, the registry's enabled providers,
 *       default policy, deadline and early decision);</li>
 *   <li><b>server</b>: {@code POST /api/v1/consensus} to the packaged server, started by {@code bin/llm-service} as a
 *       separate process with an environment that holds nothing but the fakes' variables, a state file and an absent
 *       {@code .env} in a temporary directory; {@link HttpURLConnection} on the sending thread (HTTP/1.1,
 *       keep-alive, headers and body in one write), or the JDK {@link HttpClient} with {@code CLIENT=jdk}.</li>
 * </ol>
 * The load is open-loop: request {@code i} is due at {@code start + i / rate} and its latency counts from that
 * moment, not from when a thread got round to sending it, so a stall anywhere (in the generator too) shows in the
 * figures instead of slowing the load down (no coordinated omission). Each request runs on its own thread from a
 * cached pool, so the generator never waits for an answer. An error is an exception, a status other than 200, or a
 * result other than decided BUY.
 *
 * <p>Per mode and round: a warm-up, not recorded, whose rate rises from a tenth of the rate to the full rate (a fresh
 * JVM met at once with the full rate spends the two cores compiling, falls behind and never catches up), then the
 * measured window at the full rate: median, p90, p99, max, errors, the CPU each JVM spent per measured request (all
 * its threads: compilers, GC, the fakes in this JVM), how late the generator itself was at worst, and the load
 * average before and after. The two modes alternate (in-process, server, in-process, ...) against the same server
 * process, so that both see the same conditions on a shared machine; the summary takes the median over rounds of
 * the difference of the medians.
 *
 * <p>Mode {@code journal} answers issue 13's target instead: <i>journal on adds ≤ 1 ms to the server's median
 * consensus latency (4 providers at 50 ms, same run on/off)</i>. Two packaged servers run side by side, one with
 * {@code LLM_JOURNAL=off}, one recording into an SQLite journal in the temporary directory (the default
 * configuration); the load alternates between them per round, exactly as above, and the summary takes the median over
 * rounds of the difference of their medians.
 *
 * <p>Run with {@code bench/server-throughput.sh [rounds=3] [rate=200] [measure-s=30] [warmup-s=60] [both|in-process|
 * server|journal]}. The launcher is {@code bin/llm-service} (override with {@code LLM_SERVICE_LAUNCHER}); {@code
 * SERVER_JAVA_OPTS} becomes the server's {@code JAVA_OPTS}; {@code SERVER_ARGS} (space-separated) are passed to the
 * server. API keys are never printed; the server's log stays in a temporary file shown only when the server fails to
 * start.
 */
public final class ServerThroughputBenchmark {

    static final long VENDOR_LATENCY_MS = 50;
    static final List<String> VENDORS = FaultMixBenchmark.VENDORS;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(40);

    public static void main(String[] args) throws Exception {
        // HttpURLConnection keeps at most 5 idle connections per host by default; ~11 requests are in flight.
        System.setProperty("http.maxConnections", "256");
        String clientKind = Objects.requireNonNullElse(System.getenv("CLIENT"), "blocking");
        if (!List.of("blocking", "jdk").contains(clientKind)) {
            throw new IllegalArgumentException("CLIENT must be blocking or jdk, but was " + clientKind);
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Duration measure = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 30);
        Duration warmup = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 60);
        String modes = args.length > 4 ? args[4] : "both";
        if (!List.of("both", "server", "in-process", "journal").contains(modes)) {
            throw new IllegalArgumentException("modes must be both, in-process, server or journal, but was " + modes);
        }
        boolean journal = modes.equals("journal");
        boolean local = !journal && !modes.equals("server");
        boolean remote = !journal && !modes.equals("in-process");
        Path launcher = PackagedServer.launcher();
        String body = BenchmarkFixtures.marketDataJson(60);
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);

        Map<String, Duration> latency = new LinkedHashMap<>();
        VENDORS.forEach(v -> latency.put(v, Duration.ofMillis(VENDOR_LATENCY_MS)));
        Path tmp = Files.createTempDirectory("server-throughput");
        List<Run> locals = new ArrayList<>();
        List<Run> remotes = new ArrayList<>();
        if (journal) {
            try (FakeVendors fakes = FakeVendors.start(latency, v -> FaultMixBenchmark.wire(v).success())) {
                journalOnOff(launcher, fakes, tmp, rounds, rate, warmup, measure, bodyBytes);
            } finally {
                deleteTree(tmp);
            }
            return;
        }
        try (FakeVendors fakes = FakeVendors.start(latency, v -> FaultMixBenchmark.wire(v).success());
             PackagedServer server = remote ? PackagedServer.start(launcher, PackagedServer.uncached(fakes.environment()), tmp, VENDORS.size())
                     : null;
             InProcess inProcess = local ? new InProcess(PackagedServer.uncached(fakes.environment())) : null) {
            System.out.printf("server throughput: %d rounds, %d requests/s, warm-up %d s, measured %d s; "
                            + "4 fake vendors at %d ms; %s; %d cores%s%n",
                    rounds, rate, warmup.toSeconds(), measure.toSeconds(), VENDOR_LATENCY_MS,
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(),
                    remote ? "; server pid " + server.pid() + "; client " + clientKind : "");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request = remote ? HttpRequest.newBuilder(server.uri("/api/v1/consensus"))
                    .header("content-type", "application/json")
                    .timeout(REQUEST_TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build() : null;
            for (int round = 1; round <= rounds; round++) {
                if (local) {
                    Run run = Load.run("in-process", round, rate, warmup, measure, -1,
                            () -> inProcess.check(inProcess.orchestrator.generateConsensusSignal(body, null, null)));
                    print(run);
                    locals.add(run);
                }
                if (remote) {
                    URL url = server.uri("/api/v1/consensus").toURL();
                    Run run = Load.run("server", round, rate, warmup, measure, server.pid(), () -> {
                        if (clientKind.equals("jdk")) {
                            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                            return () -> checkResponse(response.statusCode(), response.body());
                        }
                        Exchange response = post(url, bodyBytes);
                        return () -> checkResponse(response.status(), response.body());
                    });
                    print(run);
                    remotes.add(run);
                }
                if (local && remote) {
                    Run l = locals.get(round - 1);
                    Run r = remotes.get(round - 1);
                    System.out.printf("round %d: server adds %+.2f ms (median), %+.2f ms (p90), %+.2f ms (p99)%n",
                            round, r.pct(50) - l.pct(50), r.pct(90) - l.pct(90), r.pct(99) - l.pct(99));
                }
                System.out.println();
            }
        } finally {
            deleteTree(tmp);
        }
        summary(locals, remotes);
    }

    /**
     * Issue 13: the same load against a server with the journal off and one with it on, alternating per round; the
     * journal's servers each have a directory (home, state file, log) of their own.
     */
    private static void journalOnOff(Path launcher, FakeVendors fakes, Path tmp, int rounds, int rate, Duration warmup,
                                     Duration measure, byte[] body) throws Exception {
        Path offDir = Files.createDirectories(tmp.resolve("journal-off"));
        Path onDir = Files.createDirectories(tmp.resolve("journal-on"));
        Map<String, String> offEnv = new LinkedHashMap<>(PackagedServer.uncached(fakes.environment()));
        offEnv.put("LLM_JOURNAL", "off");
        Map<String, String> onEnv = new LinkedHashMap<>(PackagedServer.uncached(fakes.environment()));
        onEnv.put("LLM_JOURNAL_URL", "jdbc:sqlite:" + onDir.resolve("journal.db"));
        List<Run> offs = new ArrayList<>();
        List<Run> ons = new ArrayList<>();
        try (PackagedServer off = PackagedServer.start(launcher, offEnv, offDir, VENDORS.size());
             PackagedServer on = PackagedServer.start(launcher, onEnv, onDir, VENDORS.size())) {
            System.out.printf("journal on/off: %d rounds, %d requests/s, warm-up %d s, measured %d s; 4 fake vendors at "
                            + "%d ms; %s; %d cores; server pids %d (off), %d (on, %s)%n", rounds, rate,
                    warmup.toSeconds(), measure.toSeconds(), VENDOR_LATENCY_MS,
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), off.pid(), on.pid(), onDir.resolve("journal.db"));
            for (int round = 1; round <= rounds; round++) {
                for (PackagedServer server : List.of(off, on)) {
                    URL url = server.uri("/api/v1/consensus").toURL();
                    Run run = Load.run(server == off ? "journal off" : "journal on", round, rate, warmup, measure,
                            server.pid(), () -> {
                                Exchange response = post(url, body);
                                return () -> checkResponse(response.status(), response.body());
                            });
                    print(run);
                    (server == off ? offs : ons).add(run);
                }
                Run o = offs.get(round - 1);
                Run n = ons.get(round - 1);
                System.out.printf("round %d: the journal adds %+.2f ms (median), %+.2f ms (p90), %+.2f ms (p99)%n%n",
                        round, n.pct(50) - o.pct(50), n.pct(90) - o.pct(90), n.pct(99) - o.pct(99));
            }
            JsonNode written = Json.mapper().readTree(HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(on.uri("/api/v1/consensus?limit=1")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            System.out.printf("the journal's newest entry: %s%n", written.at("/entries/0/id").asText("none"));
        }
        summary(offs, ons, "journal adds", "on median - off median", 1.0);
    }

    private static void summary(List<Run> locals, List<Run> remotes) {
        summary(locals, remotes, "server adds", "server median - in-process median", 2.0);
    }

    /**
     * Each mode's medians and errors, then what {@code measured} adds to {@code base} per round (the difference of
     * their medians) and the median of that over the rounds, against {@code targetMs}.
     */
    static void summary(List<Run> base, List<Run> measured, String what, String difference,
                                double targetMs) {
        System.out.println("== summary ==");
        for (List<Run> runs : List.of(base, measured)) {
            if (!runs.isEmpty()) {
                System.out.printf("%-10s medians %s ms; errors %d of %d measured requests%n", runs.get(0).mode(),
                        runs.stream().map(r -> String.format(Locale.ROOT, "%.2f", r.pct(50))).toList(),
                        runs.stream().mapToLong(Run::errorCount).sum(),
                        runs.stream().mapToLong(r -> r.latencies().length).sum());
            }
        }
        if (base.isEmpty() || measured.isEmpty()) {
            return;
        }
        double[] adds = new double[base.size()];
        for (int i = 0; i < adds.length; i++) {
            adds[i] = measured.get(i).pct(50) - base.get(i).pct(50);
        }
        List<String> perRound = Arrays.stream(adds).mapToObj(a -> String.format(Locale.ROOT, "%+.2f", a)).toList();
        Arrays.sort(adds);
        double median = adds[(adds.length - 1) / 2];
        long errors = Stream.concat(base.stream(), measured.stream()).mapToLong(Run::errorCount).sum();
        System.out.printf("%s (%s), per round: %s ms; median of rounds %+.2f ms%n", what, difference, perRound,
                median);
        System.out.printf("target (%s <= %s ms median, no errors): %s%n", what,
                BigDecimal.valueOf(targetMs).stripTrailingZeros().toPlainString(),
                median <= targetMs && errors == 0 ? "met" : "NOT met");
    }

    static void print(Run r) {
        System.out.printf("round %d %-10s n=%d  median %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms  errors %d%s%n",
                r.round(), r.mode(), r.latencies().length, r.pct(50), r.pct(90), r.pct(99), r.pct(100),
                r.errorCount(), r.errors().isEmpty() ? "" : " " + r.errors());
        System.out.printf("                  CPU per request: benchmark JVM %.2f ms%s; generator late by at most %.1f ms;"
                        + " load average %s -> %s%n",
                r.benchCpuMs(), r.serverCpuMs() < 0 ? "" : String.format(Locale.ROOT, ", server JVM %.2f ms",
                        r.serverCpuMs()), r.maxLateMs(), r.loadBefore(), r.loadAfter());
    }

    /** One answer as {@link #send} read it. */
    record Exchange(int status, String body) {
    }

    /** {@link #send} of a JSON body, waiting at most {@link #REQUEST_TIMEOUT} for the answer. */
    static Exchange post(URL url, byte[] body) throws IOException {
        return send(url, body, REQUEST_TIMEOUT);
    }

    /**
     * One request on the calling thread with {@link HttpURLConnection} (HTTP/1.1, its keep-alive cache): the client
     * a load generator should be, doing its I/O where it waits. The JDK {@link HttpClient} ({@code CLIENT=jdk})
     * hands every answer from its selector thread to an executor thread and then to the waiting caller: two thread
     * switches per request on the client's side, which on 2 shared cores count as "the server adds".
     *
     * @param body    a JSON body to POST, or {@code null} for a GET
     * @param timeout how long to wait for the answer (a {@link java.net.SocketTimeoutException} after it)
     */
    static Exchange send(URL url, byte[] body, Duration timeout) throws IOException {
        return send(url, body, timeout, Map.of());
    }

    /** {@link #send(URL, byte[], Duration)} with extra request headers. */
    static Exchange send(URL url, byte[] body, Duration timeout, Map<String, String> headers) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setConnectTimeout(5_000);
        c.setReadTimeout((int) timeout.toMillis());
        if (body != null) {
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            headers.forEach(c::setRequestProperty);
            // No streaming mode: the connection buffers the body and sends it with the headers in one write. Streamed
            // (setFixedLengthStreamingMode), the headers go first and Nagle holds the body until the server's kernel
            // acknowledges them; Tomcat reads the headers, finds no body yet, and waits for it through its poller.
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int status = c.getResponseCode();
        InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
        String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (in != null) {
            in.close();                                  // read to the end and closed: the connection is reused
        }
        return new Exchange(status, text);
    }

    /** {@code null} when the answer is a 200 decided BUY, else what was wrong with it. */
    static String checkResponse(int statusCode, String body) throws IOException {
        if (statusCode != 200) {
            return "http " + statusCode;
        }
        JsonNode result = Json.mapper().readTree(body);
        String decision = result.path("decision").asText();
        String status = result.path("status").asText();
        if ("BUY".equals(decision) && "decided".equals(status)) {
            return null;
        }
        List<String> failed = new ArrayList<>();
        for (JsonNode vote : result.path("votes")) {
            if (!"ok".equals(vote.path("status").asText())) {
                failed.add(vote.path("provider").asText() + " " + vote.path("status").asText() + "/"
                        + vote.path("error").path("kind").asText("-"));
            }
        }
        return decision + " " + status + " " + failed;
    }

    /** The votes that were not ok, as {@code provider status/kind}: enough to tell why, and no message. */
    static List<String> failedVotes(ConsensusResult r) {
        return r.votes().stream().filter(v -> !v.isOk())
                .map(v -> v.provider() + " " + v.status().code() + "/" + (v.failure() == null ? "-" : v.failure().code()))
                .toList();
    }

    /** The orchestrator as the starter builds it, over providers made from the fakes' environment. */
    static final class InProcess implements AutoCloseable {

        final MultiProviderOrchestrator orchestrator;

        InProcess(Map<String, String> env) {
            ProviderFactory factory = ProviderFactory.builder()
                    .environment(Environment.of(env))
                    .overrides(OverrideStore.inMemory())
                    .build();
            ProviderRegistry registry = factory.initializeRegistry();
            if (registry.enabled().size() != VENDORS.size()) {
                throw new IllegalStateException("expected " + VENDORS.size() + " enabled providers, got "
                        + registry.enabled().size());
            }
            orchestrator = MultiProviderOrchestrator.builder(registry::enabled).build();
        }

        Check check(ConsensusResult r) {
            return () -> r.status() == ConsensusStatus.DECIDED && r.decision() == Decision.BUY
                    ? null : r.decision() + " " + r.status().code() + " " + failedVotes(r);
        }

        @Override
        public void close() {
            orchestrator.close();
        }
    }

    /** What is wrong with an answer, judged after its latency was taken: {@code null} when nothing. */
    @FunctionalInterface
    interface Check {
        String problem() throws Exception;
    }

    /** One request: sends it, waits for the answer, and returns how to check it. */
    @FunctionalInterface
    interface Request {
        Check send() throws Exception;
    }

    /** One measured window of one mode. */
    record Run(String mode, int round, double[] latencies, Map<String, Long> errors, double benchCpuMs,
               double serverCpuMs, double maxLateMs, String loadBefore, String loadAfter) {

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        double pct(int percentile) {
            return pct(latencies, percentile);
        }

        static double pct(double[] sorted, int percentile) {
            int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }

    /** The open-loop load generator. */
    static final class Load {

        private Load() {
        }

        /**
         * Sends {@code rate} requests a second, warm-up first, each due at a fixed time and timed from it.
         *
         * @param serverPid the server's process, whose CPU time is read around the measured window; -1 for none
         */
        static Run run(String mode, int round, int rate, Duration warmup, Duration measure, long serverPid,
                       Request request) throws InterruptedException {
            long[] warmDue = rampUp(rate, warmup);
            int warm = warmDue.length;
            int measured = (int) (rate * measure.toSeconds());
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            double[] latencies = new double[measured];
            Map<String, Long> errors = new ConcurrentHashMap<>();
            long maxLag = 0; // how late the generator itself handed a request over, at worst
            ExecutorService senders = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "sender");
                t.setDaemon(true);
                return t;
            });
            String loadBefore = null;
            long cpuBefore = 0;
            long serverCpuBefore = 0;
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            for (int i = 0; i < warm + measured; i++) {
                long due = start + (i < warm ? warmDue[i] : warmup.toNanos() + (i - warm) * interval);
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (i >= warm) {
                    maxLag = Math.max(maxLag, -wait);
                }
                if (i == warm) {
                    loadBefore = loadAverage();
                    cpuBefore = processCpuNanos();
                    serverCpuBefore = serverPid < 0 ? 0 : cpuNanosOf(serverPid);
                }
                int index = i - warm;
                senders.execute(() -> {
                    String problem;
                    try {
                        Check check = request.send();
                        long end = System.nanoTime();
                        if (index >= 0) {
                            latencies[index] = (end - due) / 1e6;
                        }
                        problem = check.problem();
                    } catch (Exception e) {
                        if (index >= 0) {
                            latencies[index] = (System.nanoTime() - due) / 1e6;
                        }
                        problem = e.getClass().getSimpleName();
                    }
                    if (problem != null && index >= 0) {
                        errors.merge(problem, 1L, Long::sum);
                    }
                });
            }
            senders.shutdown();
            if (!senders.awaitTermination(REQUEST_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(mode + ": requests still running after the timeout");
            }
            double benchCpuMs = (processCpuNanos() - cpuBefore) / 1e6 / measured;
            double serverCpuMs = serverPid < 0 ? -1 : (cpuNanosOf(serverPid) - serverCpuBefore) / 1e6 / measured;
            String loadAfter = loadAverage();
            Arrays.sort(latencies);
            return new Run(mode, round, latencies, new LinkedHashMap<>(errors), benchCpuMs, serverCpuMs,
                    maxLag / 1e6, loadBefore, loadAfter);
        }
    }

    /**
     * Due times (from the start) of the warm-up requests: the rate rises linearly from a tenth of {@code rate} to
     * {@code rate} over {@code warmup}, so that a fresh JVM compiles its hot code before it meets the full rate
     * (met at once, the compilers and the requests compete for the two cores and a backlog builds that never clears).
     */
    static long[] rampUp(int rate, Duration warmup) {
        List<Long> due = new ArrayList<>();
        double end = warmup.toNanos();
        for (double t = 0; t < end; t += 1e9 / (rate * (0.1 + 0.9 * t / end))) {
            due.add((long) t);
        }
        return due.stream().mapToLong(Long::longValue).toArray();
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    /** CPU time (user + system) of this JVM. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time (user + system) of another process, from /proc (Linux; clock ticks of 10 ms). */
    static long cpuNanosOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command name: state is field 3 of stat, utime 14 and stime 15.
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
