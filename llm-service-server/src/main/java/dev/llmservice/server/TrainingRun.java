package dev.llmservice.server;

import com.sun.net.httpserver.HttpServer;
import dev.llmservice.config.Environment;
import dev.llmservice.journal.DecisionJournals;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The training run of {@code bin/llm-service}: the real server, asked what a deployment asks from its first minute
 * (health, status, Prometheus, a rejected consensus and {@value #CONSENSUS_REQUESTS} real consensus requests over
 * HTTP), with its four built-in providers pointed at local fakes on 127.0.0.1 in this JVM that answer in their
 * vendors' wire formats at once. No real vendor is called and no key is real. The JVM then exits, and the launcher's
 * options make it write what it learnt: on JDK 25 an ahead-of-time cache (classes loaded and linked, and the method
 * profiles the JIT compiles from at once in later runs: JEP 483, 514, 515), on JDK 17 a class-data archive.
 *
 * <p>Not part of the service: the launcher runs it once per build, with {@code LLM_ENV_FILE} naming a file in its
 * working directory (this class writes the fakes' variables there before the server reads them), a state file and a
 * journal there too, and {@code HOME} there, so that nothing outside that directory is written.
 *
 * <p>{@value #PREPARE_JOURNAL} only creates that journal and exits: the launcher runs it first, in a JVM that
 * records nothing, so that the training run opens a current journal without Flyway, as every later start does, and
 * Flyway's classes stay out of the archive (each class in it is resident in every server started from it).
 */
public final class TrainingRun {

    /** Enough for the JIT to profile (and, in the training run itself, compile) the request path. */
    static final int CONSENSUS_REQUESTS = 1500;
    private static final int CLIENTS = 4;

    private static final String DECISION = "{\\\"decision\\\":\\\"BUY\\\",\\\"confidence\\\":0.8,\\\"reasoning\\\":"
            + "\\\"training\\\"}";
    private static final Map<String, String> ANSWERS = Map.of(
            "anthropic", "{\"id\":\"msg_training\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude\","
                    + "\"content\":[{\"type\":\"text\",\"text\":\"" + DECISION + "\"}],\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":20}}",
            "openai", openAi(),
            "grok", openAi(),
            "gemini", "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + DECISION + "\"}],\"role\":\"model\"},"
                    + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":10,"
                    + "\"candidatesTokenCount\":20,\"totalTokenCount\":30},\"modelVersion\":\"gemini\"}");
    private static final Map<String, String> KEYS = Map.of(
            "anthropic", "sk-ant-trainingKeyAbCdEfGh", "openai", "sk-proj-trainingKeyAbCdEfGh",
            "gemini", "AIzaTrainingKeyAbCdEfGh", "grok", "xai-trainingKeyAbCdEfGh");
    /** The base URL's suffix in each vendor SDK's convention (as in the README's table). */
    private static final Map<String, String> SUFFIX = Map.of("anthropic", "", "openai", "/v1", "grok", "/v1",
            "gemini", "");

    static final String PREPARE_JOURNAL = "--prepare-journal";

    private TrainingRun() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals(PREPARE_JOURNAL)) {
            DecisionJournals.open(Environment.system()).close();
            return;
        }
        Path envFile = Path.of(System.getenv("LLM_ENV_FILE"));
        List<HttpServer> fakes = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        for (String vendor : List.of("anthropic", "openai", "gemini", "grok")) {
            HttpServer fake = fake(ANSWERS.get(vendor).getBytes(StandardCharsets.UTF_8));
            fakes.add(fake);
            String prefix = vendor.toUpperCase(Locale.ROOT);
            env.put(prefix + "_API_KEY", KEYS.get(vendor));
            env.put(prefix + "_BASE_URL", "http://127.0.0.1:" + fake.getAddress().getPort() + SUFFIX.get(vendor));
            env.put(prefix + "_MAX_RETRIES", "0");
        }
        StringBuilder dotEnv = new StringBuilder();
        env.forEach((k, v) -> dotEnv.append(k).append('=').append(v).append('\n'));
        Files.writeString(envFile, dotEnv);

        int code = 1;
        try {
            // The application's main class, not this one: the bean definitions generated at build time are
            // looked up by it.
            SpringApplication application = new SpringApplication(LlmServiceApplication.class);
            application.setMainApplicationClass(LlmServiceApplication.class);
            ConfigurableApplicationContext context = application.run(args);
            try {
                train(((WebServerApplicationContext) context).getWebServer().getPort());
            } finally {
                code = SpringApplication.exit(context);
            }
        } finally {
            fakes.forEach(f -> f.stop(0));
            System.exit(code); // also when the server did not start: the fakes' threads would keep the JVM alive
        }
    }

    private static void train(int port) throws Exception {
        send(port, "GET", "/actuator/health", null);
        send(port, "GET", "/api/v1/providers", null);
        send(port, "GET", "/actuator/prometheus", null);
        send(port, "POST", "/api/v1/consensus", "{\"pair\":\"BTC/USDT\"}");
        byte[] epochCandles = marketData(false);
        byte[] isoCandles = marketData(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(clients.submit(() -> {
                    for (int i = 0; i < CONSENSUS_REQUESTS / CLIENTS; i++) {
                        byte[] body = i % 4 == 0 ? isoCandles : epochCandles;
                        send(port, "POST", "/api/v1/consensus", new String(body, StandardCharsets.UTF_8));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        send(port, "GET", "/actuator/prometheus", null);
    }

    /** One exchange, read to the end (the connection is reused); the answer itself does not matter. */
    private static void send(int port, String method, String path, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                .openConnection();
        c.setRequestMethod(method);
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
    }

    /** 60 five-minute candles ending a few hours ago, with dates as epoch milliseconds or ISO-8601 text. */
    private static byte[] marketData(boolean isoDates) {
        StringBuilder sb = new StringBuilder("{\"pair\":\"BTC/USDT\",\"timeframe\":\"5m\",\"candles\":[");
        long start = (Instant.now().getEpochSecond() / 300 - 100) * 300_000L;
        for (int i = 0; i < 60; i++) {
            double open = 64_000 + 900 * Math.sin(i / 9.0);
            double close = 64_000 + 900 * Math.sin((i + 1) / 9.0);
            long t = start + i * 300_000L;
            String date = isoDates ? "\"" + Instant.ofEpochMilli(t) + "\"" : Long.toString(t);
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%s,%.2f,%.2f,%.2f,%.2f,%.3f]", date,
                    open, Math.max(open, close) + 40, Math.min(open, close) - 40, close, 12.5 + i % 11));
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A vendor on a free port of 127.0.0.1 that answers every POST with {@code answer} and every GET with none. */
    private static HttpServer fake(byte[] answer) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    boolean post = "POST".equals(exchange.getRequestMethod());
                    byte[] body = post ? answer : "{\"data\":[],\"models\":[]}".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("content-type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(CLIENTS * 4, r -> {
                Thread t = new Thread(r, "training-vendor");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String openAi() {
        return "{\"id\":\"chatcmpl-training\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + DECISION + "\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":20,"
                + "\"total_tokens\":30}}";
    }
}
