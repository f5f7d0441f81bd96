package dev.llmservice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmservice.cli.testing.Cli;
import dev.llmservice.consensus.marketdata.MarketDataJson;
import dev.llmservice.consensus.marketdata.MarketDataParser;
import dev.llmservice.consensus.report.ConsensusJson;
import dev.llmservice.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code llm-providers --url URL consensus --market-data FILE} against a WireMock stub of the server's
 * {@code POST /api/v1/consensus}: the market data is checked here first, sent as the server's JSON format, and
 * the server's result is shown exactly as a local run shows its own.
 */
class RemoteConsensusTest {

    static final String TOKEN = "api-TOKEN-consensus-secret-0123456789";
    static final WireMockServer SERVER = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    static final String N = System.lineSeparator();

    /** A server's answer: two of three providers voted BUY, one failed with a key in its message (masked). */
    static final String DECIDED = """
            {"pair":"BTC/USDT","timeframe":"5m","last_candle":"2024-05-01T16:55:00Z",
             "valid_until":"2024-05-01T17:00:00Z","decision":"BUY","status":"decided","confidence":0.5666666666666667,
             "agreement":0.85,"scores":{"buy":1.7,"sell":0.0,"hold":0.0},"margin":1.7,
             "quorum":{"total_weight":3.0,"required_weight":1.5,"responded_weight":2.0,"required_count":2,
                       "responded_count":2,"met":true},
             "votes":[
               {"provider":"anthropic","model":"claude-sonnet-4-5","weight":1.0,"status":"ok","decision":"BUY",
                "confidence":0.9,"reasoning":"RSI rising, price above EMA 20","latency_ms":812,
                "tokens":{"input":950,"output":41},"error":null,"cost_usd":0.003465,"cost_note":null},
               {"provider":"openai","model":"gpt-4.1","weight":1.0,"status":"ok","decision":"BUY","confidence":0.8,
                "reasoning":"Momentum up","latency_ms":640,"tokens":{"input":930,"output":35},"error":null,
                "cost_usd":0.00214,"cost_note":null},
               {"provider":"grok","model":"grok-4","weight":1.0,"status":"error","decision":null,"confidence":null,
                "reasoning":null,"latency_ms":120,"tokens":{"input":0,"output":0},
                "error":{"kind":"authentication","message":"invalid key xai-…9f3c"},"cost_usd":0,"cost_note":null}],
             "dissent":[],"early_stopped":false,"confidence_range":{"min":0.5666666666666667,"max":0.5666666666666667},
             "latency_ms":905,"policy_version":"1","cost_usd":0.005605,"id":"0190f6b2-7c1e-7d3a-9f4e-2b8c1d0e5a6f",
             "created_at":"2024-05-01T16:56:12.345Z","cached":false}""";

    /** The same result as a server without the decision journal answered it: the keys added since are null. */
    static final String DECIDED_BEFORE_THE_JOURNAL = DECIDED
            .replaceAll(",\\s*\"cost_usd\":[0-9.]+,\"cost_note\":null", "")
            .replaceAll(",\\s*\"cost_usd\":[0-9.]+,\"id\":\"[0-9a-f-]+\",\\s*\"created_at\":\"[^\"]+\",\"cached\":false",
                    "");

    @TempDir
    Path tmp;

    Cli cli;
    String url;

    @BeforeAll
    static void start() {
        SERVER.start();
    }

    @AfterAll
    static void stop() {
        SERVER.stop();
    }

    @BeforeEach
    void reset() {
        SERVER.resetAll();
        url = "http://127.0.0.1:" + SERVER.port();
        cli = new Cli(tmp, Cli.fakeBuiltIns());
    }

    // --- the answer ---------------------------------------------------------------------------------------------

    @Test
    void aDecidedResultIsExitZeroAndShownExactlyAsALocalRunShowsIt() throws Exception {
        SERVER.stubFor(post(urlEqualTo("/api/v1/consensus")).willReturn(json(200, DECIDED)));

        Cli.Result r = cli.run("--url", url, "--token", TOKEN, "consensus", "--market-data", file(json(60)));

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(ConsensusCommand.text(ConsensusJson.fromNode(Json.mapper().readTree(DECIDED))));
        assertThat(r.out()).startsWith("BTC/USDT 5m  newest candle 2024-05-01T16:55:00Z  valid until "
                        + "2024-05-01T17:00:00Z" + N
                        + "Decision BUY (decided)  confidence 0.567  agreement 0.850  freqtrade enter_long" + N)
                .contains("PROVIDER", "anthropic", "RSI rising, price above EMA 20", "invalid key xai-…9f3c")
                .endsWith("freqtrade: enter_long = 1 for the candle after 2024-05-01T16:55:00Z, valid until "
                        + "2024-05-01T17:00:00Z" + N);
    }

