package dev.llmservice.spring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.config.Environment;
import dev.llmservice.journal.DecisionJournal;
import dev.llmservice.testing.FakeVendor;
import dev.llmservice.testing.MutableEnvironment;
import dev.llmservice.spring.testapp.FakeProviders;
import dev.llmservice.spring.testapp.TestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The decision journal wired into the server: a real SQLite journal in a temporary directory behind a real embedded
 * server on a random port, the fake providers priced (alpha's 11 + 2 tokens at 1000/2000 USD per million: 0.015 a
 * call; beta free) and a daily budget of 0.04 USD. The tests build on each other's spending, in order.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"llm.state.poll-interval=0", "llm.policy.early-decision=false",
                "management.endpoints.web.exposure.include=health,prometheus",
                "management.endpoint.health.show-details=always"})
@Import({FakeProviders.class, DecisionJournalIntegrationTest.Priced.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DecisionJournalIntegrationTest {

    static final Path JOURNAL;

    static {
        try {
            JOURNAL = Files.createTempDirectory("llm-journal-wiring").resolve("journal.db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Priced {
        @Bean
        @Primary
        MutableEnvironment pricedVariables() {
            Map<String, String> variables = new HashMap<>(FakeProviders.VARIABLES);
            variables.put("LLM_JOURNAL_URL", "jdbc:sqlite:" + JOURNAL);
            variables.put("ALPHA_INPUT_PRICE", "1000");
            variables.put("ALPHA_OUTPUT_PRICE", "2000");
            variables.put("BETA_INPUT_PRICE", "0");
            variables.put("BETA_OUTPUT_PRICE", "0");
            variables.put("LLM_DAILY_BUDGET_USD", "0.04");
            return new MutableEnvironment(variables);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    FakeVendor vendor;
    @Autowired
    DecisionJournal journal;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
        vendor.reset();
        vendor.vote("alpha", "BUY", 0.8);
        vendor.vote("beta", "BUY", 0.7);
    }

    @Test
    @Order(1)
    void aConsensusIsAnsweredWithItsIdAndCostsAndGetByIdGivesTheSameDocument() {
        JsonNode result = http.postJson("/api/v1/consensus", MarketDataJson.valid(), null).json();
        String id = result.get("id").asText();

        assertThat(result.at("/votes/0/cost_usd").decimalValue()).isEqualByComparingTo("0.015");
        assertThat(result.at("/votes/1/cost_usd").decimalValue()).isEqualByComparingTo("0");
        assertThat(result.get("cost_usd").decimalValue()).isEqualByComparingTo("0.015");
        Http.Response byId = await().atMost(Duration.ofSeconds(10))
                .until(() -> http.get("/api/v1/consensus/" + id), r -> r.status() == 200);
        assertThat(byId.json()).isEqualTo(result);
        JsonNode page = http.get("/api/v1/consensus?pair=BTC/USDT&limit=1").json();
        assertThat(page.get("entries").get(0)).isEqualTo(result);
        assertThat(http.get("/api/v1/consensus?pair=ETH/USDT").json().get("entries")).isEmpty();
        assertThat(http.get("/actuator/prometheus").body())
                .contains("llm_cost_usd_total{model=\"alpha-large\",provider=\"alpha\"} 0.015")
                .contains("llm_journal_dropped_total 0.0");
    }

    @Test
    @Order(2)
    void anUnknownIdIsA404ProblemAndBadParametersA400NamingEach() {
        Http.Response unknown = http.get("/api/v1/consensus/0190f6b2-0000-7000-8000-000000000000");
        Http.Response bad = http.get("/api/v1/consensus?limit=0&since=soon");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("title").asText()).isEqualTo("Unknown consensus");
        assertThat(unknown.json().get("detail").asText()).isEqualTo("no consensus with id "
                + "'0190f6b2-0000-7000-8000-000000000000' in the decision journal (" + JOURNAL + ")");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors")).extracting(e -> e.get("field").asText()).containsExactly("since", "limit");
        assertThat(http.get("/api/v1/consensus?cursor=nonsense").status()).isEqualTo(400);
    }

    @Test
    @Order(3)
    void theScorecardTakesTheSameMarketDataBodyAndInvalidDataIsA400NamingTheField() {
        Http.Response card = http.postJson("/api/v1/scorecard?horizon=2&min_move=0.5", MarketDataJson.valid(), null);
        Http.Response invalid = http.postJson("/api/v1/scorecard", "{\"pair\":\"BTC/USDT\",\"timeframe\":\"5m\","
                + "\"candles\":[]}", null);

        assertThat(card.status()).as(card.body()).isEqualTo(200);
        assertThat(card.json().get("pair").asText()).isEqualTo("BTC/USDT");
        assertThat(card.json().get("horizon").asInt()).isEqualTo(2);
        assertThat(card.json().get("min_move").asDouble()).isEqualTo(0.005);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").get(0).get("field").asText()).isEqualTo("candles");
    }

    @Test
    @Order(4)
    void onceTheBudgetIsSpentNoProviderIsCalledAndTheAnswerIs200BudgetExhausted() {
        // Spent so far: 0.015. Two more calls reach 0.045 >= 0.04.
        for (int i = 0; i < 2; i++) {
            await().atMost(Duration.ofSeconds(10)).until(() -> journal.health().queued() == 0);
            assertThat(http.postJson("/api/v1/consensus", MarketDataJson.valid(), null).json().get("status").asText())
                    .isEqualTo("decided");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/providers").json()
                .at("/spend/today_usd").decimalValue().compareTo(new java.math.BigDecimal("0.045")) == 0);
        int calls = vendor.generations();

        Http.Response refused = http.postJson("/api/v1/consensus", MarketDataJson.valid(), null);

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.json().get("status").asText()).isEqualTo("budget_exhausted");
        assertThat(refused.json().at("/votes/0/error/message").asText()).isEqualTo("not called: today's spend (UTC) "
                + "of USD 0.045000 has reached LLM_DAILY_BUDGET_USD=0.04");
        assertThat(vendor.generations()).isEqualTo(calls);
        assertThat(http.get("/api/v1/providers").json().get("spend").toString())
                .isEqualTo("{\"today_usd\":0.045,\"daily_budget_usd\":0.04}");
    }

    @Test
    @Order(5)
    void aJournalThatCannotBeWrittenLosesTheEntryButNotTheAnswerAndHealthShowsItWithoutTheApplicationGoingDown()
            throws Exception {
        // The entries of the tests before are written first (the writer may still be gathering a batch).
        await().atMost(Duration.ofSeconds(10)).until(() -> journal.health().queued() == 0);
        // The database breaks under the server: its table is renamed away.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + JOURNAL); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE llm_journal_entry RENAME TO llm_journal_entry_moved");
        }
        long before = journal.dropped();

        Http.Response answered = http.postJson("/api/v1/consensus", MarketDataJson.valid(), null);

        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.json().get("id").asText()).isNotEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> journal.dropped() > before);
        Http.Response component = http.get("/actuator/health/journal");
        assertThat(component.status()).isEqualTo(503);
        assertThat(component.json().get("status").asText()).isEqualTo("DOWN");
        JsonNode details = component.json().at("/components/decisionJournal/details");
        assertThat(details.get("reason").asText()).startsWith("cannot write to " + JOURNAL);
        assertThat(details.get("location").asText()).isEqualTo(JOURNAL.toString());
        assertThat(details.get("dropped").asLong()).isEqualTo(before + 1);
        Http.Response overall = http.get("/actuator/health");
        assertThat(overall.status()).isEqualTo(200);
        assertThat(overall.json().get("status").asText()).isEqualTo("UP");
        assertThat(overall.json().get("groups")).extracting(JsonNode::asText).contains("journal");
        assertThat(http.get("/actuator/prometheus").body()).contains("llm_journal_dropped_total " + (before + 1) + ".0");
    }
}
