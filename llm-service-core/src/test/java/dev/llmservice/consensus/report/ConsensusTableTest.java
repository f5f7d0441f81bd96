package dev.llmservice.consensus.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsensusTableTest {

    @Test
    void rendersHeaderAndOneLinePerVote() {
        String table = ConsensusTable.render(ReportFixtures.workedExample(false));
        assertThat(table).isEqualTo("""
                BTC/USDT 5m  newest candle 2024-05-01T16:55:00Z  valid until 2024-05-01T17:00:00Z
                Decision BUY (decided)  confidence 0.333  agreement 0.375  freqtrade enter_long
                Scores  buy 1.500  sell 0.600  hold 0.500  margin 0.900
                Quorum  met: weight 4.00 of 4.50 responded (2.25 needed), 4 ok votes (2 needed)

                PROVIDER   MODEL              WEIGHT  STATUS  VOTE  CONF  LATENCY  TOKENS  COST USD  NOTE
                anthropic  claude-sonnet-4-5    1.00  ok      BUY   0.80   812 ms     991  0.003453  RSI recovering from 33; price above EMA 50.
                openai     gpt-4.1              1.00  ok      BUY   0.70   640 ms     965  0.002140  MACD histogram turning up.
                gemini     gemini-2.5-pro       1.00  ok      SELL  0.60  1204 ms    1062  0.001783  Lower highs for two hours.
                grok       grok-3               1.00  ok      HOLD  0.50   455 ms     940  0.003060  No clear edge.
                internal   house-model         0.00*  ok      SELL  0.90    90 ms       -  0.000000  Observer view.
                mistral    mistral-large        0.50  error   -        -   120 ms       -  0.000000  429 rate_limit_exceeded
                * observer: weight 0, shown but not counted
                policy 1, 1215 ms, cost USD 0.010436
                not recorded in the decision journal
                """);
    }

    @Test
    void aRecordedResultEndsWithItsId() {
        String table = ConsensusTable.render(ReportFixtures.recorded(false));
        assertThat(table).endsWith("policy 1, 1215 ms, cost USD 0.010436\n"
                + "id 0190f6b2-7c1e-7d3a-9f4e-2b8c1d0e5a6f, recorded 2024-05-01T16:56:12.345Z\n");
    }

    @Test
    void aModelWithoutAPriceShowsAQuestionMarkAndWhyAndTheTotalIsUnknown() {
        String table = ConsensusTable.render(ReportFixtures.withUnknownPrices());
        assertThat(table)
                .contains("grok       grok-3               1.00  ok      HOLD  0.50   455 ms     940         ?  No clear edge.\n")
                .contains("? cost unknown, grok: no price for model grok-3\n"
                        + "? cost unknown, internal: no price for model house-model\n"
                        + "? cost unknown, mistral: no price for model mistral-large\n"
                        + "policy 1, 1215 ms, cost unknown\n");
    }

    @Test
    void earlyDecisionIsExplained() {
        String table = ConsensusTable.render(ReportFixtures.workedExample(true));
        assertThat(table).contains("Early decision: 1 call cancelled; waiting could have left the confidence from 0.333 to 0.444\n")
                .contains("mistral    mistral-large        0.50  cancelled");
    }
}
