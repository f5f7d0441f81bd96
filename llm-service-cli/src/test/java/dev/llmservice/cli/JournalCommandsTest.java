package dev.llmservice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmservice.consensus.marketdata.Timeframe;
import dev.llmservice.consensus.policy.ConsensusStatus;
import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.VoteStatus;
import dev.llmservice.journal.JournalEntry;
import dev.llmservice.journal.JournalSettings;
import dev.llmservice.journal.JournalVote;
import dev.llmservice.journal.jdbc.JdbcDecisionJournal;
import dev.llmservice.cli.testing.Cli;
import dev.llmservice.json.Json;
import dev.llmservice.provider.ProviderTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static dev.llmservice.cli.ConsensusCommandTest.VENDORS;
import static dev.llmservice.cli.ConsensusCommandTest.anthropic;
import static dev.llmservice.cli.ConsensusCommandTest.grok;
import static dev.llmservice.cli.ConsensusCommandTest.marketJson;
import static dev.llmservice.cli.ConsensusCommandTest.openai;
import static dev.llmservice.cli.ConsensusCommandTest.vote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision journal, costs and budget through {@code llm-providers}: {@code consensus} records into a real SQLite
 * journal in a temporary directory, {@code history} and {@code scorecard} read it, against the real provider types
 * on the local fake vendors of {@link ConsensusCommandTest}.
 */
class JournalCommandsTest {

    static final String N = System.lineSeparator();

    @TempDir
    Path tmp;

    Cli cli;
    Path marketData;

    @BeforeAll
    static void start() {
        ConsensusCommandTest.start();
    }

    @AfterAll
    static void stop() {
        ConsensusCommandTest.stop();
    }

    @BeforeEach
    void threeProvidersWithPrices() throws Exception {
        VENDORS.resetAll();
        String base = "http://127.0.0.1:" + VENDORS.port();
        cli = new Cli(tmp, ProviderTypes.discover())
                .set("OPENAI_API_KEY", ConsensusCommandTest.OPENAI_KEY).set("OPENAI_BASE_URL", base + "/openai/v1")
                .set("ANTHROPIC_API_KEY", ConsensusCommandTest.ANTHROPIC_KEY)
                .set("ANTHROPIC_BASE_URL", base + "/anthropic")
                .set("GROK_API_KEY", ConsensusCommandTest.GROK_KEY).set("GROK_BASE_URL", base + "/grok/v1")
                // The fake vendors answer with models the price table does not have: openai and anthropic are priced
                // here (900 + 29 tokens at 1/2: 0.000958; 900 + 25 at 3/15: 0.003075), grok stays unknown.
                .set("OPENAI_INPUT_PRICE", "1").set("OPENAI_OUTPUT_PRICE", "2")
                .set("ANTHROPIC_INPUT_PRICE", "3").set("ANTHROPIC_OUTPUT_PRICE", "15");
        for (String p : List.of("OPENAI", "ANTHROPIC", "GROK")) {
            cli.set(p + "_MAX_RETRIES", "0").set(p + "_TIMEOUT", "10");
        }
        openai(vote("BUY", 0.8));
        anthropic(vote("BUY", 0.7));
        grok(vote("BUY", 0.9));
        marketData = Files.writeString(tmp.resolve("market.json"), marketJson(60));
    }

