package dev.llmservice.consensus.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmservice.consensus.ConsensusResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConsensusJsonTest {

    @Test
    void writesTheDocumentedShapeWithSnakeCaseKeysInOrder() throws Exception {
        ConsensusResult r = ReportFixtures.workedExample(false);
        JsonNode json = new ObjectMapper().readTree(ConsensusJson.toJson(r));

        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("pair", "timeframe", "last_candle", "valid_until", "decision", "status",
                "confidence", "agreement", "scores", "margin", "quorum", "votes", "dissent", "early_stopped",
                "confidence_range", "latency_ms", "policy_version", "cost_usd", "id", "created_at",
                "cached");
        List<String> voteKeys = new ArrayList<>();
        json.get("votes").get(0).fieldNames().forEachRemaining(voteKeys::add);
        assertThat(voteKeys).containsExactly("provider", "model", "weight", "status", "decision", "confidence",
                "reasoning", "latency_ms", "tokens", "error", "cost_usd", "cost_note");
    }

    @Test
    void workedExampleValues() {
        // W = 4.5 here: the failed provider of weight 0.5 counts; 1.5 / 4.5 = 1/3.
        String json = ConsensusJson.toCompactJson(ReportFixtures.workedExample(false));
        assertThat(json).startsWith("{\"pair\":\"BTC/USDT\",\"timeframe\":\"5m\","
                + "\"last_candle\":\"2024-05-01T16:55:00Z\",\"valid_until\":\"2024-05-01T17:00:00Z\","
                + "\"decision\":\"BUY\",\"status\":\"decided\",\"confidence\":0.3333333333333333,\"agreement\":0.375,"
                + "\"scores\":{\"buy\":1.5,\"sell\":0.6,\"hold\":0.5},\"margin\":0.9,"
                + "\"quorum\":{\"total_weight\":4.5,\"required_weight\":2.25,\"responded_weight\":4.0,"
                + "\"required_count\":2,\"responded_count\":4,\"met\":true},"
                + "\"votes\":[{\"provider\":\"anthropic\",\"model\":\"claude-sonnet-4-5\",\"weight\":1.0,\"status\":\"ok\","
                + "\"decision\":\"BUY\",\"confidence\":0.8,\"reasoning\":\"RSI recovering from 33; price above EMA 50.\","
                + "\"latency_ms\":812,\"tokens\":{\"input\":951,\"output\":40},\"error\":null,"
                + "\"cost_usd\":0.003453,\"cost_note\":null},");
        assertThat(json).contains("{\"provider\":\"mistral\",\"model\":\"mistral-large\",\"weight\":0.5,"
                + "\"status\":\"error\",\"decision\":null,\"confidence\":null,\"reasoning\":null,\"latency_ms\":120,"
                + "\"tokens\":{\"input\":0,\"output\":0},"
                + "\"error\":{\"kind\":\"rate_limited\",\"message\":\"429 rate_limit_exceeded\"},"
                + "\"cost_usd\":0,\"cost_note\":null}]");
        assertThat(json).endsWith("\"early_stopped\":false,"
                + "\"confidence_range\":{\"min\":0.3333333333333333,\"max\":0.3333333333333333},"
                + "\"latency_ms\":1215,\"policy_version\":\"1\",\"cost_usd\":0.0104355,\"id\":null,"
                + "\"created_at\":null,\"cached\":false}");
    }

    @Test
    void aRecordedResultCarriesItsIdAndTimeAndAnUnknownPriceIsNullWithItsReason() {
        String recorded = ConsensusJson.toCompactJson(ReportFixtures.recorded(false));
        assertThat(recorded).endsWith("\"cost_usd\":0.0104355,\"id\":\"0190f6b2-7c1e-7d3a-9f4e-2b8c1d0e5a6f\","
                + "\"created_at\":\"2024-05-01T16:56:12.345Z\",\"cached\":false}");

        String unknown = ConsensusJson.toCompactJson(ReportFixtures.withUnknownPrices());
        assertThat(unknown).contains("\"provider\":\"grok\"").contains(
                "\"error\":null,\"cost_usd\":null,\"cost_note\":\"no price for model grok-3\"}");
        assertThat(unknown).contains("\"policy_version\":\"1\",\"cost_usd\":null,");
    }

    @Test
    void aResultInsideAnotherDocumentIsWrittenAndReadInTheDocumentedShape() throws Exception {
        record Page(List<ConsensusResult> entries) {
        }
        ConsensusResult r = ReportFixtures.recorded(true);
        String json = dev.llmservice.json.Json.compact(new Page(List.of(r)));

        assertThat(json).isEqualTo("{\"entries\":[" + ConsensusJson.toCompactJson(r) + "]}");
        assertThat(dev.llmservice.json.Json.mapper().readValue(json, Page.class).entries()).containsExactly(r);
    }

    @Test
    void dissentHoldsTheCountedOkVotesAgainstTheDecision() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ConsensusJson.toJson(ReportFixtures.workedExample(false)));
        List<String> dissent = new ArrayList<>();
        json.get("dissent").forEach(v -> dissent.add(v.get("provider").asText() + " " + v.get("decision").asText()));
        assertThat(dissent).containsExactly("gemini SELL", "grok HOLD");
    }

    @Test
    void cancelledVotesHaveAMessageButNoFailureKind() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ConsensusJson.toJson(ReportFixtures.workedExample(true)));
        JsonNode cancelled = json.get("votes").get(5);
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("error").get("kind").isNull()).isTrue();
        assertThat(cancelled.get("error").get("message").asText()).isEqualTo("cancelled: the decision was already certain");
        assertThat(json.get("early_stopped").asBoolean()).isTrue();
        assertThat(json.get("confidence_range").get("max").asDouble()).isEqualTo(2.0 / 4.5);
    }

    // --- reading it back ----------------------------------------------------------------------------------------

    @Test
    void readsBackExactlyTheResultItWasWrittenFrom() throws Exception {
        for (ConsensusResult r : List.of(ReportFixtures.workedExample(false), ReportFixtures.recorded(true),
                ReportFixtures.withUnknownPrices())) {
            JsonNode parsed = new ObjectMapper().readTree(ConsensusJson.toJson(r));

            ConsensusResult back = ConsensusJson.fromNode(parsed);

            assertThat(back).isEqualTo(r);
            assertThat(ConsensusTable.render(back)).isEqualTo(ConsensusTable.render(r));
        }
    }

    @Test
    void keysAddedLaterAreIgnored() {
        ObjectNode json = ConsensusJson.toNode(ReportFixtures.workedExample(false));
        json.put("explanation", "added in a later version");
        ((ObjectNode) json.get("votes").get(0)).put("cache_tokens", 12);

        assertThat(ConsensusJson.fromNode(json)).isEqualTo(ReportFixtures.workedExample(false));
    }

    @Test
    void aDocumentThatIsNotAResultNamesTheFirstBadField() {
        ObjectNode missing = ConsensusJson.toNode(ReportFixtures.workedExample(false));
        missing.remove("status");
        ObjectNode unknown = ConsensusJson.toNode(ReportFixtures.workedExample(false));
        unknown.put("status", "maybe");
        ObjectNode badVote = ConsensusJson.toNode(ReportFixtures.workedExample(false));
        ((ObjectNode) badVote.get("votes").get(1)).put("latency_ms", "fast");

        assertThatThrownBy(() -> ConsensusJson.fromNode(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("status was missing but it must be text");
        assertThatThrownBy(() -> ConsensusJson.fromNode(unknown)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("status was 'maybe' but it must be one of decided, tie, contested, below_threshold, "
                        + "no_quorum, all_failed, budget_exhausted");
        assertThatThrownBy(() -> ConsensusJson.fromNode(badVote)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("votes[1].latency_ms was 'fast' but it must be a whole number");
        assertThatThrownBy(() -> ConsensusJson.fromNode(new ObjectMapper().createArrayNode()))
                .hasMessage("a consensus result must be a JSON object");
    }

    @Test
    void aValueOfAnotherJsonTypeIsNotGuessedAtAndNestedFieldsAreNamedByTheirPath() {
        assertThat(readError(json -> json.put("confidence", "0.5")))
                .isEqualTo("confidence was '0.5' but it must be a number");
        assertThat(readError(json -> json.put("margin", "NaN"))).isEqualTo("margin was 'NaN' but it must be a number");
        assertThat(readError(json -> json.put("early_stopped", "false")))
                .isEqualTo("early_stopped was 'false' but it must be true or false");
        assertThat(readError(json -> json.put("policy_version", 1)))
                .isEqualTo("policy_version was '1' but it must be text");
        assertThat(readError(json -> ((ObjectNode) json.get("quorum")).put("required_count", 1.5)))
                .isEqualTo("quorum.required_count was '1.5' but it must be a whole number");
        assertThat(readError(json -> ((ObjectNode) json.get("scores")).remove("buy")))
                .isEqualTo("scores.buy was missing but it must be a number");
        assertThat(readError(json -> ((ArrayNode) json.get("votes")).insertNull(0)))
                .isEqualTo("votes[0] was 'null' but it must be a vote object");
        assertThat(readError(json -> ((ObjectNode) json.get("votes").get(5).get("error")).put("kind", "meh")))
                .isEqualTo("votes[5].error.kind was 'meh' but it must be one of authentication, rate_limited, "
                        + "unavailable, timeout, bad_response, refused, invalid_request, other, circuit_open, rate_limited_locally");
        assertThat(readError(json -> ((ObjectNode) json.get("votes").get(0)).put("confidence", 2)))
                .isEqualTo("votes[0] is not a valid vote: confidence must be from 0.0 to 1.0, but was 2.0");
    }

    /** The message reading the worked example fails with once {@code change} is applied to its JSON. */
    private static String readError(Consumer<ObjectNode> change) {
        ObjectNode json = ConsensusJson.toNode(ReportFixtures.workedExample(false));
        change.accept(json);
        return catchThrowableOfType(IllegalArgumentException.class, () -> ConsensusJson.fromNode(json)).getMessage();
    }
}
