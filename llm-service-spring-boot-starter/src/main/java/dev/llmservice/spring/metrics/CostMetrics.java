package dev.llmservice.spring.metrics;

import dev.llmservice.cost.VoteCost;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Objects;

/**
 * Adds what provider calls cost to {@link LlmMetrics#COST} ({@code llm_cost_usd_total}) by provider and model: the
 * votes of a consensus and the answers of the OpenAI-compatible endpoint alike. A call whose price is unknown adds
 * nothing.
 */
public final class CostMetrics {

    private final MeterRegistry meters;

    public CostMetrics(MeterRegistry meters) {
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    /** Adds {@code cost}, when known, to the counter of {@code provider} and {@code model}. */
    public void record(String provider, String model, VoteCost cost) {
        if (cost != null && cost.isKnown()) {
            Counter.builder(LlmMetrics.COST)
                    .description("What provider calls cost, USD (known prices only)")
                    .tag(LlmMetrics.TAG_PROVIDER, provider)
                    .tag(LlmMetrics.TAG_MODEL, model)
                    .register(meters)
                    .increment(cost.usd().doubleValue());
        }
    }
}
