package dev.llmservice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.cli.testing.Cli;
import dev.llmservice.config.ApiKey;
import dev.llmservice.testing.FakeProviderType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusCommandTest {

    static final String ANTHROPIC_KEY = "sk-ant-api-status-kQvXzJwMhBnR-abcdef";

    @TempDir
    Path tmp;

    List<FakeProviderType> types;
    Cli cli;

    @BeforeEach
    void fourProviders() {
        types = Cli.fakeBuiltIns();
        cli = new Cli(tmp, types)
                .set("ANTHROPIC_API_KEY", ANTHROPIC_KEY)
                .set("ANTHROPIC_INPUT_PRICE", "3")
                .set("ANTHROPIC_OUTPUT_PRICE", "15.00")
                .set("OPENAI_API_KEY", "sk-proj-openai-key-kQvXzJwMhBnR")
                .set("OPENAI_ENABLED", "false")
                .set("OPENAI_WEIGHT", "0.8")
                .set("GEMINI_API_KEY", "AIzaSy-gemini-key-kQvXzJwMhBnR")
                .set("GEMINI_WEIGHT", "1.5")
                .set("GEMINI_TIMEOUT", "-3");
    }

    @Test
    void statusJsonHasTheDocumentedShapeAndNothingElseOnStdout() {
        Cli.Result r = cli.run("--status", "--json");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode json = r.json();
        assertThat(fieldNames(json)).containsExactly("registry", "providers", "problems", "notes", "state_file",
                "state_file_problem", "spend");
        assertThat(json.get("problems")).isEmpty();
        assertThat(json.get("notes")).isEmpty();
        assertThat(json.get("spend").toString()).isEqualTo("{\"today_usd\":null,\"daily_budget_usd\":null}");
        assertThat(json.get("state_file").asText()).isEqualTo(cli.stateFile().toString());
        assertThat(json.get("state_file_problem").isNull()).isTrue();
        assertThat(json.at("/registry/total_providers").asInt()).isEqualTo(4);
        assertThat(json.at("/registry/available_providers").asInt()).isEqualTo(1);
        JsonNode anthropic = json.at("/providers/0");
        assertThat(fieldNames(anthropic)).containsExactly("name", "type", "state", "state_source", "available",
                "model", "weight", "api_key", "base_url", "problems", "health", "circuit", "circuit_message", "price",
                "rate_limits");
        assertThat(anthropic.get("rate_limits").toString())
                .isEqualTo("{\"requests_per_minute\":null,\"tokens_per_minute\":null}");
        assertThat(json.at("/providers/2/rate_limits").isNull()).as("misconfigured: no limits known").isTrue();
        assertThat(anthropic.get("price").toString()).isEqualTo(
                "{\"input_usd_per_million\":3,\"output_usd_per_million\":15,\"note\":null}");
        assertThat(json.at("/providers/1/price/note").asText()).isEqualTo("no price for model openai-model-1: set "
                + "OPENAI_INPUT_PRICE and OPENAI_OUTPUT_PRICE (USD per million tokens)");
        assertThat(anthropic.get("name").asText()).isEqualTo("anthropic");
        assertThat(anthropic.get("type").asText()).isEqualTo("anthropic");
        assertThat(anthropic.get("state").asText()).isEqualTo("enabled");
        assertThat(anthropic.get("state_source").asText()).isEqualTo("default");
        assertThat(anthropic.get("available").asBoolean()).isTrue();
        assertThat(anthropic.get("model").asText()).isEqualTo("anthropic-model-1");
        assertThat(anthropic.get("weight").asDouble()).isEqualTo(1.0);
        assertThat(anthropic.get("api_key").asText()).isEqualTo(ApiKey.mask(ANTHROPIC_KEY)).isEqualTo("sk-a\u2026cdef");
        assertThat(anthropic.get("base_url").asText()).isEqualTo("https://api.anthropic.example/v1");
        assertThat(anthropic.get("problems")).isEmpty();
        assertThat(anthropic.get("health").isNull()).isTrue();
    }

    @Test
    void noActionMeansStatus() {
        assertThat(cli.run().out()).isEqualTo(cli.run("--status").out());
        assertThat(cli.run("--json").out()).isEqualTo(cli.run("--status", "--json").out());
    }

    @Test
    void statusPrintsAnAlignedTableWithStateSourceModelWeightMaskedKeyAndBaseUrl() {
        Cli.Result r = cli.run("--status");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(String.join(System.lineSeparator(),
                "Providers: 4 registered, 1 available (overrides: " + cli.stateFile() + ")",
                "",
                "NAME       TYPE       STATE           SOURCE         MODEL              WEIGHT  USD/M IN/OUT  API KEY    BASE URL",
                "anthropic  anthropic  enabled         default        anthropic-model-1  1.0     3/15          sk-a\u2026cdef  https://api.anthropic.example/v1",
                "openai     openai     disabled        environment    openai-model-1     0.8     ?             sk-p\u2026hBnR  https://api.openai.example/v1",
                "gemini     gemini     misconfigured   configuration  gemini-model-1     1.0     ?             AIza\u2026hBnR  https://api.gemini.example/v1",
                "grok       grok       not configured  configuration  grok-model-1       1.0     ?             -          https://api.grok.example/v1",
                "",
                "Problems:",
                "  gemini: GEMINI_WEIGHT was '1.5' but it must be a number from 0.0 to 1.0",
                "  gemini: GEMINI_TIMEOUT was '-3' but it must be a number of seconds greater than 0 (at most 86400)",
                "  grok: GROK_API_KEY is not set",
                "",
                "Costs unknown (shown as null, never guessed):",
                "  openai: no price for model openai-model-1: set OPENAI_INPUT_PRICE and OPENAI_OUTPUT_PRICE (USD per million tokens)",
                "  gemini: no price for model gemini-model-1: set GEMINI_INPUT_PRICE and GEMINI_OUTPUT_PRICE (USD per million tokens)",
                "  grok: no price for model grok-model-1: set GROK_INPUT_PRICE and GROK_OUTPUT_PRICE (USD per million tokens)",
                "",
                "No daily budget (LLM_DAILY_BUDGET_USD is not set)",
                ""));
        assertThat(cli.journal()).as("no budget: the journal is not opened").doesNotExist();
    }

    @Test
    void statusShowsEachProvidersRateLimits() {
        cli.set("ANTHROPIC_RPM", "50").set("ANTHROPIC_TPM", "40000").set("OPENAI_TPM", "30000");

        Cli.Result table = cli.run("--status");
        Cli.Result json = cli.run("--status", "--json");

        assertThat(table.out()).contains(String.join(System.lineSeparator(), "",
                "Rate limits (P_RPM, P_TPM; a call that would wait past its deadline is not made):",
                "  anthropic: 50 requests/min, 40000 tokens/min",
                "  openai: 30000 tokens/min",
                ""));
        assertThat(json.json().at("/providers/0/rate_limits").toString())
                .isEqualTo("{\"requests_per_minute\":50,\"tokens_per_minute\":40000}");
        assertThat(json.json().at("/providers/1/rate_limits").toString())
                .isEqualTo("{\"requests_per_minute\":null,\"tokens_per_minute\":30000}");
    }

    @Test
    void withADailyBudgetStatusShowsTodaysSpendAgainstIt() {
        cli.set("LLM_DAILY_BUDGET_USD", "5");

        Cli.Result table = cli.run("--status");
        Cli.Result json = cli.run("--status", "--json");

        assertThat(table.exitCode()).as(table.all()).isZero();
        assertThat(table.out()).endsWith(System.lineSeparator() + "Today (UTC): USD 0.000000 spent of the daily "
                + "budget of USD 5 (LLM_DAILY_BUDGET_USD)" + System.lineSeparator());
        assertThat(json.json().get("spend").toString()).isEqualTo("{\"today_usd\":0,\"daily_budget_usd\":5}");
    }

    @Test
    void aBadPriceIsAProviderProblemAndABadBudgetOrJournalUrlEndsTheStatusWithOneLineEach() {
        Cli.Result price = cli.set("ANTHROPIC_INPUT_PRICE", "three").run("--status");
        assertThat(price.exitCode()).isZero();
        assertThat(price.out()).contains("anthropic  misconfigured").contains(
                "  anthropic: ANTHROPIC_INPUT_PRICE was 'three' but it must be a number >= 0 (USD per million tokens)");

        Cli.Result budget = cli.set("LLM_DAILY_BUDGET_USD", "-5").set("LLM_JOURNAL_URL", "jdbc:mysql://db/llm")
                .run("--status");
        assertThat(budget.exitCode()).isEqualTo(2);
        assertThat(budget.err()).isEqualTo(String.join(System.lineSeparator(),
                "llm-providers: LLM_JOURNAL_URL was 'jdbc:mysql://db/llm' but it must be jdbc:sqlite:FILE (e.g. "
                        + "jdbc:sqlite:/var/lib/llm-service/journal.db) or jdbc:postgresql://HOST[:PORT]/DATABASE",
                "llm-providers: LLM_DAILY_BUDGET_USD was '-5' but it must be a number > 0 (USD per UTC day)", ""));
    }

    @Test
    void misconfiguredProviderListsEveryProblemNamingVariableValueAndRangeWhileOthersStayUsable() {
        JsonNode json = cli.run("--status", "--json").json();

        JsonNode gemini = json.at("/providers/2");
        assertThat(gemini.get("state").asText()).isEqualTo("misconfigured");
        assertThat(gemini.get("available").asBoolean()).isFalse();
        assertThat(gemini.get("problems")).extracting(JsonNode::asText).containsExactly(
                "GEMINI_WEIGHT was '1.5' but it must be a number from 0.0 to 1.0",
                "GEMINI_TIMEOUT was '-3' but it must be a number of seconds greater than 0 (at most 86400)");
        assertThat(json.at("/providers/0/state").asText()).isEqualTo("enabled");
    }

    @Test
    void stateSourceIsOverrideAfterDisableAndEnvironmentOrDefaultOtherwise() {
        assertThat(cli.run("--disable", "anthropic").exitCode()).isZero();

        JsonNode providers = cli.run("--status", "--json").json().get("providers");

        assertThat(providers.get(0).get("state").asText()).isEqualTo("disabled");
        assertThat(providers.get(0).get("state_source").asText()).isEqualTo("override");
        assertThat(providers.get(1).get("state").asText()).isEqualTo("disabled");
        assertThat(providers.get(1).get("state_source").asText()).isEqualTo("environment");
        assertThat(providers.get(3).get("state_source").asText()).isEqualTo("configuration");
        assertThat(cli.run("--status").out()).contains(
                "anthropic  anthropic  disabled        override       anthropic-model-1");
    }

    @Test
    void statusDoesNotBuildVendorClients() {
        cli.run("--status");
        cli.run("--status", "--json");

        assertThat(types).allSatisfy(t -> assertThat(t.created()).as(t.name()).isEmpty());
    }

    @Test
    void statusWithoutAnyProviderTypeShowsEachProviderWithoutOne() {
        Cli.Result r = new Cli(tmp, List.of()).run("--status");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Providers: 4 registered, 0 available")
                .contains("anthropic  -     misconfigured")
                .contains("anthropic: ANTHROPIC_TYPE is not set but it must be an installed provider type (none is "
                        + "installed)");
    }

    @Test
    void statusShowsTheProblemsOfLlmProvidersAndTheVariablesNoProviderReadsBelowTheTable() {
        Cli.Result r = new Cli(tmp, types).set("LLM_PROVIDERS", "anthropic,anthropic,local,openai-mini")
                .set("ANTHROPIC_API_KEY", ANTHROPIC_KEY)
                .set("OPENAI_MINI_TYPE", "openai").set("OPENAI_MINI_API_KEY", "sk-proj-mini-kQvXzJwMhBnR")
                .set("OPENAI_MINI_MODEL", "gpt-4.1-mini").set("OPENAI_MINI_WEIGHT", "0.5")
                .set("GROQ_API_KEY", "gsk-groq-kQvXzJwMhBnR")
                .run("--status");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).endsWith(String.join(System.lineSeparator(),
                "NAME         TYPE       STATE          SOURCE         MODEL              WEIGHT  USD/M IN/OUT  API KEY    BASE URL",
                "anthropic    anthropic  enabled        default        anthropic-model-1  1.0     ?             sk-a\u2026cdef  https://api.anthropic.example/v1",
                "local        -          misconfigured  configuration  -                  1.0     -             -          -",
                "openai-mini  openai     enabled        default        gpt-4.1-mini       0.5     0.4/1.6       sk-p\u2026hBnR  https://api.openai.example/v1",
                "",
                "Problems:",
                "  LLM_PROVIDERS was 'anthropic,anthropic,local,openai-mini' but it must be a comma-separated list of "
                        + "provider names, each lower case: a letter, then up to 31 letters, digits, '-' or '_' (e.g. "
                        + "openai-mini), each listed once; 'anthropic' is listed twice, the repeat is ignored",
                "  local: LOCAL_TYPE is not set but it must be one of: anthropic, openai, gemini, grok (local is not a "
                        + "type name, so its type must be given)",
                "",
                "Costs unknown (shown as null, never guessed):",
                "  anthropic: no price for model anthropic-model-1: set ANTHROPIC_INPUT_PRICE and ANTHROPIC_OUTPUT_PRICE "
                        + "(USD per million tokens)",
                "",
                "Not read:",
                "  GROQ_API_KEY is set but groq is not in LLM_PROVIDERS",
                "",
                "No daily budget (LLM_DAILY_BUDGET_USD is not set)",
                ""));
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
