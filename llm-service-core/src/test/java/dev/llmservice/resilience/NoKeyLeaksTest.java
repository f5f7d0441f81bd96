package dev.llmservice.resilience;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.llmservice.config.ApiKey;
import dev.llmservice.config.Environment;
import dev.llmservice.config.ProviderName;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.json.Json;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.status.StatusSummary;
import dev.llmservice.testing.CapturedStderr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Distinctive keys, vendors that echo them (whole, in part, in bodies and headers) on every failure path, and then
 * everything a user or operator can see: every exception with its causes and stack trace, health results, status
 * JSON, {@code toString}s and the log. No key, and no run of more than four of its characters outside the standard
 * mask ({@code sk-a…wxyz}), may appear anywhere.
 *
 * <p>Every kind of provider is here: the four built-ins, a second provider of one type (two keys for one vendor), and
 * the OpenAI-compatible presets (OpenRouter also echoing a key in an error it sends with HTTP 200).
 */
class NoKeyLeaksTest {

    @RegisterExtension
    static final WireMockExtension VENDOR = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    /** Provider name to key; each long and random-looking, so that any five of its characters in a row are telling. */
    private static final Map<String, String> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("anthropic", "sk-ant-api03-Qx7LmZ2pV9rT4kWc8HsN");
        KEYS.put("openai", "sk-proj-Jd6Yb3Rf8Tq1Uv5Xw2Zg");
        KEYS.put("gemini", "AIzaSyB7mK3pQ9vL2xR8tW4nY6cF1hJ5");
        KEYS.put("grok", "xai-Fh4Kp9Wq2Lz7Rm3Tv8Nb5Cx6Dy");
        KEYS.put("openai-mini", "sk-proj-Wm5Hq8Zc2Kv7Nx3Rb9Tj");
        KEYS.put("deepseek", "sk-Ty6Gm2Pw9Lc4Zq8Vn3Hs7Kd");
        KEYS.put("openrouter", "sk-or-v1-Qe7Nz4Mb8Jx2Wt6Rc9Fk");
    }

    /** Each provider's type: its name, but for the second OpenAI provider. */
    private static final Map<String, String> TYPES = Map.of("openai-mini", "openai");

    /**
     * Where each provider posts and lists models on the shared fake: OpenAI and xAI under their own prefixes, so that
     * a fake echoes to each provider only the key that provider sent, as a real vendor would.
     */
    private static final Map<String, String[]> PATHS = Map.of(
            "anthropic", new String[] {"/v1/messages", "/v1/models"},
            "openai", new String[] {"/oai/v1/chat/completions", "/oai/v1/models"},
            "gemini", new String[] {"/v1beta/models/gemini-2.5-pro:generateContent", "/v1beta/models"},
            "grok", new String[] {"/xai/v1/chat/completions", "/xai/v1/models"},
            "openai-mini", new String[] {"/mini/v1/chat/completions", "/mini/v1/models"},
            "deepseek", new String[] {"/ds/chat/completions", "/ds/models"},
            "openrouter", new String[] {"/or/chat/completions", "/or/models"});

    private final StringBuilder seen = new StringBuilder();

    @Test
    void noKeyAppearsInAnyExceptionStatusHealthResultToStringOrLogLine() {
        String base = "http://127.0.0.1:" + VENDOR.getPort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LLM_PROVIDERS", String.join(",", KEYS.keySet()));
        KEYS.forEach((name, key) -> {
            String prefix = ProviderName.prefixOf(name);
            env.put(prefix + "_API_KEY", key);
            env.put(prefix + "_MAX_RETRIES", "1");
            env.put(prefix + "_BASE_URL", switch (name) {
                case "openai" -> base + "/oai";
                case "grok" -> base + "/xai";
                case "openai-mini" -> base + "/mini";
                case "deepseek" -> base + "/ds";
                case "openrouter" -> base + "/or";
                default -> base;
            });
            if (TYPES.containsKey(name)) {
                env.put(prefix + "_TYPE", TYPES.get(name));
            }
        });
        env.put("OPENROUTER_MODEL", "openai/gpt-4.1");

        try (CapturedStderr log = CapturedStderr.start()) {
            // A threshold of 8 lets every counted failure below reach the vendor before the circuit opens.
            ProviderFactory factory = ProviderFactory.builder().environment(Environment.of(env))
                    .overrides(OverrideStore.inMemory())
                    .circuitBreaker(CircuitBreakerConfig.DEFAULT.withFailureThreshold(8)).build();
            ProviderRegistry registry = factory.initializeRegistry();

            for (String name : KEYS.keySet()) {
                drive(factory, registry, name, KEYS.get(name));
            }
            see(Json.pretty(StatusSummary.of(registry)));
            see(registry.snapshot().toString());
            see(log.text());
        }

        String everything = seen.toString();
        for (Map.Entry<String, String> key : KEYS.entrySet()) {
            assertNoFragmentOf(key.getValue(), everything);
            assertThat(everything).as("the mask of " + key.getKey() + "'s key is shown")
                    .contains(ApiKey.mask(key.getValue()));
        }
        // The paths were driven: the circuit opened and was refused, the health checks failed with the echo.
        assertThat(everything).contains("circuit_open").contains("circuit open").contains("(gave up after")
                .contains("Incorrect API key provided: ");
    }

    /** Every failure path of one provider, with the vendor echoing its key. */
    private void drive(ProviderFactory factory, ProviderRegistry registry, String name, String key) {
        String chat = PATHS.get(name)[0];
        String models = PATHS.get(name)[1];
        String partial = key.substring(0, 12) + "***" + key.substring(key.length() - 6);

        // Counted failures: the eighth opens the circuit (its log line carries the last failure's message).
        List<ResponseDefinitionBuilder> counted = List.of(
                // OpenRouter's error after the model started comes with HTTP 200; elsewhere a reply of no known shape.
                json(200, "{\"error\":{\"code\":502,\"message\":\"upstream failed for " + key + "\"}}"),
                json(500, "{\"error\":{\"message\":\"internal error for key " + key + "\"}}")
                        .withHeader("x-debug-key", key),
                aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                        .withBody("<html>upstream said Bearer " + key.substring(3) + "</html>"),
                json(429, "{\"error\":{\"message\":\"slow down, " + key + "\"}}").withHeader("retry-after", "30"),
                json(200, "{\"id\":\"" + key + "\", \"content\": ["),
                aResponse().withStatus(200).withBody("not json, but it says " + key),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                json(200, "{\"echo\":\"" + key + "\"}").withFixedDelay(1_000));
        for (ResponseDefinitionBuilder response : counted) {
            VENDOR.stubFor(post(urlPathEqualTo(chat)).willReturn(response));
            generate(registry, name, Duration.ofMillis(200));
        }
        assertThat(registry.get(name).circuit().orElseThrow().state()).isEqualTo(CircuitState.OPEN);
        VENDOR.stubFor(get(urlPathEqualTo(models)).willReturn(json(401, "{\"error\":{\"message\":\"bad key "
                + key + "\"}}")));
        see(factory.healthCheckAll(registry).toString());
        see(Json.pretty(StatusSummary.of(registry)));

        // Not counted: rejected requests and refusals, with the key in the vendor's words (last, xAI's echo of a
        // rejected key, which for Grok is a rejected key and opens the circuit).
        factory.enable(registry, name);
        List<ResponseDefinitionBuilder> ignored = List.of(
                json(404, "{\"error\":{\"message\":\"no model for " + key + "\"}}"),
                json(200, "{\"id\":\"msg\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[],"
                        + "\"stop_reason\":\"refusal\",\"stop_details\":{\"explanation\":\"not for " + key + "\"},"
                        + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}"),
                json(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
                        + "\"refusal\":\"I can't help " + key + "\"},\"finish_reason\":\"stop\"}]}"),
                json(400, "{\"code\":\"Client specified an invalid argument\",\"error\":\"Incorrect API key provided: "
                        + partial + ".\"}"));
        for (ResponseDefinitionBuilder response : ignored) {
            VENDOR.stubFor(post(urlPathEqualTo(chat)).willReturn(response));
            generate(registry, name, Duration.ofSeconds(5));
        }
        see(factory.healthCheck(registry, name).toString());

        // A rejected key opens the circuit at once.
        VENDOR.stubFor(post(urlPathEqualTo(chat)).willReturn(json(401, "{\"error\":{\"message\":\"key " + key
                + " rejected\"}}")));
        generate(registry, name, Duration.ofSeconds(5));
        generate(registry, name, Duration.ofSeconds(5));
        see(registry.provider(name).orElseThrow().toString());
    }

    private void generate(ProviderRegistry registry, String name, Duration deadline) {
        LlmProvider provider = registry.provider(name).orElseThrow();
        try {
            provider.generate(GenerationRequest.of("Hi"), Instant.now().plus(deadline));
            seen.append("\n(no failure)\n");
        } catch (ProviderException e) {
            ByteArrayOutputStream trace = new ByteArrayOutputStream();
            e.printStackTrace(new PrintStream(trace, true, StandardCharsets.UTF_8));
            see(trace.toString(StandardCharsets.UTF_8));
            see(e.toString());
            assertThat(e.kind()).isNotNull();
        }
    }

    private void see(String text) {
        seen.append('\n').append(text);
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** No run of five or more characters of the key (the mask shows four at each end). */
    private static void assertNoFragmentOf(String key, String text) {
        List<String> found = new ArrayList<>();
        for (int start = 0; start + 5 <= key.length(); start++) {
            String fragment = key.substring(start, start + 5);
            if (text.contains(fragment)) {
                int at = text.indexOf(fragment);
                found.add(fragment + " in …" + text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 60))
                        .replace('\n', ' ') + "…");
            }
        }
        assertThat(found).as("fragments of a key").isEmpty();
    }
}
