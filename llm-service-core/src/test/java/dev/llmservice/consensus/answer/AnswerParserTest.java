package dev.llmservice.consensus.answer;

import dev.llmservice.consensus.vote.Decision;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerParserTest {

    private static ParsedAnswer.Valid valid(String reply) {
        ParsedAnswer parsed = AnswerParser.parse(reply);
        assertThat(parsed).as(reply).isInstanceOf(ParsedAnswer.Valid.class);
        return (ParsedAnswer.Valid) parsed;
    }

    private static String unparseable(String reply) {
        ParsedAnswer parsed = AnswerParser.parse(reply);
        assertThat(parsed).as(reply).isInstanceOf(ParsedAnswer.Unparseable.class);
        return ((ParsedAnswer.Unparseable) parsed).reason();
    }

    @Nested
    class ReplyShapes {

        @Test
        void plainJsonAsAskedFor() {
            assertThat(valid("{\"decision\": \"BUY\", \"confidence\": 0.82, \"reasoning\": \"RSI turning up from 33.\"}"))
                    .isEqualTo(new ParsedAnswer.Valid(Decision.BUY, 0.82, "RSI turning up from 33."));
        }

        @Test
        void jsonInAMarkdownFence() {
            String reply = """
                    ```json
                    {
                      "decision": "SELL",
                      "confidence": 0.7,
                      "reasoning": "MACD crossed below its signal line."
                    }
                    ```""";
            assertThat(valid(reply)).isEqualTo(new ParsedAnswer.Valid(Decision.SELL, 0.7, "MACD crossed below its signal line."));
        }

        @Test
        void proseBeforeAndAfterAFencedAnswer() {
            String reply = """
                    Looking at the last 20 candles, price has fallen below EMA 20 while RSI sits near 33.

                    ```json
                    {"decision": "HOLD", "confidence": 0.55, "reasoning": "Oversold but no reversal yet."}
                    ```

                    Let me know if you would like a longer analysis.""";
            assertThat(valid(reply)).isEqualTo(new ParsedAnswer.Valid(Decision.HOLD, 0.55, "Oversold but no reversal yet."));
        }

        @Test
        void proseAroundABareObject() {
            assertThat(valid("My answer: {\"decision\":\"BUY\",\"confidence\":0.6,\"reasoning\":\"trend\"} -- good luck!").decision())
                    .isEqualTo(Decision.BUY);
        }

        @Test
        void bracesInProseAndInsideTheReasoningDoNotConfuseIt() {
            String reply = "Trend {up, then {\"decision\":\"BUY\",\"confidence\":0.7,\"reasoning\":\"broke {resistance} at 105\"}";
            assertThat(valid(reply)).isEqualTo(new ParsedAnswer.Valid(Decision.BUY, 0.7, "broke {resistance} at 105"));
        }

        @Test
        void theSameAnswerTwiceIsFine() {
            String reply = "Draft: {\"decision\":\"SELL\",\"confidence\":0.6,\"reasoning\":\"x\"}\n"
                    + "Final: {\"decision\":\"SELL\",\"confidence\":0.6,\"reasoning\":\"x\"}";
            assertThat(valid(reply).decision()).isEqualTo(Decision.SELL);
        }

        @Test
        void lowerCaseDecisionsAndKeysInAnyCase() {
            assertThat(valid("{\"Decision\": \" buy \", \"CONFIDENCE\": 0.9, \"Reasoning\": \"ok\"}"))
                    .isEqualTo(new ParsedAnswer.Valid(Decision.BUY, 0.9, "ok"));
            assertThat(valid("{\"decision\": \"hold\", \"confidence\": 0.5}").decision()).isEqualTo(Decision.HOLD);
        }

        @Test
        void missingReasoningIsEmpty() {
            assertThat(valid("{\"decision\": \"SELL\", \"confidence\": 0.4}").reasoning()).isEmpty();
        }

        @Test
        void structuredReasoningIsKeptAsItsJsonText() {
            assertThat(valid("{\"decision\": \"SELL\", \"confidence\": 0.4, \"reasoning\": [\"a\", \"b\"]}").reasoning())
                    .isEqualTo("[\"a\",\"b\"]");
        }
    }

    @Nested
    class Confidence {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', value = {
                "0.85        | 0.85",
                "0           | 0.0",
                "1           | 1.0",
                "1.0         | 1.0",
                "85          | 0.85",
                "100         | 1.0",
                "1.5         | 0.015",
                "\"0.85\"    | 0.85",
                "\"85\"      | 0.85",
                "\"85%\"     | 0.85",
                "\"85.5 %\"  | 0.855",
                "\"100%\"    | 1.0",
                "\"0%\"      | 0.0",
                "\"1%\"      | 0.01"})
        void acceptedScales(String given, double expected) {
            assertThat(valid("{\"decision\":\"BUY\",\"confidence\":" + given + "}").confidence()).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"-0.2", "150", "100.01", "\"120%\"", "\"high\"", "\"0.8 or so\"", "NaN", "null",
                "true", "[0.8]", "\"-5%\""})
        void anythingElseIsUnparseable(String given) {
            assertThat(unparseable("{\"decision\":\"BUY\",\"confidence\":" + given + "}"))
                    .startsWith("confidence was '");
        }

        @Test
        void missingConfidenceIsUnparseableNotAGuess() {
            assertThat(unparseable("{\"decision\":\"BUY\",\"reasoning\":\"sure\"}"))
                    .isEqualTo("confidence was missing but it must be a number from 0 to 1");
        }

        @Test
        void messageShowsTheValueGiven() {
            assertThat(unparseable("{\"decision\":\"BUY\",\"confidence\":\"120%\"}"))
                    .isEqualTo("confidence was '120%' but it must be a number from 0 to 1 (or a percentage up to 100)");
        }
    }

    @Nested
    class Unparseable {

        @Test
        void proseWithoutJsonIsNeverGuessed() {
            assertThat(unparseable("I think the market will go up, so I would buy."))
                    .isEqualTo("no JSON object with a decision in the reply: 'I think the market will go up, so I would buy.'");
        }

        @Test
        void aRefusalInPlainTextIsUnparseable() {
            // OpenAI's refusal text (../shared/fixtures/openai-chat-refusal.json) if it ever arrived as content.
            assertThat(unparseable("I'm very sorry, but I can't assist with that.")).startsWith("no JSON object");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"STRONG BUY", "long", "buy/hold", "", "NEUTRAL"})
        void decisionsOtherThanBuySellHold(String decision) {
            assertThat(unparseable("{\"decision\":\"" + decision + "\",\"confidence\":0.9}"))
                    .isEqualTo("decision was '" + decision + "' but it must be BUY, SELL or HOLD");
        }

        @Test
        void nonTextDecision() {
            assertThat(unparseable("{\"decision\":1,\"confidence\":0.9}"))
                    .isEqualTo("decision was '1' but it must be BUY, SELL or HOLD");
        }

        @Test
        void disagreeingAnswersInOneReply() {
            assertThat(unparseable("Option A: {\"decision\":\"BUY\",\"confidence\":0.6} or B: {\"decision\":\"SELL\",\"confidence\":0.6}"))
                    .startsWith("the reply holds 2 different JSON answers");
        }

        @Test
        void answerNestedInAWrapperIsNotDugOut() {
            assertThat(unparseable("{\"result\": {\"decision\":\"BUY\",\"confidence\":0.6}}")).startsWith("no JSON object");
        }

        @Test
        void brokenJsonIsUnparseable() {
            assertThat(unparseable("{\"decision\": \"BUY\", \"confidence\": 0.6,}")).startsWith("no JSON object");
            assertThat(unparseable("{decision: BUY, confidence: 0.6}")).startsWith("no JSON object");
        }

        @Test
        void emptyRepliesAreUnparseable() {
            assertThat(unparseable("")).isEqualTo("the reply was empty");
            assertThat(unparseable("   \n")).isEqualTo("the reply was empty");
            assertThat(unparseable(null)).isEqualTo("the reply was empty");
        }

        @Test
        void longGarbageIsShortenedInTheReason() {
            assertThat(unparseable("x".repeat(500))).hasSize("no JSON object with a decision in the reply: ''".length() + 80);
        }
    }
}
