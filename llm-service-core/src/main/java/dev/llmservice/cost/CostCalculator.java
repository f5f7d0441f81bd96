package dev.llmservice.cost;

import dev.llmservice.config.ProviderName;
import dev.llmservice.config.ConfigProblem;
import dev.llmservice.config.Environment;
import dev.llmservice.cost.Prices.PriceOverride;
import dev.llmservice.provider.TokenUsage;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Each call's cost: {@code input tokens × input price + output tokens × output price}, prices in USD per million
 * tokens, from the provider's {@code P_INPUT_PRICE} / {@code P_OUTPUT_PRICE} where set, else from the
 * {@link PriceTable}. A model with no known price costs {@code null} with the note {@code no price for model X},
 * never a guess. Immutable and thread-safe.
 */
public final class CostCalculator {

    private final PriceTable table;
    private final Map<String, PriceOverride> overrides;

    /**
     * @param table     list prices per model
     * @param overrides provider name (any case) to its overrides
     */
    public CostCalculator(PriceTable table, Map<String, PriceOverride> overrides) {
        this.table = Objects.requireNonNull(table, "table");
        Map<String, PriceOverride> copy = new LinkedHashMap<>();
        overrides.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), v));
        this.overrides = Map.copyOf(copy);
    }

    /** The bundled table, no overrides. */
    public static CostCalculator bundled() {
        return new CostCalculator(PriceTable.bundled(), Map.of());
    }

    /**
     * The bundled table with the overrides {@code env} sets for {@code providers} ({@code P_INPUT_PRICE} and
     * {@code P_OUTPUT_PRICE}, {@code P} the provider's name in upper case). Invalid values are added to
     * {@code problems} and ignored.
     */
    public static CostCalculator fromEnvironment(Environment env, Collection<String> providers,
                                                 List<ConfigProblem> problems) {
        Map<String, PriceOverride> overrides = new LinkedHashMap<>();
        for (String provider : providers) {
            PriceOverride o = Prices.override(ProviderName.prefixOf(provider), env, problems);
            if (!o.isEmpty()) {
                overrides.put(provider, o);
            }
        }
        return new CostCalculator(PriceTable.bundled(), overrides);
    }

    public PriceTable table() {
        return table;
    }

    /** What {@code provider} pays for {@code model}: its overrides over the table's price; empty when unknown. */
    public Optional<ModelPrice> price(String provider, String model) {
        return overrides.getOrDefault(provider.toLowerCase(Locale.ROOT), PriceOverride.NONE).over(table.price(model));
    }

    /** What {@code provider}'s call to {@code model} with {@code tokens} cost. */
    public VoteCost cost(String provider, String model, TokenUsage tokens) {
        return price(provider, model)
                .map(p -> VoteCost.known(p.cost(tokens.inputTokens(), tokens.outputTokens())))
                .orElseGet(() -> VoteCost.noPriceFor(model));
    }
}
