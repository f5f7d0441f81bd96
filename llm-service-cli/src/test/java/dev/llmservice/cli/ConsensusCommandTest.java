package dev.llmservice.cli;

import dev.llmservice.testing.TestMarketData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.llmservice.cli.testing.Cli;
import dev.llmservice.json.Json;
import dev.llmservice.provider.ProviderTypes;
import dev.llmservice.redis.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code llm-providers consensus} end to end: the real provider types (their vendor clients included) against a
 * local WireMock that answers with the vendors' real response shapes (see llm-service-core's
 * {@code src/test/resources/fixtures}), the votes scripted in the reply text.
 */
class ConsensusCommandTest {

    static final String OPENAI_KEY = "sk-proj-CONSENSUS-SECRET-0123456789";
    static final String ANTHROPIC_KEY = "sk-ant-CONSENSUS-SECRET-0123456789";
    static final String GROK_KEY = "xai-CONSENSUS-SECRET-0123456789";
    static final String GEMINI_KEY = "AIza-CONSENSUS-SECRET-0123456789";

    static final WireMockServer VENDORS = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    @TempDir
    Path tmp;

    Cli cli;

    @BeforeAll
    static void start() {
        VENDORS.start();
    }

    @AfterAll
    static void stop() {
        VENDORS.stop();
    }

    @BeforeEach
    void threeProviders() {
        VENDORS.resetAll();
        String base = "http://127.0.0.1:" + VENDORS.port();
        cli = new Cli(tmp, ProviderTypes.discover())
                .set("OPENAI_API_KEY", OPENAI_KEY).set("OPENAI_BASE_URL", base + "/openai/v1")
                .set("ANTHROPIC_API_KEY", ANTHROPIC_KEY).set("ANTHROPIC_BASE_URL", base + "/anthropic")
                .set("GROK_API_KEY", GROK_KEY).set("GROK_BASE_URL", base + "/grok/v1")
                .set("GEMINI_BASE_URL", base + "/gemini");
        for (String p : List.of("OPENAI", "ANTHROPIC", "GROK", "GEMINI")) {
            cli.set(p + "_MAX_RETRIES", "0").set(p + "_TIMEOUT", "10");
        }
    }

    @Test
    void withLlmStateUrlASecondRunGetsTheFirstRunsResultWithoutAskingTheVendors() throws Exception {
        openai(vote("BUY", 0.8));
        anthropic(vote("BUY", 0.7));
        grok(vote("BUY", 0.9));
        try (TestRedis redis = TestRedis.fromEnvironmentOrStart()) {
            cli.set("LLM_STATE_URL", redis.url()).set("LLM_CONSENSUS_CACHE_TTL", "60");
            Path data = file(marketJson(60));

            JsonNode first = cli.run("consensus", "--market-data", data.toString(), "--json").json();
            int vendorRequests = VENDORS.getAllServeEvents().size();
            JsonNode second = cli.run("consensus", "--market-data", data.toString(), "--json").json();

            // Separate runs share nothing without LLM_STATE_URL; with it, the second is the first's result.
            assertThat(first.get("cached").asBoolean()).isFalse();
            assertThat(second.get("cached").asBoolean()).isTrue();
            assertThat(second.get("id").asText()).isEqualTo(first.get("id").asText()).isNotEmpty();
            assertThat(VENDORS.getAllServeEvents()).hasSize(vendorRequests);
        }
    }

    // --- decided ------------------------------------------------------------------------------------------------

    @Test
    void threeAgreeingProvidersDecideBuyExitZeroWithTheJsonDocument() throws Exception {
        openai(vote("BUY", 0.8));
        anthropic(vote("BUY", 0.7));
        grok(vote("BUY", 0.9));

        Cli.Result r = cli.run("consensus", "--market-data", file(marketJson(60)).toString(), "--json");

        assertThat(r.exitCode()).as(r.all()).isZero();
        JsonNode json = r.json();
        assertThat(json.get("decision").asText()).isEqualTo("BUY");
        assertThat(json.get("status").asText()).isEqualTo("decided");
        assertThat(json.get("pair").asText()).isEqualTo("BTC/USDT");
        assertThat(json.get("timeframe").asText()).isEqualTo("5m");
        JsonNode votes = json.get("votes");
        assertThat(votes).hasSize(3);
        assertThat(providers(votes)).containsExactlyInAnyOrder("openai", "anthropic", "grok");
        int ok = 0;
        for (JsonNode v : votes) {
            // Early decision may cancel the last call: BUY is certain after two of three BUY votes.
            assertThat(v.get("status").asText()).isIn("ok", "cancelled");
            if (v.get("status").asText().equals("ok")) {
                ok++;
                assertThat(v.get("decision").asText()).isEqualTo("BUY");
            }
        }
        assertThat(ok).isGreaterThanOrEqualTo(2);
        assertThat(r.err()).doesNotContain(OPENAI_KEY, ANTHROPIC_KEY, GROK_KEY);
    }

