package dev.llmservice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.config.ProviderConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ListCommandTest {

    @TempDir
    Path tmp;

    @Test
    void listShowsEachProviderTypeWithItsDefaultModelAndEveryVariableWithDefaultAndRange() {
        Cli.Result r = new Cli(tmp, FakeProviderType.builtIns()).run("--list");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains(
                "NAME       DISPLAY NAME  PREFIX     DEFAULT MODEL      DEFAULT BASE URL",
                "anthropic  Anthropic     ANTHROPIC  anthropic-model-1  https://api.anthropic.example/v1",
                "grok       Grok          GROK       grok-model-1       https://api.grok.example/v1",
                "  openai: includes /v1; added if missing",
                "Variables ({PROVIDER} is ANTHROPIC, OPENAI, GEMINI, GROK):",
                "{PROVIDER}_API_KEY       none",
                "{PROVIDER}_ENABLED       true                                   one of true/false/1/0/yes/no/on/off, any case",
                "{PROVIDER}_WEIGHT        1.0                                    a number from 0.0 to 1.0",
                "{PROVIDER}_MAX_TOKENS    1024                                   a whole number of at least 1",
                "{PROVIDER}_TEMPERATURE   0.7                                    a number from 0.0 to 2.0",
                "{PROVIDER}_TIMEOUT       30                                     a number of seconds greater than 0 (at most 86400)",
                "{PROVIDER}_MAX_RETRIES   3                                      a whole number from 0 to 10",
                "{PROVIDER}_INPUT_PRICE   the price table's price of the model   a number >= 0 (USD per million tokens), for input (prompt) tokens",
                "{PROVIDER}_OUTPUT_PRICE  the price table's price of the model   a number >= 0 (USD per million tokens), for output (completion) tokens",
                "LLM_STATE_FILE           ~/.llm-service/state.json",
                "LLM_JOURNAL              on",
                "LLM_JOURNAL_URL          jdbc:sqlite:~/.llm-service/journal.db",
                "LLM_DAILY_BUDGET_USD     none                                   a number > 0 (USD per UTC day): once the journal's spend for the day reaches it, a consensus asks no provider (budget_exhausted)");
    }

    @Test
    void listJsonNamesEveryTypeAndEveryVariableTheLoaderReads() {
        JsonNode json = new Cli(tmp, FakeProviderType.builtIns()).run("--list", "--json").json();

        assertThat(StatusCommandTest.fieldNames(json)).containsExactly("provider_types", "variables");
        assertThat(json.get("provider_types")).extracting(t -> t.get("name").asText())
                .containsExactly("anthropic", "openai", "gemini", "grok");
        JsonNode gemini = json.at("/provider_types/2");
        assertThat(StatusCommandTest.fieldNames(gemini)).containsExactly("name", "display_name", "env_prefix",
                "default_model", "default_base_url", "base_url_convention");
        assertThat(gemini.get("default_model").asText()).isEqualTo("gemini-model-1");

        List<String> expected = new ArrayList<>();
        ProviderConfigLoader.SUFFIXES.forEach(s -> expected.add("{PROVIDER}" + s));
        expected.addAll(List.of("LLM_ENV_FILE", "LLM_STATE_FILE", "LLM_JOURNAL", "LLM_JOURNAL_URL", "LLM_JOURNAL_USER",
                "LLM_JOURNAL_PASSWORD", "LLM_DAILY_BUDGET_USD"));
        assertThat(json.get("variables")).extracting(v -> v.get("name").asText()).containsExactlyElementsOf(expected);
        JsonNode weight = json.at("/variables/3");
        assertThat(StatusCommandTest.fieldNames(weight))
                .containsExactly("name", "per_provider", "default_value", "accepted");
        assertThat(weight.get("default_value").asText()).isEqualTo("1.0");
        assertThat(weight.get("accepted").asText()).isEqualTo("a number from 0.0 to 1.0");
        assertThat(weight.get("per_provider").asBoolean()).isTrue();
        assertThat(json.at("/variables/0/default_value").isNull()).isTrue();
    }

    @Test
    void listNeedsNoConfigurationAtAll() {
        Cli.Result r = new Cli(tmp, List.of()).run("--list");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("No provider types found on the class path.")
                .contains("{PROVIDER}_BASE_URL");
    }
}
