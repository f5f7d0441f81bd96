package dev.llmservice.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.llmservice.config.ProviderName;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Local fake vendors on 127.0.0.1 (one server per provider, so each has its own latency) answering the vendors'
 * list-models calls with recorded bodies, and chat calls with a body the benchmark supplies. By default a provider
 * is one of the four built-ins, named like its type; {@link #start(Map, Function, Function)} serves any provider
 * name in the wire protocol of a type ({@code anthropic}, {@code gemini}, or OpenAI's for every other). The latency
 * is the fake's own think time: the point of these benchmarks is what our code adds on top of it.
 */
public final class FakeVendors implements AutoCloseable {

    static {
        // The JDK's HttpServer leaves Nagle's algorithm on: it writes the headers and the body separately, so the body
        // waits for the client's delayed ACK, ~40 ms on Linux, on every answer. No vendor answers like that, and it
        // would be counted as our latency. Read once, when the HttpServer implementation is first loaded.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // It also closes any connection that goes idle beyond 200 idle ones, and any idle for 30 s, while the client
        // may be picking it from its pool: the next request on it fails ("header parser received no bytes"). Under
        // a burst of load (hundreds of connections) or between two benchmark phases that happens to many at once,
        // and the failures are the fake's, not ours.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
        System.setProperty("sun.net.httpserver.idleInterval", "3600");
    }

    /** Vendor name to the path of its list-models call. */
    private static final Map<String, String> MODELS_PATH = Map.of(
            "anthropic", "/v1/models", "openai", "/v1/models", "grok", "/v1/models", "gemini", "/v1beta/models");
    private static final Map<String, String> MODELS_BODY = Map.of(
            "anthropic", "anthropic-models-list.json", "openai", "openai-models-list.json",
            "grok", "xai-models-list.json", "gemini", "gemini-models-list.json");
    private static final Map<String, String> FAKE_KEYS = Map.of(
            "anthropic", "sk-ant-Xq7Lm2Vw9Pz4Rt8K", "openai", "sk-proj-Hd3Wn8Qy5Bv1Zc6J",
            "gemini", "AIzaSyJf4Tn7Rk2Wq9Lp5Xc", "grok", "xai-Mb6Vq3Zt8Kw1Ry5Pn");
    /** Base URL suffix in each vendor SDK's convention (see the README's table). */
    private static final Map<String, String> BASE_SUFFIX = Map.of(
            "anthropic", "", "openai", "/v1", "grok", "/v1", "gemini", "");

    /** Connections waiting to be accepted; beyond it the kernel drops them and the client retries a second later. */
    private static final int BACKLOG = 1024;

    private final Map<String, HttpServer> servers = new LinkedHashMap<>();
    private final Map<String, MinuteWindow> windows = new LinkedHashMap<>();
    private final Map<String, String> protocols = new LinkedHashMap<>();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-vendor");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param latency     vendor name to the delay before each answer
     * @param chatBody    vendor name to the JSON body of a chat answer (may be absent when only health is measured)
     */
    public static FakeVendors start(Map<String, Duration> latency, Function<String, String> chatBody) {
        return start(latency, Function.identity(), chatBody);
    }

    /**
     * @param latency  provider name to the delay before each answer
     * @param protocol provider name to the type whose wire format its fake speaks: {@code anthropic}, {@code gemini},
     *                 {@code openai} or {@code grok}; any other is served as OpenAI's (the OpenAI-compatible types)
     * @param chatBody provider name to the JSON body of a chat answer
     */
    public static FakeVendors start(Map<String, Duration> latency, Function<String, String> protocol,
                                    Function<String, String> chatBody) {
        return start(latency, protocol, chatBody, 0);
    }

    /**
     * As {@link #start(Map, Function, Function)}, each vendor enforcing a rate limit as real ones do: beyond
     * {@code perMinute} chat calls in any 60 seconds it answers 429 with its rate-limit error body (which does not
     * count against the limit). {@link #calls}, {@link #refused} and {@link #busiestMinute} tell what it saw.
     *
     * @param perMinute chat calls admitted per sliding minute; 0 for no limit
     */
    public static FakeVendors start(Map<String, Duration> latency, Function<String, String> protocol,
                                    Function<String, String> chatBody, int perMinute) {
        FakeVendors fakes = new FakeVendors();
        latency.forEach((name, delay) -> {
            fakes.windows.put(name, new MinuteWindow(perMinute));
            fakes.serve(name, wireProtocol(protocol.apply(name)), delay, chatBody);
        });
        return fakes;
    }

    /** Chat calls the vendor answered (not those refused with 429). */
    public int calls(String vendor) {
        return windows.get(vendor).admitted();
    }

    /** Chat calls the vendor refused with 429 because of its per-minute limit. */
    public int refused(String vendor) {
        return windows.get(vendor).refused();
    }

    /** The most chat calls the vendor answered within any 60 seconds. */
    public int busiestMinute(String vendor) {
        return windows.get(vendor).busiest();
    }

    /** One of the four keys of the tables above; OpenAI's for an OpenAI-compatible type. */
    private static String wireProtocol(String type) {
        return MODELS_PATH.containsKey(type) ? type : "openai";
    }

    private void serve(String vendor, String protocol, Duration delay, Function<String, String> chatBody) {
        protocols.put(vendor, protocol);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), BACKLOG);
            byte[] models = resource(MODELS_BODY.get(protocol));
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    pause(delay);
                    boolean list = "GET".equals(exchange.getRequestMethod())
                            && exchange.getRequestURI().getPath().equals(MODELS_PATH.get(protocol));
                    if (!list && !windows.get(vendor).admit(System.nanoTime())) {
                        respond(exchange, 429, FaultMixBenchmark.wire(protocol).rateLimit()
                                .getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                    byte[] body = list ? models : chatBody.apply(vendor).getBytes(StandardCharsets.UTF_8);
                    respond(exchange, 200, body);
                }
            });
            server.setExecutor(pool);
            server.start();
            servers.put(vendor, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment that points every fake vendor's provider here, with a distinctive key each. */
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        servers.forEach((vendor, server) -> {
            String prefix = ProviderName.prefixOf(vendor);
            env.put(prefix + "_API_KEY", key(vendor));
            env.put(prefix + "_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort()
                    + BASE_SUFFIX.get(protocols.get(vendor)));
            env.put(prefix + "_MAX_RETRIES", "0");
        });
        return env;
    }

    /**
     * A fake key shaped like a real one: random-looking, sharing no run of more than four characters with the words
     * of our messages. A key that held the vendor's name ({@code bench-gemini-key-…}) had the redactor mask the name
     * in every message about that provider ({@code Abenc…cdef could not be reached}) and pay for it on every failure.
     * Providers other than the four built-ins get letters drawn from their name's hash: no digits, so no latency or
     * port can look like part of one.
     */
    public static String key(String vendor) {
        String known = FAKE_KEYS.get(vendor);
        if (known != null) {
            return known;
        }
        java.util.Random letters = new java.util.Random(vendor.hashCode());
        StringBuilder key = new StringBuilder("sk-");
        for (int i = 0; i < 20; i++) {
            key.append((char) ((letters.nextBoolean() ? 'a' : 'A') + letters.nextInt(26)));
        }
        return key.toString();
    }

    @Override
    public void close() {
        servers.values().forEach(s -> s.stop(0));
        pool.shutdownNow();
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = FakeVendors.class.getResourceAsStream("/fakes/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing benchmark resource /fakes/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A vendor's sliding-minute count of the chat calls it answered. */
    private static final class MinuteWindow {
        private static final long MINUTE = Duration.ofMinutes(1).toNanos();
        private final int limit;
        private final java.util.ArrayDeque<Long> recent = new java.util.ArrayDeque<>();
        private int admitted;
        private int refused;
        private int busiest;

        MinuteWindow(int limit) {
            this.limit = limit;
        }

        synchronized boolean admit(long now) {
            while (!recent.isEmpty() && now - recent.peekFirst() >= MINUTE) {
                recent.pollFirst();
            }
            if (limit > 0 && recent.size() >= limit) {
                refused++;
                return false;
            }
            recent.addLast(now);
            admitted++;
            busiest = Math.max(busiest, recent.size());
            return true;
        }

        synchronized int admitted() {
            return admitted;
        }

        synchronized int refused() {
            return refused;
        }

        synchronized int busiest() {
            return busiest;
        }
    }
}