    @Test
    void humanOutputShowsTheVoteTableTheDecisionAndTheFreqtradeSignal() throws Exception {
        openai(vote("SELL", 0.8));
        anthropic(vote("SELL", 0.9));
        grok(vote("SELL", 0.7));

        Cli.Result r = cli.run("consensus", "--market-data", file(marketJson(60)).toString());

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("Decision SELL (decided)", "PROVIDER", "openai", "anthropic", "grok",
                "freqtrade: exit_long = 1 for the candle after 2024-05-01T16:55:00Z");
        assertThat(r.all()).doesNotContain(OPENAI_KEY, ANTHROPIC_KEY, GROK_KEY);
    }

    @Test
    void anErroringAndAGarbageProviderDoNotVoteAndTheRestDecide() throws Exception {
        cli.set("GEMINI_API_KEY", GEMINI_KEY);
        // A vendor that echoes the key back in its error: never shown unmasked.
        VENDORS.stubFor(post(urlPathEqualTo("/openai/v1/chat/completions")).willReturn(json(401,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + OPENAI_KEY + ".\","
                        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}")));
        grok("I would rather not say; the market is a mystery to me.");
        anthropic(vote("BUY", 0.9));
        gemini(vote("BUY", 0.8));

        // Every vote recorded, whichever answer comes first.
        Cli.Result r = cli.run("consensus", "--market-data", file(marketJson(60)).toString(), "--json",
                "--wait-for-all");

        assertThat(r.exitCode()).as(r.all()).isZero();
        JsonNode json = r.json();
        assertThat(json.get("decision").asText()).isEqualTo("BUY");
        assertThat(json.get("status").asText()).isEqualTo("decided");
        assertThat(vote(json, "openai").get("status").asText()).isEqualTo("error");
        assertThat(vote(json, "openai").get("decision").isNull()).isTrue();
        assertThat(vote(json, "grok").get("status").asText()).isEqualTo("unparseable");
        assertThat(vote(json, "grok").get("decision").isNull()).isTrue();
        assertThat(vote(json, "anthropic").get("status").asText()).isEqualTo("ok");
        assertThat(vote(json, "gemini").get("status").asText()).isEqualTo("ok");
        assertThat(r.all()).doesNotContain(OPENAI_KEY, ANTHROPIC_KEY, GROK_KEY, GEMINI_KEY);
    }

    @Test
    void aServerErrorIsAnErrorVote() throws Exception {
        VENDORS.stubFor(post(urlPathEqualTo("/openai/v1/chat/completions")).willReturn(json(500,
                "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}")));
        anthropic(vote("BUY", 0.9));
        grok(vote("BUY", 0.8));

        Cli.Result r = cli.run("consensus", "--market-data", file(marketJson(60)).toString(), "--json",
                "--wait-for-all");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(vote(r.json(), "openai").get("status").asText()).isEqualTo("error");
        assertThat(r.json().get("decision").asText()).isEqualTo("BUY");
    }

    // --- not decided --------------------------------------------------------------------------------------------

    @Test
    void aSplitIsNotDecidedExitOneAndNoSignal() throws Exception {
        cli.set("GEMINI_API_KEY", GEMINI_KEY);
        openai(vote("BUY", 0.8));
        anthropic(vote("SELL", 0.8));
        grok(vote("BUY", 0.7));
        gemini(vote("SELL", 0.7));

        Cli.Result json = cli.run("consensus", "--market-data", file(marketJson(60)).toString(), "--json");
        Cli.Result human = cli.run("consensus", "--market-data", file(marketJson(60)).toString());

        assertThat(json.exitCode()).as(json.all()).isEqualTo(1);
        assertThat(json.json().get("decision").asText()).isEqualTo("HOLD");
        assertThat(json.json().get("status").asText()).isNotEqualTo("decided");
        assertThat(human.exitCode()).isEqualTo(1);
        assertThat(human.out()).contains("Decision HOLD", "freqtrade: no signal");
    }

    @Test
    void tooFewAnswersIsNoQuorumExitOne() throws Exception {
        openai(vote("BUY", 0.9));
        VENDORS.stubFor(post(urlPathEqualTo("/anthropic/v1/messages")).willReturn(json(500, "{}")));
        grok("not json at all");

        Cli.Result r = cli.run("consensus", "--market-data", file(marketJson(60)).toString(), "--json");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.json().get("status").asText()).isEqualTo("no_quorum");
        assertThat(r.json().get("decision").asText()).isEqualTo("HOLD");
    }

    @Test
    void noProviderEnabledIsNoQuorumExitOneWithAWarning() throws Exception {
        for (String p : List.of("OPENAI", "ANTHROPIC", "GROK")) {
            cli.set(p + "_ENABLED", "false");
        }

        Cli.Result r = cli.run("consensus", "--market-data", file(marketJson(60)).toString(), "--json");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.json().get("status").asText()).isEqualTo("no_quorum");
        assertThat(r.json().get("decision").asText()).isEqualTo("HOLD");
        assertThat(r.json().get("votes")).isEmpty();
        assertThat(r.err()).contains("no provider is enabled");
        assertThat(VENDORS.getAllServeEvents()).isEmpty();
    }

