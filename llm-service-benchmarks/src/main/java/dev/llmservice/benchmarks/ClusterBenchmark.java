package dev.llmservice.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.json.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Issue 15's cluster check: a real {@code redis-server}, three packaged servers sharing it through
 * {@code LLM_STATE_URL}, and fake vendors that enforce a per-minute limit as real ones do (429 beyond it).
 *
 * <ol>
 *   <li><b>Rate limits</b>: {@code pairs} distinct pairs asked at once, each by two "bots" on two different replicas,
 *   with {@code P_RPM} = the vendors' limit. Reports vendor calls, vendor 429s, the busiest minute each vendor saw,
 *   skipped votes, statuses and latency percentiles. Target: 0 vendor 429s, at most the limit per minute, every
 *   request answered by its deadline.</li>
 *   <li><b>One spend per candle</b>: a fresh cluster without limits; {@code duplicates} distinct pairs each asked at
 *   the same moment by two bots on two replicas, then once more later by a third bot on the third replica. Target:
 *   vendor calls = distinct pairs x providers, exactly; the same id for all three answers; the late ones cached.</li>
 *   <li><b>Overrides</b>: a provider disabled (then enabled) on one replica, the others polled until they show it.
 *   Target: p99 &lt;= 1 s.</li>
 *   <li><b>What Redis adds</b>: one request at a time, each for a new pair (a cache miss: the cross-replica lock and
 *   result are written), alternating between a replica with Redis and a server without it. Target: the median
 *   differs by &lt;= 2 ms.</li>
 * </ol>
 *
 * {@code KEEP_LOGS=1} keeps the servers' logs (their directory is printed). Run with {@code bench/cluster.sh [pairs=300] [rpm=60] [duplicates=100] [override-rounds=50] [latency-rounds=200]}.
 */
public final class ClusterBenchmark {

    static final List<String> VENDORS = FaultMixBenchmark.VENDORS;
    static final Duration VENDOR_LATENCY = Duration.ofMillis(50);
    /** The server's consensus deadline ({@code llm.deadline}, 30 s by default); an answer after it is late. */
    static final Duration DEADLINE = Duration.ofSeconds(30);
    /** The admin token of the replicas; a made-up one, letters only. */
    static final String ADMIN_TOKEN = "adm-QwErTyUiOpAsDfGhJk";
    static final String WATCHED = "openai";

    public static void main(String[] args) throws Exception {
        int pairs = arg(args, 0, 300);
        int rpm = arg(args, 1, 60);
        int duplicates = arg(args, 2, 100);
        int overrideRounds = arg(args, 3, 50);
        int latencyRounds = arg(args, 4, 200);
        Path tmp = Files.createTempDirectory("cluster");
        System.out.printf("cluster: 3 replicas, %d fake vendors at %d ms, %s, %d cores, load %s%n", VENDORS.size(),
                VENDOR_LATENCY.toMillis(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), ServerThroughputBenchmark.loadAverage());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (RedisServer redis = RedisServer.start(tmp.resolve("redis"))) {
            rateLimits(client, redis, tmp.resolve("limits"), pairs, rpm);
            redis.flushAll();
            duplicatesAndOverrides(client, redis, tmp.resolve("duplicates"), duplicates, overrideRounds,
                    latencyRounds);
        } finally {
            if (System.getenv("KEEP_LOGS") == null) {
                ServerThroughputBenchmark.deleteTree(tmp);
            } else {
                System.out.println("servers' logs kept in " + tmp);
            }
        }
    }

    // 1. --------------------------------------------------------------------------------------------------------

