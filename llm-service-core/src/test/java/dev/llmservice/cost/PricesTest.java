package dev.llmservice.cost;

import dev.llmservice.config.ConfigProblem;
import dev.llmservice.config.Environment;
import dev.llmservice.provider.BuiltInModels;
import dev.llmservice.provider.TokenUsage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PricesTest {

    @Test
    void theBundledTableIsDatedAndCoversTheDefaultAndCommonModels() {
        PriceTable table = PriceTable.bundled();

        assertThat(table.takenOn()).isEqualTo(LocalDate.parse("2025-10-01"));
        assertThat(table.models().keySet()).containsAll(BuiltInModels.TABLE.values()).contains("gpt-4.1-mini",
                "gpt-4.1-nano", "claude-haiku-4-5", "claude-opus-4-1", "gemini-2.5-flash", "grok-3-mini",
                "deepseek-chat", "mistral-large-latest");
        assertThat(table.price("gpt-4.1")).contains(new ModelPrice(new BigDecimal("2.00"), new BigDecimal("8.00")));
    }

    @Test
    void datedAndPrefixedModelNamesFindTheirAliasButNothingElseIsGuessed() {
        PriceTable table = PriceTable.bundled();

        assertThat(table.price("gpt-4.1-2025-04-14")).isEqualTo(table.price("gpt-4.1"));
        assertThat(table.price("claude-sonnet-4-5-20250929")).isEqualTo(table.price("claude-sonnet-4-5"));
        assertThat(table.price("models/gemini-2.5-pro")).isEqualTo(table.price("gemini-2.5-pro"));
        assertThat(table.price("gpt-4.1-preview")).isEmpty();
        assertThat(table.price("gpt-4")).isEmpty();
    }

    @Test
    void aCallCostsInputTimesInputPricePlusOutputTimesOutputPriceExactly() {
        CostCalculator costs = CostCalculator.bundled();

        // 1,850 × 3.00 / 1e6 + 96 × 15.00 / 1e6 = 0.00555 + 0.00144
        assertThat(costs.cost("anthropic", "claude-sonnet-4-5", new TokenUsage(1_850, 96)))
                .isEqualTo(VoteCost.known(new BigDecimal("0.00699")));
        // 1,702 × 0.10 / 1e6 + 41 × 0.40 / 1e6 = 0.0001702 + 0.0000164
        assertThat(costs.cost("openai", "gpt-4.1-nano", new TokenUsage(1_702, 41)).usd())
                .isEqualByComparingTo("0.0001866");
    }

    @Test
    void aModelWithNoKnownPriceHasNoCostAndSaysWhy() {
        VoteCost cost = CostCalculator.bundled().cost("grok", "grok-5-preview", new TokenUsage(1_000, 100));

        assertThat(cost.usd()).isNull();
        assertThat(cost.note()).isEqualTo("no price for model grok-5-preview");
    }

    @Test
    void providerOverridesWinOverTheTableAndPriceModelsItLacks() {
        List<ConfigProblem> problems = new ArrayList<>();
        CostCalculator costs = CostCalculator.fromEnvironment(Environment.of(Map.of(
                "OPENAI_INPUT_PRICE", " 1.5 ",
                "GROK_INPUT_PRICE", "0.2", "GROK_OUTPUT_PRICE", "0.8",
                "GEMINI_OUTPUT_PRICE", "4")), List.of("openai", "grok", "gemini", "anthropic"), problems);

        assertThat(problems).isEmpty();
        // OpenAI: input overridden to 1.5, output from the table (8.00).
        assertThat(costs.cost("openai", "gpt-4.1", new TokenUsage(1_000_000, 1_000_000)).usd()).isEqualByComparingTo("9.5");
        // A model the table lacks is priced when both sides are overridden...
        assertThat(costs.cost("grok", "grok-5-preview", new TokenUsage(1_000_000, 500_000)).usd()).isEqualByComparingTo("0.6");
        // ...but not with one side only.
        assertThat(costs.cost("gemini", "gemini-3-ultra", new TokenUsage(10, 10)).note())
                .isEqualTo("no price for model gemini-3-ultra");
    }

    @Test
    void aPriceThatIsNotANumberOfAtLeastZeroIsOneProblemNamingTheVariableAndTheValue() {
        List<ConfigProblem> problems = new ArrayList<>();

        assertThat(Prices.parsePrice("OPENAI_INPUT_PRICE", "abc", problems)).isNull();
        assertThat(Prices.parsePrice("OPENAI_OUTPUT_PRICE", "-0.5", problems)).isNull();
        assertThat(Prices.parsePrice("GROK_INPUT_PRICE", "1e3", problems)).isNull();
        assertThat(Prices.parsePrice("GROK_OUTPUT_PRICE", "NaN", problems)).isNull();
        assertThat(Prices.parsePrice("GEMINI_INPUT_PRICE", "1,25", problems)).isNull();

        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                "OPENAI_INPUT_PRICE was 'abc' but it must be a number >= 0 (USD per million tokens)",
                "OPENAI_OUTPUT_PRICE was '-0.5' but it must be a number >= 0 (USD per million tokens)",
                "GROK_INPUT_PRICE was '1e3' but it must be a number >= 0 (USD per million tokens)",
                "GROK_OUTPUT_PRICE was 'NaN' but it must be a number >= 0 (USD per million tokens)",
                "GEMINI_INPUT_PRICE was '1,25' but it must be a number >= 0 (USD per million tokens)");
    }

    @Test
    void validPricesIncludingZeroAreAcceptedAndBlankIsUnset() {
        List<ConfigProblem> problems = new ArrayList<>();

        assertThat(Prices.parsePrice("P_INPUT_PRICE", "0", problems)).isEqualByComparingTo("0");
        assertThat(Prices.parsePrice("P_INPUT_PRICE", "-0", problems)).isEqualByComparingTo("0");
        assertThat(Prices.parsePrice("P_INPUT_PRICE", ".25", problems)).isEqualByComparingTo("0.25");
        assertThat(Prices.parsePrice("P_INPUT_PRICE", "+3", problems)).isEqualByComparingTo("3");
        assertThat(Prices.parsePrice("P_INPUT_PRICE", "   ", problems)).isNull();
        assertThat(Prices.parsePrice("P_INPUT_PRICE", null, problems)).isNull();
        assertThat(problems).isEmpty();
    }

    @Test
    void theDailyBudgetMustBeANumberAboveZero() {
        List<ConfigProblem> problems = new ArrayList<>();

        assertThat(Prices.dailyBudget(Environment.of(Map.of("LLM_DAILY_BUDGET_USD", "12.50")), problems))
                .hasValueSatisfying(b -> assertThat(b).isEqualByComparingTo("12.5"));
        assertThat(Prices.dailyBudget(Environment.of(Map.of()), problems)).isEmpty();
        assertThat(Prices.parseDailyBudget("0", problems)).isNull();
        assertThat(Prices.parseDailyBudget("ten", problems)).isNull();

        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                "LLM_DAILY_BUDGET_USD was '0' but it must be a number > 0 (USD per UTC day)",
                "LLM_DAILY_BUDGET_USD was 'ten' but it must be a number > 0 (USD per UTC day)");
    }

    @Test
    void amountsKeepTwelveDecimalsWithoutTrailingZerosOrExponents() {
        assertThat(Usd.normalize(new BigDecimal("0.00699000"))).hasToString("0.00699");
        assertThat(Usd.normalize(new BigDecimal("100.000"))).hasToString("100");
        assertThat(Usd.normalize(new BigDecimal("0.0000000000015")).toPlainString()).isEqualTo("0.000000000002");
        assertThat(dev.llmservice.json.Json.compact(Usd.normalize(new BigDecimal("0.0000025")))).isEqualTo("0.0000025");
        assertThat(Usd.fromPico(Usd.toPico(new BigDecimal("0.00699")))).hasToString("0.00699");
    }
}