    // --- bad input ----------------------------------------------------------------------------------------------

    @Test
    void invalidMarketDataIsExitTwoNamingEveryProblemAndNoProviderIsAsked() throws Exception {
        openai(vote("BUY", 0.8));
        List<double[]> rows = candles(60);
        rows.get(2)[1] = 1.5; // row 3: high below low
        rows.get(6)[4] = -4; // row 7: negative volume
        String data = marketJson(rows);

        Cli.Result r = cli.run("consensus", "--market-data", file(data).toString(), "--json");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        List<String> lines = r.err().lines().toList();
        assertThat(lines.get(0)).startsWith("llm-providers consensus: invalid market data in '")
                .contains("2 problems");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("row 3", "high", "1.5"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("row 7", "volume", "-4"));
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
        VENDORS.verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    /** The parser's messages, exactly: the server's 400 names the same problems (as JSON paths). */
    @Test
    void dataThatCannotBeRealIsExitTwoWithTheParsersMessages() throws Exception {
        openai(vote("BUY", 0.8));
        List<double[]> rows = candles(60);
        rows.get(4)[2] = -1; // row 5: a negative low
        String negativeAndFuture = marketJson(rows).replace("2024-05-01T16:55:00Z", "+292278994-08-17T07:12:55.807Z");
        String trailer = marketJson(60) + "}}}";

        Cli.Result bad = cli.run("consensus", "--market-data", file(negativeAndFuture).toString());
        Cli.Result trailing = cli.run("consensus", "--market-data", file(trailer).toString());

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().lines().skip(1)).containsExactly(
                "  row 5: low was '-1' but it must be greater than 0",
                // one 5m timeframe after Cli.CLOCK's now, 2026-11-26T07:00:00Z
                "  row 60: date was '+292278994-08-17T07:12:55.807Z' but it must be from 2009-01-01T00:00:00Z to "
                        + "2026-11-26T07:05:00Z (one timeframe after now)");
        assertThat(trailing.exitCode()).isEqualTo(2);
        assertThat(trailing.err().lines().skip(1)).containsExactly("  json was 'line 1, column "
                + (marketJson(60).length() + 1) + "' but it must be one JSON value with nothing after it");
        VENDORS.verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    @Test
    void theLimitsComeFromTheEnvironmentAndABadOneIsExitTwoNamingIt() throws Exception {
        Path data = file(marketJson(60));

        Cli.Result tooMany = cli.set("LLM_MAX_CANDLES", "55").run("consensus", "--market-data", data.toString());
        Cli.Result badLimit = cli.set("LLM_MAX_CANDLES", "lots").run("consensus", "--market-data", data.toString());

        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.err().lines().skip(1)).containsExactly(
                "  candles was '60 candles' but it must be at most 55 candles (the limit set by LLM_MAX_CANDLES)");
        assertThat(badLimit.exitCode()).isEqualTo(2);
        assertThat(badLimit.err()).isEqualTo("llm-providers consensus: LLM_MAX_CANDLES was 'lots' but it must be a "
                + "whole number from 50 to 1000000" + System.lineSeparator());
        VENDORS.verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    @Test
    void aMissingFileIsExitTwoInOneLine() {
        Cli.Result r = cli.run("consensus", "--market-data", tmp.resolve("nope.json").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("cannot read the market data", "nope.json", "no such file");
        VENDORS.verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    @Test
    void csvWithoutPairAndTimeframeIsExitTwo() throws Exception {
        Cli.Result r = cli.run("consensus", "--market-data", file(marketCsv(60)).toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("pair", "timeframe");
        VENDORS.verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    @Test
    void missingMarketDataOptionIsAUsageError() {
        Cli.Result r = cli.run("consensus");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("--market-data");
    }

    @Test
    void waitForAllWithUrlIsAUsageErrorAndNothingIsSent() throws Exception {
        Cli.Result r = cli.run("consensus", "--market-data", file(marketJson(60)).toString(), "--wait-for-all",
                "--url", "http://127.0.0.1:" + VENDORS.port());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("--wait-for-all applies to a local run");
        assertThat(VENDORS.getAllServeEvents()).isEmpty();
    }

    // --- options before 'consensus' -----------------------------------------------------------------------------

    /** picocli runs only the subcommand: --json before it used to be parsed and then ignored. */
    @Test
    void jsonAndVerboseBeforeTheSubcommandApplyAsAfterIt() throws Exception {
        openai(vote("BUY", 0.8));
        anthropic(vote("BUY", 0.8));
        grok(vote("BUY", 0.8));
        String data = file(marketJson(60)).toString();

        Cli.Result before = cli.run("--json", "--verbose", "consensus", "--market-data", data);
        Cli.Result after = cli.run("consensus", "--market-data", data, "--json", "--verbose");

        assertThat(before.exitCode()).as(before.all()).isZero();
        assertThat(before.json().get("decision").asText()).isEqualTo("BUY");
        assertThat(StatusCommandTest.fieldNames(before.json()))
                .isEqualTo(StatusCommandTest.fieldNames(after.json()));
    }

    @Test
    void anActionBeforeTheSubcommandIsAUsageErrorAndNothingRuns() throws Exception {
        openai(vote("BUY", 0.8));
        String data = file(marketJson(60)).toString();
        String[][] runs = {
                {"--status", "consensus", "--market-data", data},
                {"--json", "--disable", "grok", "consensus", "--market-data", data},
                {"--health-check", "consensus", "--market-data", data, "--json"}};
        String[] actions = {"--status", "--disable", "--health-check"};

        for (int i = 0; i < runs.length; i++) {
            Cli.Result r = cli.run(runs[i]);

            assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("llm-providers consensus: " + actions[i] + " cannot be combined with the "
                    + "consensus subcommand; run them separately" + System.lineSeparator());
        }
        assertThat(cli.stateFile()).doesNotExist();
        VENDORS.verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    // --- CSV and standard input ---------------------------------------------------------------------------------

    @Test
    void csvFromAFileWithPairAndTimeframeFlags() throws Exception {
        openai(vote("BUY", 0.8));
        anthropic(vote("BUY", 0.8));
        grok(vote("BUY", 0.8));

        Cli.Result r = cli.run("consensus", "--market-data", file(marketCsv(60)).toString(),
                "--pair", "ETH/USDT:USDT", "--timeframe", "5m", "--json");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.json().get("pair").asText()).isEqualTo("ETH/USDT:USDT");
        assertThat(r.json().get("timeframe").asText()).isEqualTo("5m");
        assertThat(r.json().get("last_candle").asText()).isEqualTo("2024-05-01T16:55:00Z");
    }

    @Test
    void marketDataFromStandardInput() throws Exception {
        openai(vote("SELL", 0.8));
        anthropic(vote("SELL", 0.8));
        grok(vote("SELL", 0.8));
        cli.stdin(marketCsv(60));

        Cli.Result r = cli.run("consensus", "--market-data", "-", "--pair", "BTC/USDT", "--timeframe", "5m",
                "--json");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.json().get("decision").asText()).isEqualTo("SELL");
    }

    // --- fake vendors -------------------------------------------------------------------------------------------

    static String vote(String decision, double confidence) {
        return String.format(Locale.ROOT, "{\"decision\":\"%s\",\"confidence\":%s,\"reasoning\":\"RSI and EMA 20 "
                + "point that way\"}", decision, confidence);
    }

    /** openai-chat-basic.json with {@code text} as the reply. */
    static void openai(String text) {
        VENDORS.stubFor(post(urlPathEqualTo("/openai/v1/chat/completions")).willReturn(json(200, chat(text,
                "gpt-4o-mini-2024-07-18"))));
    }

    /** xai-chat-basic.json has the OpenAI chat shape. */
    static void grok(String text) {
        VENDORS.stubFor(post(urlPathEqualTo("/grok/v1/chat/completions")).willReturn(json(200, chat(text,
                "grok-4-0709"))));
    }

    /** anthropic-messages-basic.json with {@code text} as the reply. */
    static void anthropic(String text) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("id", "msg_014poUe6ukZsmrMtitD45q8K").put("type", "message").put("role", "assistant")
                .put("model", "claude-sonnet-4-20250514");
        body.putArray("content").addObject().put("type", "text").put("text", text);
        body.put("stop_reason", "end_turn").putNull("stop_sequence");
        body.putObject("usage").put("input_tokens", 900).put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0).put("output_tokens", 25).put("service_tier", "standard");
        stub(post(urlPathEqualTo("/anthropic/v1/messages")), body);
    }

    /** gemini-generate-basic.json with {@code text} as the reply. */
    static void gemini(String text) {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode candidate = body.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addObject().put("text", text);
        content.put("role", "model");
        candidate.put("finishReason", "STOP").put("index", 0);
        body.putObject("usageMetadata").put("promptTokenCount", 900).put("candidatesTokenCount", 28)
                .put("totalTokenCount", 928);
        body.put("modelVersion", "gemini-2.5-pro").put("responseId", "Un6LacrVMcjUxs0PmJfWoQc");
        stub(post(urlPathMatching("/gemini/v1beta/models/[^/]+:generateContent")), body);
    }

    private static String chat(String text, String model) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("id", "chatcmpl-C1xnhENrhei3kgOEmFVWfqDgQ0vt2").put("object", "chat.completion")
                .put("created", 1754584237).put("model", model);
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant").put("content", text).putNull("refusal");
        message.putArray("annotations");
        choice.putNull("logprobs").put("finish_reason", "stop");
        body.putObject("usage").put("prompt_tokens", 900).put("completion_tokens", 29).put("total_tokens", 929);
        body.put("service_tier", "default").putNull("system_fingerprint");
        return body.toString();
    }

    private static void stub(MappingBuilder request, ObjectNode body) {
        VENDORS.stubFor(request.willReturn(json(200, body.toString())));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static JsonNode vote(JsonNode result, String provider) {
        for (JsonNode v : result.get("votes")) {
            if (v.get("provider").asText().equals(provider)) {
                return v;
            }
        }
        throw new AssertionError("no vote of " + provider + " in " + result);
    }

    private static List<String> providers(JsonNode votes) {
        List<String> names = new ArrayList<>();
        votes.forEach(v -> names.add(v.get("provider").asText()));
        return names;
    }

    // --- market data (as llm-service-core's TestMarketData: a gentle wave around 100, 5m candles) ---------------

    static final Instant START = Instant.parse("2024-05-01T12:00:00Z");

    /** Rows of {open, high, low, close, volume}. */
    static List<double[]> candles(int count) {
        List<double[]> rows = new ArrayList<>();
        double previousClose = 100;
        for (int i = 0; i < count; i++) {
            double open = previousClose;
            double close = round(100 + 5 * Math.sin(i / 6.0) + i * 0.05);
            rows.add(new double[] {open, round(Math.max(open, close) + 0.4), round(Math.min(open, close) - 0.3), close,
                    round(10 + (i % 7))});
            previousClose = close;
        }
        return rows;
    }

    static String marketJson(int count) {
        return marketJson(candles(count));
    }

    static String marketJson(List<double[]> rows) {
        ObjectNode root = Json.mapper().createObjectNode().put("pair", "BTC/USDT").put("timeframe", "5m");
        ArrayNode array = root.putArray("candles");
        for (int i = 0; i < rows.size(); i++) {
            double[] c = rows.get(i);
            array.addObject().put("date", START.plusSeconds(300L * i).toString()).put("open", c[0]).put("high", c[1])
                    .put("low", c[2]).put("close", c[3]).put("volume", c[4]);
        }
        return root.toString();
    }

    static String marketCsv(int count) {
        StringBuilder sb = new StringBuilder("date,open,high,low,close,volume\n");
        List<double[]> rows = candles(count);
        for (int i = 0; i < rows.size(); i++) {
            double[] c = rows.get(i);
            sb.append(START.plusSeconds(300L * i).toEpochMilli());
            for (double d : c) {
                sb.append(',').append(d);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private Path file(String content) throws Exception {
        Path f = Files.createTempFile(tmp, "market", ".data");
        Files.writeString(f, content);
        return f;
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }
}