    Cli.Result consensus(String... more) {
        List<String> args = new ArrayList<>(List.of("consensus", "--market-data", marketData.toString(),
                "--wait-for-all"));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void everyConsensusIsRecordedAndHistoryShowsItUnderTheSameIdInTheSameShape() {
        Cli.Result r = consensus("--json");
        assertThat(r.exitCode()).as(r.all()).isZero();
        JsonNode result = r.json();
        String id = result.get("id").asText();

        Cli.Result history = cli.run("history", "--json");
        Cli.Result table = cli.run("history");

        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(result.get("created_at").asText()).isEqualTo(Cli.CHECKED_AT.toString());
        assertThat(history.exitCode()).as(history.all()).isZero();
        assertThat(history.json().get("entries")).hasSize(1);
        assertThat(history.json().get("entries").get(0)).isEqualTo(result);
        assertThat(history.json().get("next_cursor").isNull()).isTrue();
        assertThat(table.out()).isEqualTo(""
                + "ID                                    RECORDED              PAIR      TF  DECISION  STATUS   CONF   VOTES   COST USD" + N
                + id + "  2026-11-26T07:00:00Z  BTC/USDT  5m  BUY       decided  0.800  3/3 ok  ?" + N);
    }

    @Test
    void eachVoteIsPricedAndAModelWithoutAPriceIsNullWithItsReasonNeverAGuess() {
        Cli.Result json = consensus("--json");
        Cli.Result table = consensus();

        JsonNode votes = json.json().get("votes");
        assertThat(voteOf(votes, "openai").get("cost_usd").decimalValue()).isEqualByComparingTo("0.000958");
        assertThat(voteOf(votes, "anthropic").get("cost_usd").decimalValue()).isEqualByComparingTo("0.003075");
        assertThat(voteOf(votes, "grok").get("cost_usd").isNull()).isTrue();
        assertThat(voteOf(votes, "grok").get("cost_note").asText()).isEqualTo("no price for model grok-4-0709");
        assertThat(json.json().get("cost_usd").isNull()).isTrue();
        assertThat(table.out()).contains("? cost unknown, grok: no price for model grok-4-0709" + N)
                .contains(", cost unknown" + N).containsPattern("id [0-9a-f-]{36}, recorded 2026-11-26T07:00:00Z");

        // With grok priced too, the total is known.
        cli.set("GROK_INPUT_PRICE", "0").set("GROK_OUTPUT_PRICE", "0");
        assertThat(consensus("--json").json().get("cost_usd").decimalValue()).isEqualByComparingTo("0.004033");
    }

    @Test
    void onceTodaysSpendReachesTheBudgetNoVendorIsCalledAndTheExitCodeIsOne() {
        cli.set("GROK_INPUT_PRICE", "0").set("GROK_OUTPUT_PRICE", "0").set("LLM_DAILY_BUDGET_USD", "0.004");
        assertThat(consensus().exitCode()).isZero();          // spends 0.004033: the budget is reached
        VENDORS.verify(exactly(3), anyRequestedFor(anyUrl()));

        Cli.Result refused = consensus("--json");
        Cli.Result status = cli.run("--status");

        VENDORS.verify(exactly(3), anyRequestedFor(anyUrl()));
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
        assertThat(refused.json().get("status").asText()).isEqualTo("budget_exhausted");
        assertThat(refused.json().get("decision").asText()).isEqualTo("HOLD");
        assertThat(refused.json().at("/votes/0/status").asText()).isEqualTo("skipped");
        assertThat(refused.json().at("/votes/0/error/message").asText()).isEqualTo("not called: today's spend (UTC) "
                + "of USD 0.004033 has reached LLM_DAILY_BUDGET_USD=0.004");
        assertThat(refused.json().get("id").isNull()).isFalse();
        assertThat(status.out()).endsWith("Today (UTC): USD 0.004033 spent of the daily budget of USD 0.004 "
                + "(LLM_DAILY_BUDGET_USD); exhausted: a consensus asks no provider until midnight UTC" + N);
    }

    @Test
    void anInvalidJournalUrlPriceOrBudgetIsOneLineEachExitTwoAndNoVendorIsCalled() {
        cli.set("LLM_JOURNAL_URL", "jdbc:mysql://db/llm").set("OPENAI_INPUT_PRICE", "-1")
                .set("LLM_DAILY_BUDGET_USD", "ten");

        Cli.Result r = consensus();

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(""
                + "llm-providers consensus: LLM_JOURNAL_URL was 'jdbc:mysql://db/llm' but it must be jdbc:sqlite:FILE "
                + "(e.g. jdbc:sqlite:/var/lib/llm-service/journal.db) or jdbc:postgresql://HOST[:PORT]/DATABASE" + N
                + "OPENAI_INPUT_PRICE was '-1' but it must be a number >= 0 (USD per million tokens)" + N
                + "LLM_DAILY_BUDGET_USD was 'ten' but it must be a number > 0 (USD per UTC day)" + N);
        VENDORS.verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    @Test
    void aJournalFileThatIsNotADatabaseIsRefusedAndLeftUntouched() throws Exception {
        Files.writeString(cli.journal(), "my notes, not a database\n");

        Cli.Result r = consensus();

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("llm-providers consensus: the journal " + cli.journal() + " is not an SQLite "
                + "database: set LLM_JOURNAL_URL to another file. It was left untouched." + N);
        assertThat(Files.readString(cli.journal())).isEqualTo("my notes, not a database\n");
        VENDORS.verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    @Test
    void withTheJournalOffNothingIsRecordedAndTheResultHasNoId() {
        cli.set("LLM_JOURNAL", "off");

        Cli.Result json = consensus("--json");
        Cli.Result table = consensus();

        assertThat(json.exitCode()).as(json.all()).isZero();
        assertThat(json.json().get("id").isNull()).isTrue();
        assertThat(table.out()).contains("not recorded in the decision journal" + N);
        assertThat(cli.journal()).doesNotExist();
        assertThat(cli.run("history").out()).isEqualTo("No consensus recorded." + N);
    }

    @Test
    void historyIsNewestFirstFilteredPagedAndItsOptionsAreChecked() throws Exception {
        record(entry("BTC/USDT", 0, Instant.parse("2026-11-26T06:00:00Z")),
                entry("ETH/USDT", 0, Instant.parse("2026-11-26T06:10:00Z")),
                entry("BTC/USDT", 1, Instant.parse("2026-11-26T06:20:00Z")),
                entry("BTC/USDT", 2, Instant.parse("2026-11-26T06:30:00Z")));

        JsonNode page = cli.run("history", "--pair", "BTC/USDT", "--limit", "2", "--json").json();
        Cli.Result next = cli.run("history", "--pair", "BTC/USDT", "--limit", "2", "--cursor",
                page.get("next_cursor").asText(), "--json");
        Cli.Result since = cli.run("history", "--since", "2026-11-26T06:15:00Z", "--json");
        Cli.Result table = cli.run("history", "--limit", "1");

        assertThat(page.get("entries")).extracting(e -> e.get("created_at").asText())
                .containsExactly("2026-11-26T06:30:00Z", "2026-11-26T06:20:00Z");
        assertThat(next.json().get("entries")).extracting(e -> e.get("created_at").asText())
                .containsExactly("2026-11-26T06:00:00Z");
        assertThat(next.json().get("next_cursor").isNull()).isTrue();
        assertThat(since.json().get("entries")).hasSize(2);
        assertThat(table.out()).endsWith("More: llm-providers history --cursor "
                + cli.run("history", "--limit", "1", "--json").json().get("next_cursor").asText() + N);

        Cli.Result bad = cli.run("history", "--since", "yesterday", "--limit", "5000");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo(""
                + "llm-providers history: --since was 'yesterday' but it must be an ISO-8601 date (2024-05-01, "
                + "midnight UTC) or instant (2024-05-01T16:00:00Z)" + N
                + "--limit was '5000' but it must be a whole number from 1 to 1000" + N);
        Cli.Result cursor = cli.run("history", "--cursor", "not-a-cursor");
        assertThat(cursor.exitCode()).isEqualTo(2);
        assertThat(cursor.err()).isEqualTo("llm-providers history: --cursor was 'not-a-cursor' but it must be a "
                + "next_cursor this journal returned" + N);
    }

    @Test
    void theScorecardScoresTheJournalAgainstTheCandlesAndEndsWithTheWeightLinesToPaste() throws Exception {
        // 40 decisions on candles 50..89; anthropic always calls the next candle right, openai always says BUY.
        List<double[]> candles = ConsensusCommandTest.candles(120);
        List<JournalEntry> entries = new ArrayList<>();
        for (int i = 50; i < 90; i++) {
            double c0 = candles.get(i)[3];
            double c1 = candles.get(i + 1)[3];
            Decision right = c1 > c0 * 1.001 ? Decision.BUY : c1 < c0 * 0.999 ? Decision.SELL : Decision.HOLD;
            Instant candle = ConsensusCommandTest.START.plusSeconds(300L * i);
            entries.add(new JournalEntry(UUID.randomUUID().toString(), candle.plusSeconds(60), "BTC/USDT", Timeframe.M5,
                    candle, c0, "ab".repeat(32), "1", "1", right, right == Decision.HOLD ? ConsensusStatus.BELOW_THRESHOLD
                    : ConsensusStatus.DECIDED, right == Decision.HOLD ? 0 : 0.4, 0.5, false, Duration.ofMillis(900),
                    List.of(journalVote("anthropic", right, "0.003"), journalVote("openai", Decision.BUY, "0.001"))));
        }
        record(entries.toArray(JournalEntry[]::new));
        Path later = Files.writeString(tmp.resolve("later.json"), marketJson(candles));

        Cli.Result table = cli.run("scorecard", "--market-data", later.toString());
        Cli.Result json = cli.run("scorecard", "--market-data", later.toString(), "--horizon", "1", "--min-move",
                "0.1", "--json");

        assertThat(table.exitCode()).as(table.all()).isZero();
        assertThat(table.out()).startsWith("Scorecard BTC/USDT 5m: horizon 1 candle, minimum move 0.1 %; 40 decisions "
                + "scored, 0 pending" + N)
                .contains(N + N
                        + "           VOTES  HITS  HIT RATE  95% CI       BRIER  AFTER BUY  AFTER SELL  COST USD  PER HIT   WEIGHT" + N
                        + "anthropic  40     40    1.000     0.912-1.000  0.090  +0.58%     -0.51%      0.120000  0.003000  1.00" + N
                        + "openai     40     18    0.450     0.307-0.602  0.310  +0.02%     -           0.040000  0.002222  0.00" + N
                        + "consensus  40     40    1.000     0.912-1.000  0.408  +0.58%     -0.51%      0.160000  0.004000" + N)
                .endsWith("Suggested weights, to paste into .env:" + N + "ANTHROPIC_WEIGHT=1.00" + N
                        + "OPENAI_WEIGHT=0.00" + N);
        JsonNode card = json.json();
        assertThat(StatusCommandTest.fieldNames(card)).containsExactly("pair", "timeframe", "horizon", "min_move",
                "entries_scored", "entries_pending", "providers", "consensus");
        assertThat(StatusCommandTest.fieldNames(card.at("/providers/0"))).containsExactly("name", "votes_scored",
                "hits", "hit_rate", "hit_rate_ci95", "brier", "mean_return_after_buy", "mean_return_after_sell",
                "cost_usd", "cost_per_hit_usd", "suggested_weight");
        assertThat(card.at("/providers/0/cost_usd").decimalValue()).isEqualByComparingTo("0.12");
        assertThat(card.get("min_move").asDouble()).isEqualTo(0.001);
    }

    @Test
    void scorecardMarketDataIsCheckedAsForConsensusAndItsOptionsToo() throws Exception {
        Path tooFew = Files.writeString(tmp.resolve("few.json"), marketJson(10));

        Cli.Result few = cli.run("scorecard", "--market-data", tooFew.toString());
        Cli.Result options = cli.run("scorecard", "--market-data", marketData.toString(), "--horizon", "0",
                "--min-move", "-0.5");

        assertThat(few.exitCode()).isEqualTo(2);
        assertThat(few.err()).startsWith("llm-providers scorecard: invalid market data in '" + tooFew
                + "' (1 problem); nothing was scored:" + N + "  candles");
        assertThat(options.exitCode()).isEqualTo(2);
        assertThat(options.err()).isEqualTo(""
                + "llm-providers scorecard: --horizon was '0' but it must be a whole number of candles from 1 to 1000" + N
                + "--min-move was '-0.5' but it must be a percentage from 0 to 100, e.g. 0.1" + N);
    }

    // ---------------------------------------------------------------------------------------------------------

    private void record(JournalEntry... entries) {
        JournalSettings settings = new JournalSettings(true, "jdbc:sqlite:" + cli.journal(), null, null);
        JdbcDecisionJournal journal = JdbcDecisionJournal.open(settings, java.time.Clock.fixed(Cli.CHECKED_AT, java.time.ZoneOffset.UTC));
        try {
            for (JournalEntry e : entries) {
                journal.record(e);
            }
        } finally {
            journal.close();   // writes what is queued
        }
    }

    private static JournalEntry entry(String pair, int n, Instant at) {
        Instant candle = ConsensusCommandTest.START.plusSeconds(300L * (59 + n));
        return new JournalEntry(UUID.randomUUID().toString(), at, pair, Timeframe.M5, candle, 100, "cd".repeat(32), "1",
                "1", Decision.BUY, ConsensusStatus.DECIDED, 0.6, 0.8, false, Duration.ofMillis(700),
                List.of(journalVote("openai", Decision.BUY, "0.001"), journalVote("anthropic", Decision.BUY, "0.002")));
    }

    private static JournalVote journalVote(String provider, Decision decision, String cost) {
        return new JournalVote(provider, provider + "-model", 1.0, VoteStatus.OK, decision, 0.7, "reason",
                Duration.ofMillis(500), 900, 30, new BigDecimal(cost), null);
    }

    private static JsonNode voteOf(JsonNode votes, String provider) {
        for (JsonNode v : votes) {
            if (v.get("provider").asText().equals(provider)) {
                return v;
            }
        }
        throw new AssertionError("no vote of " + provider);
    }

    static ObjectNode object(String json) throws Exception {
        return (ObjectNode) Json.mapper().readTree(json);
    }
}
