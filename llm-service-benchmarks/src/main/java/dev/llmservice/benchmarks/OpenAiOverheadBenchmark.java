package dev.llmservice.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.benchmarks.ServerThroughputBenchmark.Exchange;
import dev.llmservice.benchmarks.ServerThroughputBenchmark.Load;
import dev.llmservice.benchmarks.ServerThroughputBenchmark.Run;
import dev.llmservice.json.Json;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 17's target: <i>the OpenAI-compatible endpoint adds ≤ 1 ms (median) over calling the vendor directly, at 200
 * requests/s.</i>
 *
 * <p>One local fake OpenAI ({@link FakeVendors}), answering every chat completion with a recorded-shape body after
 * {@value #VENDOR_LATENCY_MS} ms. The same OpenAI chat completion request (a system and a user message, a token
 * limit) is sent at the same fixed rate two ways, alternating per round:
 * <ol>
 *   <li><b>direct</b>: to the fake vendor's {@code /v1/chat/completions}, as an OpenAI SDK pointed at the vendor
 *       would;</li>
 *   <li><b>endpoint</b>: to the packaged server's {@code /v1/chat/completions} with {@code model: openai}, which
 *       parses it, asks the {@code openai} provider (LangChain4j's OpenAI client, its circuit breaker and metrics) and
 *       answers in OpenAI's shape.</li>
 * </ol>
 * The load, client and figures are {@link ServerThroughputBenchmark}'s (open loop, {@code HttpURLConnection} on the
 * sending thread, warm-up rising to the full rate, median/p90/p99/max, CPU per request); an error is an exception, a
 * status other than 200 or an answer without the vendor's text. The summary takes the median over rounds of the
 * difference of the medians.
 *
 * <p>Run with {@code bench/openai-overhead.sh [rounds=3] [rate=200] [measure-s=30] [warmup-s=60]}.
 */
public final class OpenAiOverheadBenchmark {

    static final long VENDOR_LATENCY_MS = 50;
    static final String VENDOR = "openai";
    static final double TARGET_MS = 1.0;

    public static void main(String[] args) throws Exception {
        System.setProperty("http.maxConnections", "256");
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Duration measure = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 30);
        Duration warmup = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 60);
        String vendorBody = FaultMixBenchmark.wire(VENDOR).success();
        String expected = Json.mapper().readTree(vendorBody).at("/choices/0/message/content").asText();
        byte[] direct = request("gpt-4.1");
        byte[] endpoint = request(VENDOR);

        Path tmp = Files.createTempDirectory("openai-overhead");
        List<Run> directs = new ArrayList<>();
        List<Run> endpoints = new ArrayList<>();
        try (FakeVendors fakes = FakeVendors.start(Map.of(VENDOR, Duration.ofMillis(VENDOR_LATENCY_MS)),
                v -> vendorBody)) {
            Map<String, String> env = new LinkedHashMap<>(fakes.environment());
            env.put("LLM_PROVIDERS", VENDOR);
            try (PackagedServer server = PackagedServer.start(PackagedServer.launcher(), env, tmp, 1)) {
                URL vendorUrl = new URL(env.get("OPENAI_BASE_URL") + "/chat/completions");
                URL serverUrl = server.uri("/v1/chat/completions").toURL();
                System.out.printf("OpenAI-compatible endpoint overhead: %d rounds, %d requests/s, warm-up %d s, "
                                + "measured %d s; fake OpenAI at %d ms; %s; %d cores; server pid %d%n",
                        rounds, rate, warmup.toSeconds(), measure.toSeconds(), VENDOR_LATENCY_MS,
                        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                        Runtime.getRuntime().availableProcessors(), server.pid());
                for (int round = 1; round <= rounds; round++) {
                    Run d = Load.run("direct", round, rate, warmup, measure, -1, () -> {
                        Exchange r = ServerThroughputBenchmark.post(vendorUrl, direct);
                        return () -> check(r, expected);
                    });
                    ServerThroughputBenchmark.print(d);
                    directs.add(d);
                    Run e = Load.run("endpoint", round, rate, warmup, measure, server.pid(), () -> {
                        Exchange r = ServerThroughputBenchmark.post(serverUrl, endpoint);
                        return () -> check(r, expected);
                    });
                    ServerThroughputBenchmark.print(e);
                    endpoints.add(e);
                    System.out.printf("round %d: the endpoint adds %+.2f ms (median), %+.2f ms (p90), %+.2f ms "
                            + "(p99)%n%n", round, e.pct(50) - d.pct(50), e.pct(90) - d.pct(90), e.pct(99) - d.pct(99));
                }
            }
        } finally {
            ServerThroughputBenchmark.deleteTree(tmp);
        }
        ServerThroughputBenchmark.summary(directs, endpoints, "endpoint adds", "endpoint median - direct median",
                TARGET_MS);
    }

    /** The chat completion request both ways send: only the model differs. */
    static byte[] request(String model) {
        return ("{\"model\": \"" + model + "\", \"max_completion_tokens\": 256, \"messages\": ["
                + "{\"role\": \"system\", \"content\": \"Answer with a JSON object.\"},"
                + "{\"role\": \"user\", \"content\": \"Should I buy ETH/USDT now?\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** {@code null} when the answer is a 200 carrying the vendor's text, else what was wrong with it. */
    static String check(Exchange r, String expected) throws Exception {
        if (r.status() != 200) {
            return "http " + r.status();
        }
        JsonNode content = Json.mapper().readTree(r.body()).at("/choices/0/message/content");
        return expected.equals(content.asText()) ? null : "unexpected answer";
    }
}
