package dev.llmservice.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import dev.llmservice.config.Environment;
import dev.llmservice.json.Json;
import dev.llmservice.registry.ProviderRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The OpenAI-compatible endpoint of the packaged server, called with OpenAI's own Java SDK, with two providers of
 * the real types ({@code openai}, {@code anthropic}) whose vendors are a WireMock server on 127.0.0.1 answering with
 * the recorded bodies. The SDK never retries here ({@code maxRetries(0)}), and neither do the providers
 * ({@code P_MAX_RETRIES=0}): what is tested is what one failure becomes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "llm.state.file=target/openai-endpoint-test-state.json")
@Import(OpenAiEndpointTest.Vendors.class)
class OpenAiEndpointTest {

    static final String TOKEN = "llm-api-token-QwErTyUiOpAsDf";
    static final String OPENAI_KEY = "sk-openai-DISTINCTIVE-kQvXzJwMhB";
    static final String ANTHROPIC_KEY = "sk-ant-DISTINCTIVE-pLmNoKjIhG";

    /** Both fake vendors, one server: OpenAI under {@code /openai/v1}, Anthropic under {@code /anthropic/v1}. */
    static final WireMockServer VENDOR = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    static {
        VENDOR.start();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Vendors {

        @Bean
        Environment providerVariables() {
            String base = "http://127.0.0.1:" + VENDOR.port();
            return Environment.of(Map.ofEntries(
                    Map.entry("LLM_PROVIDERS", "openai,anthropic"),
                    Map.entry("LLM_API_TOKEN", TOKEN),
                    Map.entry("LLM_JOURNAL", "off"),
                    Map.entry("OPENAI_API_KEY", OPENAI_KEY),
                    Map.entry("OPENAI_BASE_URL", base + "/openai/v1"),
                    Map.entry("OPENAI_MAX_RETRIES", "0"),
                    Map.entry("OPENAI_INPUT_PRICE", "2"),
                    Map.entry("OPENAI_OUTPUT_PRICE", "8"),
                    Map.entry("ANTHROPIC_API_KEY", ANTHROPIC_KEY),
                    Map.entry("ANTHROPIC_BASE_URL", base + "/anthropic"),
                    Map.entry("ANTHROPIC_MAX_RETRIES", "0")));
        }

        /** {@code auto}'s draw: the first provider ({@code openai}, weight 1 like anthropic) always comes first. */
        @Bean
        RandomGenerator autoOrder() {
            return new RandomGenerator() {
                private int n;

                @Override
                public synchronized long nextLong() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public synchronized double nextDouble() {
                    return n++ % 2 == 0 ? 0.9 : 0.1;
                }
            };
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    ProviderRegistry registry;

    OpenAIClient client;

    @BeforeEach
    void connect() {
        client = client(TOKEN);
        VENDOR.resetAll();
        // Closed circuits for every test: a failure stubbed by one test must not open a breaker for the next.
        registry.names().forEach(name -> registry.setOverride(name, null));
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @AfterAll
    static void stopVendor() {
        VENDOR.stop();
    }

    OpenAIClient client(String apiKey) {
        return OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + port + "/v1").apiKey(apiKey)
                .maxRetries(0).build();
    }

    static String fixture(String name) {
        try (InputStream in = OpenAiEndpointTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("fixture " + name + " not on the class path", e);
        }
    }

    static void vendorAnswers(String path, int status, String body) {
        VENDOR.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    static void openAiAnswers(int status, String fixture) {
        vendorAnswers("/openai/v1/chat/completions", status, fixture(fixture));
    }

    static void anthropicAnswers(int status, String fixture) {
        vendorAnswers("/anthropic/v1/messages", status, fixture(fixture));
    }

    static JsonNode onlyRequestTo(String path) throws IOException {
        List<LoggedRequest> requests = VENDOR.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).hasSize(1);
        return Json.mapper().readTree(requests.get(0).getBodyAsString());
    }

    static ChatCompletionCreateParams.Builder ask(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello.");
    }

    // ---- GET /v1/models --------------------------------------------------------------------------------------------

    @Test
    void modelsAreTheEnabledProvidersAndAuto() {
        List<String> ids = client.models().list().items().stream().map(Model::id).toList();

        assertThat(ids).containsExactly("openai", "anthropic", "auto");
    }

    // ---- POST /v1/chat/completions ---------------------------------------------------------------------------------

    @Test
    void aProviderNameAsksThatProviderAndAnswersInOpenAisShapeWithTheVendorsUsage() throws Exception {
        openAiAnswers(200, "openai-chat-basic.json");

        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("openai")
                .addSystemMessage("Be brief.")
                .addUserMessage("Hi.")
                .addAssistantMessage("Hello.")
                .addUserMessage("Who are you?")
                .temperature(0.2)
                .maxCompletionTokens(64)
                .build());

        assertThat(completion.choices().get(0).message().content()).hasValueSatisfying(
                text -> assertThat(text).startsWith("Hello! I am a helpful assistant"));
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.model()).isEqualTo("openai/gpt-3.5-turbo-0125");
        assertThat(completion.usage()).hasValueSatisfying(usage -> {
            assertThat(usage.promptTokens()).isEqualTo(23);
            assertThat(usage.completionTokens()).isEqualTo(29);
            assertThat(usage.totalTokens()).isEqualTo(52);
        });
        JsonNode sent = onlyRequestTo("/openai/v1/chat/completions");
        assertThat(sent.get("model").asText()).isEqualTo("gpt-4.1");
        assertThat(sent.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.get("max_completion_tokens").asInt()).isEqualTo(64);
        assertThat(sent.get("messages").findValuesAsText("role")).containsExactly("system", "user", "assistant", "user");
        assertThat(sent.get("messages").findValuesAsText("content"))
                .containsExactly("Be brief.", "Hi.", "Hello.", "Who are you?");
    }

    @Test
    void providerSlashModelAsksThatModelOfTheProvider() throws Exception {
        anthropicAnswers(200, "anthropic-messages-basic.json");

        ChatCompletion completion = client.chat().completions().create(ask("anthropic/claude-haiku-4-5").build());

        assertThat(completion.model()).isEqualTo("anthropic/claude-sonnet-4-20250514");
        assertThat(completion.choices().get(0).message().content()).hasValue(
                "Hello! Nice to meet you. How are you doing today? Is there anything I can help you with?");
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(35);
        assertThat(onlyRequestTo("/anthropic/v1/messages").get("model").asText()).isEqualTo("claude-haiku-4-5");
    }

    @Test
    void costIsInAHeaderAndInTheCostMetric() throws Exception {
        openAiAnswers(200, "openai-chat-basic.json");

        HttpResponseFor<ChatCompletion> response = client.chat().completions().withRawResponse()
                .create(ask("openai").build());
        response.parse();

        // 23 input tokens at 2 USD and 29 output tokens at 8 USD per million (OPENAI_INPUT_PRICE, _OUTPUT_PRICE).
        assertThat(response.headers().values("x-llm-cost-usd")).containsExactly("0.000278");
        assertThat(response.headers().values("x-llm-provider")).containsExactly("openai");
        assertThat(get("/actuator/prometheus"))
                .contains("llm_cost_usd_total{model=\"gpt-3.5-turbo-0125\",provider=\"openai\"}");
    }

    static String stream(String name) {
        try (InputStream in = OpenAiEndpointTest.class.getResourceAsStream("/streams/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("stream " + name + " not on the class path", e);
        }
    }

    /** The vendor streams {@code name} to a request that asks for a stream ({@code "stream": true}). */
    static void vendorStreams(String path, String name) {
        VENDOR.stubFor(post(urlPathEqualTo(path)).withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                        .withBody(stream(name))));
    }

    static String text(List<ChatCompletionChunk> chunks) {
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
        return text.toString();
    }

    static List<ChatCompletionChunk> streamed(OpenAIClient client, ChatCompletionCreateParams params) {
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            return stream.stream().toList();
        }
    }

