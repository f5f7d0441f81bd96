package dev.llmservice.consensus.report;

import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.marketdata.Timeframe;
import dev.llmservice.consensus.policy.ConfidenceRange;
import dev.llmservice.consensus.policy.ConsensusPolicy;
import dev.llmservice.consensus.policy.Tally;
import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.Vote;
import dev.llmservice.consensus.vote.VoteStatus;
import dev.llmservice.cost.CostCalculator;
import dev.llmservice.cost.PriceTable;
import dev.llmservice.cost.Prices.PriceOverride;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.TokenUsage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The worked example of issue 3 plus one failure and one observer, as a finished result. */
final class ReportFixtures {

    /** The bundled prices; grok-3, house-model and mistral-large are not in the table, so they are overridden. */
    static final CostCalculator COSTS = new CostCalculator(PriceTable.bundled(), Map.of(
            "grok", new PriceOverride(new BigDecimal("3"), new BigDecimal("15")),
            "internal", new PriceOverride(BigDecimal.ZERO, BigDecimal.ZERO),
            "mistral", new PriceOverride(new BigDecimal("2"), new BigDecimal("6"))));

    static final String ID = "0190f6b2-7c1e-7d3a-9f4e-2b8c1d0e5a6f";
    static final Instant CREATED_AT = Instant.parse("2024-05-01T16:56:12.345Z");

    private ReportFixtures() {
    }

    /** The worked example as the journal returns it: recorded under {@link #ID}. */
    static ConsensusResult recorded(boolean early) {
        return workedExample(early).recordedAs(ID, CREATED_AT);
    }

    /** The worked example priced with the bundled table only: grok-3, house-model and mistral-large unknown. */
    static ConsensusResult withUnknownPrices() {
        ConsensusResult r = workedExample(false);
        List<Vote> votes = r.votes().stream().map(v -> v.pricedBy(CostCalculator.bundled())).toList();
        return ConsensusResult.of(r.pair(), r.timeframe(), r.lastCandle(), ConsensusPolicy.DEFAULT.evaluate(votes),
                votes, false, r.confidenceRange(), r.latency(), r.policyVersion());
    }

    static ConsensusResult workedExample(boolean early) {
        List<Vote> votes = List.of(
                Vote.ok("anthropic", "claude-sonnet-4-5", 1, Decision.BUY, 0.8, "RSI recovering from 33; price above EMA 50.",
                        Duration.ofMillis(812), new TokenUsage(951, 40)),
                Vote.ok("openai", "gpt-4.1", 1, Decision.BUY, 0.7, "MACD histogram turning up.",
                        Duration.ofMillis(640), new TokenUsage(930, 35)),
                Vote.ok("gemini", "gemini-2.5-pro", 1, Decision.SELL, 0.6, "Lower highs\nfor two hours.",
                        Duration.ofMillis(1204), new TokenUsage(1010, 52)),
                Vote.ok("grok", "grok-3", 1, Decision.HOLD, 0.5, "No clear edge.", Duration.ofMillis(455),
                        new TokenUsage(920, 20)),
                Vote.ok("internal", "house-model", 0, Decision.SELL, 0.9, "Observer view.", Duration.ofMillis(90),
                        TokenUsage.NONE),
                early
                        ? Vote.failed("mistral", "mistral-large", 0.5, VoteStatus.CANCELLED, null,
                                "cancelled: the decision was already certain", Duration.ofMillis(1210), TokenUsage.NONE)
                        : Vote.failed("mistral", "mistral-large", 0.5, VoteStatus.ERROR, FailureKind.RATE_LIMITED,
                                "429 rate_limit_exceeded", Duration.ofMillis(120), TokenUsage.NONE))
                .stream().map(v -> v.pricedBy(COSTS)).toList();
        Tally tally = ConsensusPolicy.DEFAULT.evaluate(votes);
        ConfidenceRange range = early ? new ConfidenceRange(tally.confidence(), (1.5 + 0.5) / 4.5)
                : ConfidenceRange.point(tally.confidence());
        return ConsensusResult.of("BTC/USDT", Timeframe.M5, Instant.parse("2024-05-01T16:55:00Z"), tally, votes, early,
                range, Duration.ofMillis(1215), ConsensusPolicy.DEFAULT.version());
    }
}
