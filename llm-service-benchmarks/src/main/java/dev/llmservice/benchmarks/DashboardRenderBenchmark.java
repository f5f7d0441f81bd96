package dev.llmservice.benchmarks;

import dev.llmservice.config.ProviderName;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 16's target: the dashboard's first render takes at most 300 ms on the server with 20 providers and 50
 * decisions. The packaged server ({@code bin/llm-service}, its own process) runs 20 {@code openai-compatible}
 * providers, each on a fake vendor of its own on 127.0.0.1 answering in 5 ms, with the default SQLite journal; 50
 * consensus requests fill the journal (20 votes each), then two servers start on that journal, one after the other.
 * From a client on the same host, time to the last byte of:
 * <ul>
 *   <li>the first {@code GET /} as soon as the server is ready (racing its background warm-up), and the first
 *       {@code GET /} of the other server {@link #AFTER_READY} after it is ready (what the first visitor waits);</li>
 *   <li>{@code GET /} warm: the median, p95 and max of the runs after a warm-up;</li>
 *   <li>the fragments a live update fetches ({@code /dashboard/providers}, {@code /dashboard/decisions}), warm.</li>
 * </ul>
 * The page is checked to hold 20 provider rows and 50 decision rows. Also prints the page's size.
 *
 * <pre>bench/dashboard.sh [rounds=3] [runs=200] [warmup=200]</pre>
 */
public final class DashboardRenderBenchmark {

    static final int PROVIDERS = 20;
    static final int DECISIONS = 50;
    static final Duration VENDOR_LATENCY = Duration.ofMillis(5);
    /** When a visitor comes a little after start-up: the background warm-up ({@code DashboardWarmUp}) is done. */
    static final Duration AFTER_READY = Duration.ofSeconds(2);
    static final Pattern PROVIDER_ROW = Pattern.compile("<tr id=\"provider-");
    static final Pattern DECISION_ROW = Pattern.compile("<tr id=\"decision-");

    private static int pageBytes;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Map<String, Duration> latency = new LinkedHashMap<>();
        for (int i = 1; i <= PROVIDERS; i++) {
            latency.put(String.format("p%02d", i), VENDOR_LATENCY);
        }
        System.out.printf("dashboard render: %d providers, %d decisions; %d rounds (a fresh server each), %d warm "
                        + "runs after %d; %s; %d cores%n", PROVIDERS, DECISIONS, rounds, runs, warmup,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String body = BenchmarkFixtures.marketDataJson(60);
        for (int round = 1; round <= rounds; round++) {
            Path tmp = Files.createTempDirectory("dashboard-render");
            try (FakeVendors fakes = FakeVendors.start(latency, name -> "openai-compatible",
                    name -> FaultMixBenchmark.wire("openai").success())) {
                Map<String, String> env = environment(fakes, latency);
                // One server records the decisions; the measured ones start on its journal (in tmp), as a
                // server restarted on a journal that holds them.
                try (PackagedServer filler = PackagedServer.start(PackagedServer.launcher(), env, tmp, PROVIDERS)) {
                    for (int i = 0; i < DECISIONS; i++) {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(filler.uri("/api/v1/consensus"))
                                .header("content-type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("consensus answered " + r.statusCode() + ": " + r.body());
                        }
                    }
                    awaitRecorded(client, filler);
                }
                double atReady;
                try (PackagedServer server = PackagedServer.start(PackagedServer.launcher(), env, tmp, PROVIDERS)) {
                    atReady = firstRender(client, server);
                }
                try (PackagedServer server = PackagedServer.start(PackagedServer.launcher(), env, tmp, PROVIDERS)) {
                    Thread.sleep(AFTER_READY.toMillis());
                    double later = firstRender(client, server);
                    HttpRequest page = HttpRequest.newBuilder(server.uri("/")).build();
                    double[] warm = time(client, page, warmup, runs);
                    double[] providers = time(client, HttpRequest.newBuilder(server.uri("/dashboard/providers")).build(),
                            warmup / 4, runs);
                    double[] decisions = time(client, HttpRequest.newBuilder(server.uri("/dashboard/decisions")).build(),
                            warmup / 4, runs);
                    System.out.printf("round %d: first GET / at ready %.1f ms, %d s after ready %.1f ms; warm GET / "
                                    + "median %.2f ms, p95 %.2f, max %.2f; fragments warm median: providers %.2f ms, "
                                    + "decisions %.2f ms; page %d bytes; load average %.1f%n",
                            round, atReady, AFTER_READY.toSeconds(), later, percentile(warm, 50), percentile(warm, 95),
                            warm[warm.length - 1], percentile(providers, 50), percentile(decisions, 50), pageBytes,
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                }
            } finally {
                ServerThroughputBenchmark.deleteTree(tmp);
            }
        }
    }

    /** The first {@code GET /} of a server, to its last byte; checks it shows every provider and decision. */
    private static double firstRender(HttpClient client, PackagedServer server) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> first = client.send(HttpRequest.newBuilder(server.uri("/")).build(),
                HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - start) / 1e6;
        check(first.body());
        pageBytes = first.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return ms;
    }

    /** The fakes' environment with twenty openai-compatible providers, one per fake. */
    static Map<String, String> environment(FakeVendors fakes, Map<String, Duration> providers) {
        Map<String, String> env = new HashMap<>(PackagedServer.uncached(fakes.environment()));
        env.put("LLM_PROVIDERS", String.join(",", providers.keySet()));
        for (String name : providers.keySet()) {
            String prefix = ProviderName.prefixOf(name);
            env.put(prefix + "_TYPE", "openai-compatible");
            env.put(prefix + "_MODEL", "bench-model");
        }
        return env;
    }

    /** The journal writes off the response path: wait until it holds every decision. */
    private static void awaitRecorded(HttpClient client, PackagedServer server) throws Exception {
        HttpRequest history = HttpRequest.newBuilder(server.uri("/api/v1/consensus?limit=" + DECISIONS)).build();
        long limit = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < limit) {
            String json = client.send(history, HttpResponse.BodyHandlers.ofString()).body();
            if (count(Pattern.compile("\"created_at\""), json) >= DECISIONS) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the journal did not record " + DECISIONS + " decisions in 30 s");
    }

    private static void check(String page) {
        int providers = count(PROVIDER_ROW, page);
        int decisions = count(DECISION_ROW, page);
        if (providers != PROVIDERS || decisions != DECISIONS) {
            throw new IllegalStateException("the page shows " + providers + " providers and " + decisions
                    + " decisions, expected " + PROVIDERS + " and " + DECISIONS);
        }
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Sorted milliseconds of {@code runs} requests after {@code warmup} unmeasured ones. */
    private static double[] time(HttpClient client, HttpRequest request, int warmup, int runs) throws Exception {
        for (int i = 0; i < warmup; i++) {
            client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            ms.add((System.nanoTime() - start) / 1e6);
            if (r.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered " + r.statusCode());
            }
        }
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    private static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