    @Test
    void streamingPassesTheVendorsStreamOnAsChunksEndingWithItsUsage() throws Exception {
        vendorStreams("/openai/v1/chat/completions", "openai-chat-stream.txt");

        List<ChatCompletionChunk> chunks = streamed(client, ask("openai")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build());

        assertThat(text(chunks)).isEqualTo("Hello! I'm a streamed answer.");
        // role, 8 pieces as the vendor sent them, finish reason, usage
        assertThat(chunks).hasSize(11);
        assertThat(chunks.stream().flatMap(c -> c.choices().stream()).map(c -> c.finishReason())
                .filter(java.util.Optional::isPresent).map(java.util.Optional::get).toList())
                .containsExactly(ChatCompletionChunk.Choice.FinishReason.STOP);
        assertThat(chunks.get(chunks.size() - 1).usage()).hasValueSatisfying(
                usage -> assertThat(usage.totalTokens()).isEqualTo(27));
        assertThat(onlyRequestTo("/openai/v1/chat/completions").get("stream").asBoolean()).isTrue();
    }

    @Test
    void streamingFromAnthropicArrivesInOpenAisChunks() {
        vendorStreams("/anthropic/v1/messages", "anthropic-messages-stream.txt");

        List<ChatCompletionChunk> chunks = streamed(client, ask("anthropic").build());

        assertThat(text(chunks)).isEqualTo("Hello from Claude, streamed.");
        assertThat(chunks.get(0).model()).isEqualTo("anthropic/claude-sonnet-4-5");
    }