    @Test
    void theMarketDataIsSentAsTheServersJsonWithTheToken() throws Exception {
        SERVER.stubFor(post(urlEqualTo("/api/v1/consensus")).willReturn(json(200, DECIDED)));
        String data = json(60);

        cli.run("--url", url, "--token", TOKEN, "consensus", "--market-data", file(data));

        List<LoggedRequest> requests = SERVER.findAll(postRequestedFor(urlEqualTo("/api/v1/consensus"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json")));
        assertThat(requests).hasSize(1);
        assertThat(Json.mapper().readTree(requests.get(0).getBodyAsString()))
                .isEqualTo(MarketDataJson.toNode(MarketDataParser.parse(data, null, null)));
    }

    @Test
    void csvIsSentAsJsonWithThePairAndTimeframeGiven() throws Exception {
        SERVER.stubFor(post(urlEqualTo("/api/v1/consensus")).willReturn(json(200, DECIDED)));

        Cli.Result r = cli.run("consensus", "--url", url, "--market-data", file(ConsensusCommandTest.marketCsv(60)),
                "--pair", "ETH/USDT:USDT", "--timeframe", "5m");

        assertThat(r.exitCode()).as(r.all()).isZero();
        LoggedRequest request = SERVER.findAll(postRequestedFor(urlEqualTo("/api/v1/consensus"))
                .withHeader("Authorization", absent())).get(0);
        JsonNode body = Json.mapper().readTree(request.getBodyAsString());
        assertThat(body.get("pair").asText()).isEqualTo("ETH/USDT:USDT");
        assertThat(body.get("timeframe").asText()).isEqualTo("5m");
        assertThat(body.get("candles")).hasSize(60);
        assertThat(body.at("/candles/59/date").asText()).isEqualTo("2024-05-01T16:55:00Z");
    }

    @Test
    void jsonPrintsTheServersDocumentAsALocalRunPrintsItsOwn() throws Exception {
        SERVER.stubFor(post(urlEqualTo("/api/v1/consensus")).willReturn(json(200, DECIDED)));

        Cli.Result before = cli.run("--url", url, "--json", "consensus", "--market-data", file(json(60)));
        Cli.Result after = cli.run("consensus", "--market-data", file(json(60)), "--url", url, "--json");

        assertThat(before.exitCode()).as(before.all()).isZero();
        assertThat(before.json()).isEqualTo(Json.mapper().readTree(DECIDED));
        assertThat(before.out()).isEqualTo(
                ConsensusJson.toJson(ConsensusJson.fromNode(Json.mapper().readTree(DECIDED))) + N);
        assertThat(after.out()).isEqualTo(before.out());
        assertThat(before.out()).contains("\"id\" : \"0190f6b2-7c1e-7d3a-9f4e-2b8c1d0e5a6f\"");
    }

    @Test
    void aResultFromAServerWithoutTheJournalIsShownWithItsIdAndCostsUnknown() throws Exception {
        assertThat(DECIDED_BEFORE_THE_JOURNAL).doesNotContain("cost_usd").doesNotContain("\"id\"").doesNotContain("cached");
        SERVER.stubFor(post(urlEqualTo("/api/v1/consensus")).willReturn(json(200, DECIDED_BEFORE_THE_JOURNAL)));

        Cli.Result r = cli.run("consensus", "--market-data", file(json(60)), "--url", url);

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("policy 1, 905 ms, cost unknown").contains("not recorded in the decision journal");
    }

    @Test
    void aResultThatIsNotDecidedIsExitOneWithNoSignal() throws Exception {
        ObjectNode noQuorum = (ObjectNode) Json.mapper().readTree(DECIDED);
        noQuorum.put("decision", "HOLD").put("status", "no_quorum").put("confidence", 0.0).put("agreement", 0.0);
        SERVER.stubFor(post(urlEqualTo("/api/v1/consensus")).willReturn(json(200, noQuorum.toString())));

        Cli.Result r = cli.run("--url", url, "consensus", "--market-data", file(json(60)));
        Cli.Result json = cli.run("--url", url, "consensus", "--market-data", file(json(60)), "--json");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).contains("Decision HOLD (no_quorum)").endsWith("freqtrade: no signal (no_quorum)" + N);
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.json().get("status").asText()).isEqualTo("no_quorum");
    }

    // --- invalid input ------------------------------------------------------------------------------------------

    @Test
    void theServersBadRequestIsExitTwoWithOneLinePerInvalidField() throws Exception {
        SERVER.stubFor(post(urlEqualTo("/api/v1/consensus")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"about:blank\",\"title\":\"Invalid market data\",\"status\":400,"
                        + "\"detail\":\"2 invalid fields: candles[2].high, timeframe\",\"errors\":["
                        + "{\"field\":\"candles[2].high\",\"message\":\"must be at least low (99.6)\",\"value\":\"1.5\"},"
                        + "{\"field\":\"timeframe\",\"message\":\"must be one of 1m, 5m\",\"value\":null}]}")));

        Cli.Result r = cli.run("--url", url, "consensus", "--market-data", file(json(60)), "--json");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("llm-providers consensus: " + url + " rejected the market data (2 problems); "
                + "no provider was asked:" + N
                + "  candles[2].high was '1.5': must be at least low (99.6)" + N
                + "  timeframe: must be one of 1m, 5m" + N);
    }

