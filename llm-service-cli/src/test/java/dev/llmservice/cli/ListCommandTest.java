package dev.llmservice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.cli.testing.Cli;
import dev.llmservice.config.ProviderConfigLoader;
import dev.llmservice.provider.ProviderTypes;
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
        Cli.Result r = new Cli(tmp, Cli.fakeBuiltIns()).run("--list");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains(
                "TYPE       DISPLAY NAME  DEFAULT MODEL      DEFAULT BASE URL                  REQUIRES",
                "anthropic  Anthropic     anthropic-model-1  https://api.anthropic.example/v1  {PROVIDER}_API_KEY",
                "grok       Grok          grok-model-1       https://api.grok.example/v1       {PROVIDER}_API_KEY",
                "  openai: includes /v1; added if missing",
                "Providers are the names in LLM_PROVIDERS (default anthropic,openai,gemini,grok). Each reads these "
                        + "variables under its own prefix, the name upper-cased with '-' as '_' ({PROVIDER} is "
                        + "OPENAI_MINI for openai-mini), and is of the type {PROVIDER}_TYPE names (default: its name, "
                        + "when that is a type):",
                "{PROVIDER}_TYPE          the name, if it is a type",
                "{PROVIDER}_API_KEY       none",
                "{PROVIDER}_ENABLED       true                                   one of true/false/1/0/yes/no/on/off, any case",
                "{PROVIDER}_WEIGHT        1.0                                    a number from 0.0 to 1.0",
                "{PROVIDER}_MAX_TOKENS    1024                                   a whole number of at least 1",
                "{PROVIDER}_TEMPERATURE   0.7                                    a number from 0.0 to 2.0",
                "{PROVIDER}_TIMEOUT       30                                     a number of seconds greater than 0 (at most 86400)",
                "{PROVIDER}_MAX_RETRIES   3                                      a whole number from 0 to 10",
                "{PROVIDER}_RPM" + " ".repeat(11) + "no limit" + " ".repeat(31)
                        + "a whole number of requests per minute from 1 to 10000000",
                "{PROVIDER}_TPM" + " ".repeat(11) + "no limit" + " ".repeat(31)
                        + "a whole number of tokens per minute from 1 to 1000000000 (input and output)",
                "LLM_PROVIDERS            anthropic,openai,gemini,grok           a comma-separated list of provider names,",
                "LLM_STATE_FILE           ~/.llm-service/state.json",
                "LLM_STATE_URL            none                                   redis://[user:password@]host:port[/db] "
                        + "(rediss:// for TLS), e.g. redis://redis.internal:6379/0: overrides and circuit breakers "
                        + "shared by every replica in Redis, instead of the state file",
                "LLM_INSTANCE_ID          HOSTNAME:pid");
    }

    @Test
    void listJsonNamesEveryTypeAndEveryVariableTheLoaderReads() {
        JsonNode json = new Cli(tmp, Cli.fakeBuiltIns()).run("--list", "--json").json();

        assertThat(StatusCommandTest.fieldNames(json)).containsExactly("provider_types", "variables");
        assertThat(json.get("provider_types")).extracting(t -> t.get("name").asText())
                .containsExactly("anthropic", "openai", "gemini", "grok");
        JsonNode gemini = json.at("/provider_types/2");
        assertThat(StatusCommandTest.fieldNames(gemini)).containsExactly("name", "display_name", "default_model",
                "default_base_url", "base_url_convention", "required_variables");
        assertThat(gemini.get("default_model").asText()).isEqualTo("gemini-model-1");
        assertThat(gemini.get("required_variables")).extracting(JsonNode::asText).containsExactly("{PROVIDER}_API_KEY");

        List<String> expected = new ArrayList<>();
        ProviderConfigLoader.SUFFIXES.forEach(s -> expected.add("{PROVIDER}" + s));
        expected.addAll(List.of("LLM_PROVIDERS", "LLM_ENV_FILE", "LLM_STATE_FILE", "LLM_STATE_URL", "LLM_INSTANCE_ID",
                "LLM_JOURNAL", "LLM_JOURNAL_URL", "LLM_JOURNAL_USER", "LLM_JOURNAL_PASSWORD", "LLM_DAILY_BUDGET_USD",
                "LLM_CONSENSUS_CACHE_TTL"));
        assertThat(json.get("variables")).extracting(v -> v.get("name").asText()).containsExactlyElementsOf(expected);
        JsonNode weight = json.at("/variables/4");
        assertThat(StatusCommandTest.fieldNames(weight))
                .containsExactly("name", "per_provider", "default_value", "accepted");
        assertThat(weight.get("default_value").asText()).isEqualTo("1.0");
        assertThat(weight.get("accepted").asText()).isEqualTo("a number from 0.0 to 1.0");
        assertThat(weight.get("per_provider").asBoolean()).isTrue();
        assertThat(json.at("/variables/1/default_value").isNull()).as("no default key").isTrue();
    }

    @Test
    void listNeedsNoConfigurationAtAll() {
        Cli.Result r = new Cli(tmp, List.of()).run("--list");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("No provider types found on the class path.")
                .contains("{PROVIDER}_BASE_URL");
    }

    @Test
    void theBundledTypesSayWhatTheyRequireAndWhichVariablesAProviderReads() {
        Cli.Result r = new Cli(tmp, ProviderTypes.discover()).run("--list");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains(
                "TYPE               DISPLAY NAME       DEFAULT MODEL         DEFAULT BASE URL                           "
                        + "REQUIRES",
                "openai             OpenAI             gpt-4.1               https://api.openai.com/v1                  "
                        + "{PROVIDER}_API_KEY",
                "openai-compatible  OpenAI-compatible  (required)            (required)                                 "
                        + "{PROVIDER}_MODEL, {PROVIDER}_BASE_URL",
                "deepseek           DeepSeek           deepseek-chat         https://api.deepseek.com                   "
                        + "{PROVIDER}_API_KEY",
                "mistral            Mistral            mistral-large-latest  https://api.mistral.ai/v1                  "
                        + "{PROVIDER}_API_KEY",
                "openrouter         OpenRouter         (required)            https://openrouter.ai/api/v1               "
                        + "{PROVIDER}_API_KEY, {PROVIDER}_MODEL",
                "ollama             Ollama             (required)            http://localhost:11434/v1                  "
                        + "{PROVIDER}_MODEL",
                "  ollama: including /v1, e.g. http://localhost:11434/v1 (a missing /v1 is added)");
    }
}