    static void rateLimits(HttpClient client, RedisServer redis, Path tmp, int pairs, int rpm) throws Exception {
        System.out.printf("%n1. rate limits: %d pairs at once, each asked by 2 bots on 2 replicas; vendors allow "
                + "%d requests per minute, P_RPM=%d%n", pairs, rpm, rpm);
        Map<String, String> limits = new HashMap<>();
        VENDORS.forEach(v -> limits.put(v.toUpperCase(Locale.ROOT) + "_RPM", Integer.toString(rpm)));
        try (FakeVendors fakes = vendors(rpm); Cluster cluster = Cluster.start(fakes, redis, tmp, limits)) {
            Instant candle = currentHour();
            List<Asked> asks = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                String body = marketData(pair("R", i), candle);
                asks.add(new Asked(cluster.replica(i), body));
                asks.add(new Asked(cluster.replica(i + 1), body));
            }
            List<Answer> answers = askAll(client, asks);
            report(answers);
            vendorReport(fakes, rpm);
        }
    }

    // 2-4. ------------------------------------------------------------------------------------------------------

    static void duplicatesAndOverrides(HttpClient client, RedisServer redis, Path tmp, int distinct,
                                       int overrideRounds, int latencyRounds) throws Exception {
        System.out.printf("%n2. one spend per candle: %d distinct pairs, each asked at once by 2 bots on 2 replicas, "
                + "then by a third bot on the third replica; no rate limits%n", distinct);
        try (FakeVendors fakes = vendors(0); Cluster cluster = Cluster.start(fakes, redis, tmp, Map.of())) {
            Instant candle = currentHour();
            List<Asked> together = new ArrayList<>();
            List<Asked> later = new ArrayList<>();
            for (int i = 0; i < distinct; i++) {
                String body = marketData(pair("D", i), candle);
                together.add(new Asked(cluster.replica(i), body));
                together.add(new Asked(cluster.replica(i + 1), body));
                later.add(new Asked(cluster.replica(i + 2), body));
            }
            List<Answer> first = askAll(client, together);
            List<Answer> third = askAll(client, later);
            report(first);
            int sameId = 0;
            int lateCached = 0;
            for (int i = 0; i < distinct; i++) {
                String a = first.get(2 * i).id();
                if (a != null && a.equals(first.get(2 * i + 1).id()) && a.equals(third.get(i).id())) {
                    sameId++;
                }
                lateCached += third.get(i).cached() ? 1 : 0;
            }
            int calls = VENDORS.stream().mapToInt(fakes::calls).sum();
            System.out.printf("   vendor calls %d for %d distinct requests x %d providers = %d (%s); the same id in all "
                            + "three answers: %d of %d pairs; the late answer cached: %d of %d%n", calls, distinct,
                    VENDORS.size(), distinct * VENDORS.size(),
                    calls == distinct * VENDORS.size() ? "exactly" : "NOT equal", sameId, distinct, lateCached, distinct);

            overrides(client, cluster, overrideRounds);
            redisOverhead(client, fakes, cluster, tmp.resolve("plain"), latencyRounds);
        }
    }

    static void overrides(HttpClient client, Cluster cluster, int rounds) throws Exception {
        System.out.printf("%n3. overrides: %s disabled then enabled on one replica, %d rounds; time until each other "
                + "replica shows it%n", WATCHED, rounds);
        List<Double> seen = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (String change : List.of("disable", "enable")) {
                PackagedServer writer = cluster.replica(r);
                HttpResponse<String> written = client.send(HttpRequest.newBuilder(
                                writer.uri("/api/v1/providers/" + WATCHED + "/" + change))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                long done = System.nanoTime();
                if (written.statusCode() != 200) {
                    throw new IllegalStateException(change + " answered " + written.statusCode() + ": "
                            + written.body());
                }
                String expected = change.equals("disable") ? "disabled" : "enabled";
                for (int other = 1; other <= 2; other++) {
                    PackagedServer reader = cluster.replica(r + other);
                    seen.add(awaitState(client, reader, expected, done) / 1e6);
                }
            }
        }
        System.out.printf("   seen by the other replicas after: median %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms "
                        + "(%d observations)%n", pct(seen, 50), pct(seen, 90), pct(seen, 99), pct(seen, 100),
                seen.size());
    }

    /** Nanoseconds from {@code since} until {@code reader} shows {@link #WATCHED} in {@code state}. */
    private static long awaitState(HttpClient client, PackagedServer reader, String state, long since)
            throws Exception {
        HttpRequest get = HttpRequest.newBuilder(reader.uri("/api/v1/providers/" + WATCHED)).build();
        long limit = since + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < limit) {
            HttpResponse<String> r = client.send(get, HttpResponse.BodyHandlers.ofString());
            if (state.equals(Json.mapper().readTree(r.body()).path("state").asText())) {
                return System.nanoTime() - since;
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("replica on port " + reader.port() + " did not show " + WATCHED + " "
                + state + " within 10 s");
    }

    static void redisOverhead(HttpClient client, FakeVendors fakes, Cluster cluster, Path tmp, int rounds)
            throws Exception {
        System.out.printf("%n4. what Redis adds: %d requests one at a time, each a new pair, alternating between a "
                + "replica with Redis and a server without%n", rounds);
        Files.createDirectories(tmp);
        try (PackagedServer plain = PackagedServer.start(PackagedServer.launcher(), fakes.environment(), tmp,
                VENDORS.size())) {
            PackagedServer shared = cluster.replica(0);
            Instant candle = currentHour();
            List<Double> withRedis = new ArrayList<>();
            List<Double> without = new ArrayList<>();
            for (int i = -20; i < rounds; i++) { // 20 of each first, not counted: connections and JIT warm up
                double a = askOne(client, shared, marketData(pair("W", i + 20), candle)).millis();
                double b = askOne(client, plain, marketData(pair("P", i + 20), candle)).millis();
                if (i >= 0) {
                    withRedis.add(a);
                    without.add(b);
                }
            }
            System.out.printf("   with Redis: median %.1f ms, p90 %.1f ms; without: median %.1f ms, p90 %.1f ms; "
                            + "Redis adds %+.1f ms at the median%n", pct(withRedis, 50), pct(withRedis, 90),
                    pct(without, 50), pct(without, 90), pct(withRedis, 50) - pct(without, 50));
        }
    }

    // -----------------------------------------------------------------------------------------------------------

    private static FakeVendors vendors(int perMinute) {
        Map<String, Duration> latency = new LinkedHashMap<>();
        VENDORS.forEach(v -> latency.put(v, VENDOR_LATENCY));
        return FakeVendors.start(latency, Function.identity(), v -> FaultMixBenchmark.wire(v).success(), perMinute);
    }

    record Asked(PackagedServer server, String body) {
    }

    /** {@code serverMillis}: the consensus's own {@code latency_ms}, from when the server started it (-1: none). */
    record Answer(int status, double millis, String id, boolean cached, int skipped, int rateLimitedLocally,
                  int ok, long serverMillis) {
    }

    private static List<Answer> askAll(HttpClient client, List<Asked> asks) {
        ExecutorService threads = Executors.newFixedThreadPool(asks.size());
        try {
            List<CompletableFuture<Answer>> answers = new ArrayList<>();
            for (Asked a : asks) {
                answers.add(CompletableFuture.supplyAsync(() -> askOne(client, a.server(), a.body()), threads));
            }
            return answers.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdownNow();
        }
    }

    private static Answer askOne(HttpClient client, PackagedServer server, String body) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.uri("/api/v1/consensus"))
                    .timeout(DEADLINE.plusSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            double millis = (System.nanoTime() - start) / 1e6;
            JsonNode json = Json.mapper().readTree(r.body());
            int skipped = 0;
            int local = 0;
            int ok = 0;
            for (JsonNode vote : json.path("votes")) {
                String status = vote.path("status").asText();
                skipped += status.equals("skipped") ? 1 : 0;
                ok += status.equals("ok") ? 1 : 0;
                local += vote.toString().contains("rate_limited_locally") ? 1 : 0;
            }
            return new Answer(r.statusCode(), millis, json.path("id").asText(null), json.path("cached").asBoolean(),
                    skipped, local, ok, json.path("latency_ms").asLong(-1));
        } catch (Exception e) {
            return new Answer(-1, (System.nanoTime() - start) / 1e6, null, false, 0, 0, 0, -1);
        }
    }

    private static void report(List<Answer> answers) {
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        List<Double> latency = new ArrayList<>();
        int late = 0;
        int lateOnServer = 0;
        long longestOnServer = 0;
        int skipped = 0;
        int local = 0;
        int ok = 0;
        for (Answer a : answers) {
            statuses.merge(a.status(), 1, Integer::sum);
            latency.add(a.millis());
            late += a.millis() > DEADLINE.toMillis() ? 1 : 0;
            lateOnServer += a.serverMillis() > DEADLINE.toMillis() ? 1 : 0;
            longestOnServer = Math.max(longestOnServer, a.serverMillis());
            skipped += a.skipped();
            local += a.rateLimitedLocally();
            ok += a.ok();
        }
        System.out.printf("   %d requests: HTTP statuses %s (-1: no answer); answered after the %d s deadline: %d as "
                        + "the client measures (from sending), %d as the server does (latency_ms, from starting the "
                        + "consensus; the longest %d ms)%n", answers.size(), statuses, DEADLINE.toSeconds(), late,
                lateOnServer, longestOnServer);
        System.out.printf("   latency median %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms%n", pct(latency, 50),
                pct(latency, 90), pct(latency, 99), pct(latency, 100));
        System.out.printf("   votes: %d ok, %d skipped (%d of them rate_limited_locally)%n", ok, skipped, local);
    }

    private static void vendorReport(FakeVendors fakes, int rpm) {
        for (String v : VENDORS) {
            System.out.printf("   vendor %-9s calls %4d, 429s %d, busiest minute %d (limit %d)%n", v, fakes.calls(v),
                    fakes.refused(v), fakes.busiestMinute(v), rpm);
        }
    }

    /** The open time of the current hour's candle: the last candle of the market data, so the cache keeps it. */
    private static Instant currentHour() {
        return Instant.now().truncatedTo(ChronoUnit.HOURS);
    }

    /** A pair named {@code <prefix><letters of i>/USDT}: unique per index, no digits. */
    static String pair(String prefix, int i) {
        StringBuilder s = new StringBuilder(prefix);
        int n = i;
        do {
            s.append((char) ('A' + n % 26));
            n /= 26;
        } while (n > 0);
        return s + "/USDT";
    }

    /** 60 hourly candles of {@code pair} ending with the one opened at {@code last}. */
    static String marketData(String pair, Instant last) {
        String candles = BenchmarkFixtures.marketDataJson(60);
        String arrays = candles.substring(candles.indexOf("\"candles\":"));
        StringBuilder rows = new StringBuilder();
        long first = last.minus(Duration.ofHours(59)).toEpochMilli();
        int i = 0;
        for (String row : arrays.substring(arrays.indexOf("[[") + 2, arrays.lastIndexOf("]]")).split("\\],\\[")) {
            rows.append(i == 0 ? "" : ",").append('[').append(first + i * 3_600_000L)
                    .append(row.substring(row.indexOf(','))).append(']');
            i++;
        }
        return "{\"pair\":\"" + pair + "\",\"timeframe\":\"1h\",\"candles\":[" + rows + "]}";
    }

    private static double pct(List<Double> values, int percentile) {
        return values.isEmpty() ? Double.NaN : RegistryAndHealthBenchmark.pct(values, percentile);
    }

    private static int arg(String[] args, int index, int otherwise) {
        return args.length > index ? Integer.parseInt(args[index]) : otherwise;
    }

    /** Three packaged servers sharing one Redis, each with its own temporary directory. */
    static final class Cluster implements AutoCloseable {
        private final List<PackagedServer> replicas = new ArrayList<>();

        static Cluster start(FakeVendors fakes, RedisServer redis, Path tmp, Map<String, String> extra)
                throws Exception {
            Cluster cluster = new Cluster();
            try {
                for (int i = 1; i <= 3; i++) {
                    Path dir = Files.createDirectories(tmp.resolve("replica-" + i));
                    Map<String, String> env = new HashMap<>(fakes.environment());
                    env.put("LLM_STATE_URL", redis.url());
                    env.put("LLM_ADMIN_TOKEN", ADMIN_TOKEN);
                    env.put("LLM_INSTANCE_ID", "replica-" + i);
                    env.putAll(extra);
                    cluster.replicas.add(PackagedServer.start(PackagedServer.launcher(), env, dir, VENDORS.size()));
                }
            } catch (Exception | Error e) {
                cluster.close();
                throw e;
            }
            return cluster;
        }

        /** Replica {@code i} modulo 3. */
        PackagedServer replica(int i) {
            return replicas.get(Math.floorMod(i, replicas.size()));
        }

        @Override
        public void close() throws InterruptedException {
            for (PackagedServer s : replicas) {
                s.close();
            }
        }
    }
}