    @Test
    void streamingEndsWithDoneAndNamesWhoAnswers() throws Exception {
        vendorStreams("/openai/v1/chat/completions", "openai-chat-stream.txt");

        HttpResponse<String> r = raw("POST", "/v1/chat/completions", TOKEN,
                "{\"model\":\"openai\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(r.headers().firstValue("x-llm-attempts")).hasValue("openai=started");
        assertThat(r.body()).startsWith("data: {").endsWith("\n\ndata: [DONE]\n\n");
    }

    @Test
    void streamingFallsBackBeforeTheFirstPieceOfText() throws Exception {
        openAiAnswers(429, "openai-error-429-insufficient-quota.json");
        vendorStreams("/anthropic/v1/messages", "anthropic-messages-stream.txt");

        HttpResponse<String> r = raw("POST", "/v1/chat/completions", TOKEN,
                "{\"model\":\"auto\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-llm-attempts")).hasValue("openai=rate_limited;status=429, anthropic=started");
        assertThat(r.body()).contains("Hello from", " Claude, streamed.").endsWith("data: [DONE]\n\n");
    }

    @Test
    void aStreamThatFailsBeforeItsFirstPieceIsAnOrdinaryError() {
        openAiAnswers(429, "openai-error-429-rate-limit.json");

        RateLimitException e = assertThrows(RateLimitException.class, () -> streamed(client, ask("openai").build()));

        assertThat(e.getMessage()).contains("openai");
        assertNoKeyIn(e);
    }

    @Test
    void autoFallsBackWhenAProviderFailsInAWayNoRetryFixesAndSaysSoInAHeader() throws Exception {
        openAiAnswers(429, "openai-error-429-insufficient-quota.json");
        anthropicAnswers(200, "anthropic-messages-basic.json");

        HttpResponseFor<ChatCompletion> response = client.chat().completions().withRawResponse()
                .create(ask("auto").build());

        assertThat(response.parse().model()).isEqualTo("anthropic/claude-sonnet-4-20250514");
        assertThat(response.headers().values("x-llm-attempts"))
                .containsExactly("openai=rate_limited;status=429, anthropic=ok");
    }

    @Test
    void autoWhenEveryProviderFailsIsTheLastFailureNamingEveryProvider() {
        openAiAnswers(429, "openai-error-429-insufficient-quota.json");
        anthropicAnswers(529, "anthropic-error-529-overloaded.json");

        InternalServerException e = assertThrows(InternalServerException.class,
                () -> client.chat().completions().create(ask("auto").build()));

        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(e.getMessage()).contains("openai", "anthropic");
        assertThat(e.headers().values("x-llm-attempts"))
                .containsExactly("openai=rate_limited;status=429, anthropic=unavailable;status=529");
        assertNoKeyIn(e);
    }

    // ---- errors -----------------------------------------------------------------------------------------------------

    @Test
    void anUnknownModelIsNotFound() {
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> client.chat().completions().create(ask("gpt-4o").build()));