    @Test
    void aBadRequestWithoutFieldsIsStillExitTwoInOneLine() throws Exception {
        SERVER.stubFor(post(urlEqualTo("/api/v1/consensus")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"Failed to read request\"}")));

        Cli.Result r = cli.run("--url", url, "consensus", "--market-data", file(json(60)));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("llm-providers consensus: " + url + " rejected the market data (HTTP 400: "
                + "Failed to read request); no provider was asked" + N);
    }

    @Test
    void marketDataThatCannotBeReadOrIsInvalidIsExitTwoBeforeAnythingIsSent() throws Exception {
        List<double[]> rows = ConsensusCommandTest.candles(60);
        rows.get(2)[1] = 1.5;

        Cli.Result invalid = cli.run("--url", url, "consensus", "--market-data",
                file(ConsensusCommandTest.marketJson(rows)));
        Cli.Result missing = cli.run("--url", url, "consensus", "--market-data", tmp.resolve("nope.json").toString());
        Cli.Result csv = cli.run("--url", url, "consensus", "--market-data", file(ConsensusCommandTest.marketCsv(60)));

        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("invalid market data in '", "1 problem", "no provider was asked", "row 3");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read the market data", "no such file");
        assertThat(csv.exitCode()).isEqualTo(2);
        assertThat(csv.err()).contains("pair", "timeframe");
        SERVER.verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    // --- options and failures -----------------------------------------------------------------------------------

    @Test
    void urlAndTokenMayComeAfterTheSubcommandButOnlyOnce() throws Exception {
        SERVER.stubFor(post(urlEqualTo("/api/v1/consensus")).willReturn(json(200, DECIDED)));
        String data = file(json(60));

        Cli.Result after = cli.run("consensus", "--market-data", data, "--url", url, "--token", TOKEN);
        Cli.Result twice = cli.run("--url", url, "consensus", "--market-data", data, "--url", url);
        Cli.Result tokenOnly = cli.run("consensus", "--market-data", data, "--token", TOKEN);
        Cli.Result badUrl = cli.run("consensus", "--market-data", data, "--url", "ftp://host");

        assertThat(after.exitCode()).as(after.all()).isZero();
        SERVER.verify(exactly(1), postRequestedFor(urlEqualTo("/api/v1/consensus"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).isEqualTo("llm-providers consensus: --url was given both before and after "
                + "'consensus'; give it once" + N);
        assertThat(tokenOnly.exitCode()).isEqualTo(2);
        assertThat(tokenOnly.err()).isEqualTo("llm-providers consensus: --token needs --url (the server to send it "
                + "to)" + N);
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).contains("--url must be an http or https URL", "'ftp://host'");
        SERVER.verify(exactly(1), anyRequestedFor(anyUrl()));
    }

    @Test
    void aRefusedTokenIsExitOneInOneLineAndTheTokenGivenAfterTheSubcommandIsMasked() throws Exception {
        SERVER.stubFor(post(urlEqualTo("/api/v1/consensus")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"token " + TOKEN + " is wrong\"}")));

        Cli.Result r = cli.run("consensus", "--market-data", file(json(60)), "--url", url, "--token", TOKEN);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("HTTP 401", "check the token").doesNotContain(TOKEN);
    }

    @Test
    void anAnswerThatIsNotAConsensusResultIsExitOneInOneLine() throws Exception {
        SERVER.stubFor(post(urlEqualTo("/api/v1/consensus")).willReturn(json(200, "{\"status\": \"UP\"}")));

        Cli.Result r = cli.run("--url", url, "consensus", "--market-data", file(json(60)));
        Cli.Result json = cli.run("--url", url, "consensus", "--market-data", file(json(60)), "--json");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("llm-providers consensus: POST /api/v1/consensus on " + url + " answered with "
                + "something else than a consensus result (pair was missing but it must be text)" + N);
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.out()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------------------

    private static String json(int candles) {
        return ConsensusCommandTest.marketJson(candles);
    }

    private String file(String content) throws Exception {
        Path f = Files.createTempFile(tmp, "market", ".data");
        Files.writeString(f, content);
        return f.toString();
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
