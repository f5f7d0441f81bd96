package dev.llmservice.benchmarks;

import dev.llmservice.benchmarks.BenchmarkFixtures;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Slow clients must not stall everyone (the hardening issue's item 4): <i>1,000 connections that send the headers
 * and part of a body (Content-Length 100000) and then wait do not delay health or a consensus from another client by
 * more than 100 ms.</i>
 *
 * <p>Four local fake vendors ({@link FakeVendors}) answer in {@value #VENDOR_LATENCY_MS} ms; the packaged server is
 * started by its launcher ({@link PackagedServer}). Two samplers, each on its own thread and its own keep-alive
 * connection, send {@code GET /actuator/health} every {@value #HEALTH_EVERY_MS} ms and {@code POST /api/v1/consensus}
 * (60 candles, decided BUY) every {@value #CONSENSUS_EVERY_MS} ms; a latency counts from the moment a request is
 * sent, and a request not answered within {@link #SAMPLE_TIMEOUT} counts as an error and as that long. Phases:
 * <ol>
 *   <li>warm-up, not recorded (the server's JIT);</li>
 *   <li><b>baseline</b>: the samplers alone;</li>
 *   <li><b>slow clients</b>: N connections are opened, each sends {@code POST} (to {@code SLOW_PATH}, default
 *       {@code /api/v1/consensus}) with {@code Content-Length: 100000}, its headers and the first bytes of a real
 *       market-data body, and then sends nothing more; with them all open, the samplers run again. Afterwards each
 *       slow connection is looked at: still open and unanswered, answered (the status line is counted), or closed.</li>
 * </ol>
 * The target is met when, for health and for consensus, the slow-clients phase's median, p99 and worst latency are
 * each at most 100 ms above the baseline's and no request failed. The server's thread count is shown before and during the slow
 * clients (a server that parks a thread on each unfinished body shows it there).
 *
 * <p>Every connection is a file descriptor in both processes: N slow connections need N + ~200 descriptors in each.
 * HotSpot raises its soft limit to the hard limit at start-up on Linux, so the hard limit ({@code ulimit -Hn}) is
 * what counts; the benchmark stops with a message when its own is too low. Loopback only.
 *
 * <p>Run with {@code bench/slow-clients.sh [connections=1000] [measure-s=10] [sent-bytes=1000] [warmup-s=15]}.
 */
public final class SlowClientsBenchmark {

    static final long VENDOR_LATENCY_MS = 50;
    static final long HEALTH_EVERY_MS = 50;
    static final long CONSENSUS_EVERY_MS = 100;
    static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(10);
    static final int DECLARED_LENGTH = 100_000;
    static final double TARGET_MS = 100;
    /** Descriptors the JVM needs besides the slow connections: its jars, the fakes, the samplers. */
    static final int SPARE_DESCRIPTORS = 200;

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Duration measure = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 10);
        int sent = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Duration warmup = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 15);
        String slowPath = System.getenv().getOrDefault("SLOW_PATH", "/api/v1/consensus");
        if (sent < 0 || sent >= DECLARED_LENGTH) {
            throw new IllegalArgumentException("sent-bytes must be from 0 to " + (DECLARED_LENGTH - 1) + ", but was "
                    + sent);
        }
        long limit = openFileLimit(ProcessHandle.current().pid());
        if (limit >= 0 && limit < connections + SPARE_DESCRIPTORS) {
            throw new IllegalStateException(connections + " connections need at least " + (connections
                    + SPARE_DESCRIPTORS) + " open files, but this JVM may open " + limit + "; raise the hard limit "
                    + "(ulimit -Hn, e.g. in /etc/security/limits.conf or the container's --ulimit nofile=) and run "
                    + "again");
        }
        byte[] consensusBody = BenchmarkFixtures.marketDataJson(60).getBytes(StandardCharsets.UTF_8);
        byte[] slowBody = BenchmarkFixtures.marketDataJson(2_000).getBytes(StandardCharsets.UTF_8);

        Map<String, Duration> latency = new LinkedHashMap<>();
        FaultMixBenchmark.VENDORS.forEach(v -> latency.put(v, Duration.ofMillis(VENDOR_LATENCY_MS)));
        Path tmp = Files.createTempDirectory("slow-clients");
        try (FakeVendors fakes = FakeVendors.start(latency, v -> FaultMixBenchmark.wire(v).success());
             PackagedServer server = PackagedServer.start(PackagedServer.launcher(), PackagedServer.uncached(fakes.environment()), tmp,
                     FaultMixBenchmark.VENDORS.size())) {
            System.out.printf("slow clients: %d connections, each POST %s with Content-Length %d, its headers and %d"
                            + " body bytes, then nothing; phases of %d s; 4 fake vendors at %d ms; %s; %d cores;"
                            + " open files: benchmark %s, server %s; server pid %d%n",
                    connections, slowPath, DECLARED_LENGTH, sent, measure.toSeconds(), VENDOR_LATENCY_MS,
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), describeLimit(limit),
                    describeLimit(openFileLimit(server.pid())), server.pid());
            Samplers samplers = new Samplers(server, consensusBody);
            samplers.run(warmup);
            System.out.printf("load average %s; server threads %d%n", ServerThroughputBenchmark.loadAverage(),
                    threads(server.pid()));

            Phase baseline = samplers.run(measure);
            baseline.print("baseline");

            long opening = System.nanoTime();
            try (SlowClients slow = SlowClients.open(server.port(), connections, slowPath,
                    Arrays.copyOf(slowBody, sent))) {
                System.out.printf("opened %d slow connections in %.0f ms (%d failed to connect or send)%n",
                        slow.open(), (System.nanoTime() - opening) / 1e6, connections - slow.open());
                Phase loaded = samplers.run(measure);
                System.out.printf("server threads with the slow connections open: %d; load average %s%n",
                        threads(server.pid()), ServerThroughputBenchmark.loadAverage());
                loaded.print("slow clients");
                System.out.println("slow connections afterwards: " + slow.states());
                summary(baseline, loaded);
            }
        } finally {
            ServerThroughputBenchmark.deleteTree(tmp);
        }
    }

    /**
     * The delay at the median, the p99 and the worst: each the slow-clients phase's figure minus the baseline's same
     * figure, so that the machine's own jitter (on a shared machine the worst request of a phase is often 50-150 ms
     * slower than the median with no slow client at all: run with 0 connections to see it) counts on both sides.
     */
    private static void summary(Phase baseline, Phase loaded) {
        boolean met = true;
        for (String kind : List.of("health", "consensus")) {
            Series b = baseline.series().get(kind);
            Series l = loaded.series().get(kind);
            double median = l.pct(50) - b.pct(50);
            double p99 = l.pct(99) - b.pct(99);
            double worst = l.pct(100) - b.pct(100);
            met &= Math.max(median, Math.max(p99, worst)) <= TARGET_MS && l.errors().isEmpty();
            System.out.printf("%-9s delayed by %+.1f ms (median), %+.1f ms (p99), %+.1f ms (worst); %d errors%n",
                    kind, median, p99, worst, l.errorCount());
        }
        System.out.printf("target (delayed by <= %.0f ms at the median, the p99 and the worst; no errors): %s%n",
                TARGET_MS, met ? "met" : "NOT met");
    }

    /** The two samplers: health and consensus, each on its own thread and keep-alive connection, at a fixed pace. */
    private static final class Samplers {

        private final URL health;
        private final URL consensus;
        private final byte[] body;

        Samplers(PackagedServer server, byte[] body) throws IOException {
            this.health = server.uri("/actuator/health").toURL();
            this.consensus = server.uri("/api/v1/consensus").toURL();
            this.body = body;
        }

        Phase run(Duration length) throws InterruptedException {
            Series[] results = new Series[2];
            Thread h = new Thread(() -> results[0] = sample(length, HEALTH_EVERY_MS, () -> {
                ServerThroughputBenchmark.Exchange r = ServerThroughputBenchmark.send(health, null, SAMPLE_TIMEOUT);
                return r.status() == 200 ? null : "http " + r.status();
            }), "health-sampler");
            Thread c = new Thread(() -> results[1] = sample(length, CONSENSUS_EVERY_MS, () -> {
                ServerThroughputBenchmark.Exchange r = ServerThroughputBenchmark.send(consensus, body, SAMPLE_TIMEOUT);
                return ServerThroughputBenchmark.checkResponse(r.status(), r.body());
            }), "consensus-sampler");
            h.start();
            c.start();
            h.join();
            c.join();
            Map<String, Series> series = new LinkedHashMap<>();
            series.put("health", results[0]);
            series.put("consensus", results[1]);
            return new Phase(series);
        }

        private static Series sample(Duration length, long everyMs, ServerThroughputBenchmark.Check request) {
            List<Double> latencies = new ArrayList<>();
            Map<String, Long> errors = new TreeMap<>();
            double worst = -1;
            double worstAt = 0;
            long start = System.nanoTime();
            long end = start + length.toNanos();
            for (long i = 0; ; i++) {
                long due = start + TimeUnit.MILLISECONDS.toNanos(everyMs * i);
                if (due >= end || System.nanoTime() >= end) {
                    break;  // requests that were due while one waited are not made up: the phase keeps its length
                }
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                long sent = System.nanoTime();
                String problem;
                try {
                    problem = request.problem();
                } catch (Exception e) {
                    problem = e.getClass().getSimpleName();
                }
                double ms = (System.nanoTime() - sent) / 1e6;
                latencies.add(ms);
                if (ms > worst) {
                    worst = ms;
                    worstAt = (sent - start) / 1e9;
                }
                if (problem != null) {
                    errors.merge(problem, 1L, Long::sum);
                }
            }
            double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Series(sorted, errors, worstAt);
        }
    }

    /** One phase: the health and the consensus series. */
    record Phase(Map<String, Series> series) {

        void print(String name) {
            series.forEach((kind, s) -> System.out.printf(
                    "%-13s %-9s n=%-4d median %7.2f ms  p99 %8.2f ms  max %8.2f ms (sent at %4.1f s)  errors %d%s%n",
                    name, kind, s.latencies().length, s.pct(50), s.pct(99), s.pct(100), s.worstAtSeconds(),
                    s.errorCount(),
                    s.errors().isEmpty() ? "" : " " + s.errors()));
        }
    }

    /** Sorted latencies in ms, the errors by kind, and when the slowest request was sent (s into the phase). */
    record Series(double[] latencies, Map<String, Long> errors, double worstAtSeconds) {

        double pct(int percentile) {
            return latencies.length == 0 ? Double.NaN : ServerThroughputBenchmark.Run.pct(latencies, percentile);
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The slow connections: headers and the start of a body sent, then silence. */
    private static final class SlowClients implements AutoCloseable {

        private final List<Socket> sockets = new ArrayList<>();

        static SlowClients open(int port, int count, String path, byte[] bodyStart) {
            byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + DECLARED_LENGTH + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(head, head.length + bodyStart.length);
            System.arraycopy(bodyStart, 0, request, head.length, bodyStart.length);
            SlowClients clients = new SlowClients();
            for (int i = 0; i < count; i++) {
                Socket socket = new Socket();
                try {
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                    OutputStream out = socket.getOutputStream();
                    out.write(request);
                    out.flush();
                    clients.sockets.add(socket);
                } catch (IOException e) {
                    close(socket);
                }
            }
            return clients;
        }

        int open() {
            return sockets.size();
        }

        /** How many are still open and unanswered, answered (by status line), or closed by the server. */
        Map<String, Integer> states() {
            Map<String, Integer> states = new TreeMap<>();
            for (Socket socket : sockets) {
                states.merge(state(socket), 1, Integer::sum);
            }
            return states;
        }

        private static String state(Socket socket) {
            try {
                socket.setSoTimeout(1);
                InputStream in = socket.getInputStream();
                StringBuilder line = new StringBuilder();
                int b;
                while ((b = in.read()) >= 0 && b != '\r' && line.length() < 40) {
                    line.append((char) b);
                    socket.setSoTimeout(1_000);  // the rest of an answer that has begun comes at once
                }
                if (line.length() > 0) {
                    return "answered " + line.toString().replaceFirst("^HTTP/1\\.1 (\\d+).*", "$1");
                }
                return "closed by the server";
            } catch (SocketTimeoutException e) {
                return "open, unanswered";
            } catch (IOException e) {
                return "reset (" + e.getClass().getSimpleName() + ")";
            }
        }

        @Override
        public void close() {
            sockets.forEach(SlowClients::close);
        }

        private static void close(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing: nothing to do
            }
        }
    }

    /** The soft limit on open files of a process (from {@code /proc}), or -1 when unknown. */
    static long openFileLimit(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/" + pid + "/limits"))) {
            return lines.filter(l -> l.startsWith("Max open files")).findFirst()
                    .map(l -> l.substring("Max open files".length()).trim().split("\\s+")[0])
                    .map(v -> v.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(v)).orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String describeLimit(long limit) {
        return limit < 0 ? "unknown" : limit == Long.MAX_VALUE ? "unlimited" : Long.toString(limit);
    }

    /** The number of threads of a process (from {@code /proc}), or -1 when unknown. */
    static int threads(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/" + pid + "/status"))) {
            return lines.filter(l -> l.startsWith("Threads:")).findFirst()
                    .map(l -> Integer.parseInt(l.substring("Threads:".length()).trim())).orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