        assertThat(e.code()).hasValue("model_not_found");
        assertThat(e.param()).hasValue("model");
        assertThat(e.getMessage()).contains("'gpt-4o'", "openai, anthropic");
    }

    @Test
    void aPathThisServerDoesNotAnswerIsOpenAisUnknownUrlNamingTheTwoItDoes() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> client.embeddings().create(
                com.openai.models.embeddings.EmbeddingCreateParams.builder().model("openai").input("BTC").build()));

        assertThat(e.code()).hasValue("unknown_url");
        assertThat(e.getMessage()).contains("POST /v1/embeddings", "GET /v1/models", "POST /v1/chat/completions");
        assertThat(VENDOR.getAllServeEvents()).isEmpty();
    }

    @Test
    void aKnownPathAskedWithAnotherMethodSaysWhichMethodInOpenAisShape() throws Exception {
        HttpResponse<String> r = raw("GET", "/v1/chat/completions", TOKEN, null);

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
        JsonNode error = Json.mapper().readTree(r.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asText()).isEqualTo("GET is not supported here; use POST");
    }

    @Test
    void aBadFieldIsABadRequestNamingIt() throws Exception {
        HttpResponse<String> r = raw("POST", "/v1/chat/completions", TOKEN,
                "{\"model\":\"openai\",\"temperature\":3,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = Json.mapper().readTree(r.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").asText()).isEqualTo("temperature");
        assertThat(error.get("message").asText()).isEqualTo("temperature was 3 but it must be a number from 0.0 to 2.0");
        assertThat(VENDOR.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRoleOutsideOpenAisIsABadRequestNamingTheMessage() {
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> client.chat().completions().create(ChatCompletionCreateParams.builder().model("openai")
                        .addUserMessage("Hi").addMessage(com.openai.models.chat.completions.ChatCompletionToolMessageParam
                                .builder().toolCallId("call_1").content("42").build()).build()));

        assertThat(e.param()).hasValue("messages[1].role");
    }

    @Test
    void jsonModeFromAProviderWithoutOneIsABadRequestSayingSo() {
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> client.chat().completions().create(ask("anthropic")
                        .responseFormat(ResponseFormatJsonObject.builder().build()).build()));

        assertThat(e.param()).hasValue("response_format");
        assertThat(e.code()).hasValue("json_mode_unsupported");
        assertThat(e.getMessage()).contains("anthropic", "no JSON mode");
        assertThat(VENDOR.getAllServeEvents()).isEmpty();
    }

    @Test
    void jsonModeReachesAVendorThatHasOne() throws Exception {
        openAiAnswers(200, "openai-chat-basic.json");

        client.chat().completions().create(ask("openai").responseFormat(ResponseFormatJsonObject.builder().build())
                .build());

        assertThat(onlyRequestTo("/openai/v1/chat/completions").at("/response_format/type").asText())
                .isEqualTo("json_object");
    }

    @Test
    void aVendorRateLimitIsARateLimitNamingTheProviderNeverItsKey() {
        openAiAnswers(429, "openai-error-429-rate-limit.json");

        RateLimitException e = assertThrows(RateLimitException.class,
                () -> client.chat().completions().create(ask("openai").build()));

        assertThat(e.getMessage()).contains("openai");
        assertThat(e.code()).hasValue("rate_limit_exceeded");
        assertNoKeyIn(e);
    }

    @Test
    void aVendorOutageIsServiceUnavailableNamingTheProvider() {
        anthropicAnswers(529, "anthropic-error-529-overloaded.json");

        InternalServerException e = assertThrows(InternalServerException.class,
                () -> client.chat().completions().create(ask("anthropic").build()));

        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(e.code()).hasValue("provider_unavailable");
        assertThat(e.getMessage()).contains("anthropic");
        assertThat(e.headers().values("x-llm-attempts")).containsExactly("anthropic=unavailable;status=529");
    }

    @Test
    void theVendorRejectingTheServersKeyIsAServerErrorThatShowsNoKey() {
        openAiAnswers(401, "openai-error-401-invalid-api-key.json");

        InternalServerException e = assertThrows(InternalServerException.class,
                () -> client.chat().completions().create(ask("openai").build()));

        assertThat(e.statusCode()).isEqualTo(500);
        assertThat(e.code()).hasValue("provider_authentication");
        assertNoKeyIn(e);
    }

    @Test
    void withoutTheApiTokenTheSdkGetsItsAuthenticationError() {
        OpenAIClient stranger = client("sk-not-the-token");
        try {
            UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> stranger.models().list());

            assertThat(e.code()).hasValue("invalid_api_key");
        } finally {
            stranger.close();
        }
        assertThat(VENDOR.getAllServeEvents()).isEmpty();
    }

    private static void assertNoKeyIn(OpenAIServiceException e) {
        String everything = e.getMessage() + e.body() + e.headers().names().stream()
                .map(n -> n + e.headers().values(n)).collect(Collectors.joining());
        assertThat(everything).doesNotContain(OPENAI_KEY, ANTHROPIC_KEY, TOKEN);
    }

    private String get(String path) throws Exception {
        return raw("GET", path, TOKEN, null).body();
    }

    private HttpResponse<String> raw(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

}
