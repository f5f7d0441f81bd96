package dev.llmservice.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderListTest {

    private static final String RULE = "a comma-separated list of provider names, each lower case: a letter, then up "
            + "to 31 letters, digits, '-' or '_' (e.g. openai-mini)";

    private static ProviderList read(Map<String, String> env) {
        return ProviderList.read(Environment.of(env));
    }

    private static ProviderList list(String value) {
        return read(Map.of("LLM_PROVIDERS", value));
    }

    @Test
    void unsetIsTheFourBuiltInsSoASeedStyleEnvironmentBehavesAsBefore() {
        ProviderList list = read(Map.of("ANTHROPIC_API_KEY", "sk-ant-kQvXzJwMhBnRyPcdef"));

        assertThat(list.names()).extracting(ProviderName::name).containsExactly("anthropic", "openai", "gemini", "grok");
        assertThat(list.problems()).isEmpty();
        assertThat(list.notes()).isEmpty();
    }

    @Test
    void namesAreReadInOrderWithBlanksAndEmptyEntriesIgnored() {
        ProviderList list = list(" openai , openai-mini,deepseek,, ollama ,");

        assertThat(list.names()).extracting(ProviderName::name)
                .containsExactly("openai", "openai-mini", "deepseek", "ollama");
        assertThat(list.problems()).isEmpty();
    }

    @Test
    void eachNameReadsItsVariablesUnderItsOwnPrefix() {
        assertThat(new ProviderName("openai-mini").envPrefix()).isEqualTo("OPENAI_MINI");
        assertThat(new ProviderName("local_qwen2").variable("_API_KEY")).isEqualTo("LOCAL_QWEN2_API_KEY");
        assertThat(new ProviderName("a").envPrefix()).isEqualTo("A");
    }

    @ParameterizedTest
    @ValueSource(strings = {"OpenAI", "open ai", "9lives", "-x", "_x", "gr\u00f6k", "a.b",
            "a-name-of-thirty-three-characters"})
    void aNameThatBreaksTheRuleIsLeftOutWithOneProblemAndTheOthersStay(String bad) {
        ProviderList list = list("anthropic," + bad + ",grok");

        assertThat(list.names()).extracting(ProviderName::name).containsExactly("anthropic", "grok");
        assertThat(list.problems()).extracting(ConfigProblem::message).containsExactly("LLM_PROVIDERS was 'anthropic,"
                + bad + ",grok' but it must be " + RULE + ", '" + bad + "' is not one, so it is left out");
    }

    @Test
    void theLongestNameIsThirtyTwoCharacters() {
        assertThat(list("a-name-of-thirty-two-characters-").names()).hasSize(1);
    }

    @Test
    void aNameListedTwiceIsOneProviderAndOneProblem() {
        ProviderList list = list("openai,grok,openai");

        assertThat(list.names()).extracting(ProviderName::name).containsExactly("openai", "grok");
        assertThat(list.problems()).extracting(ConfigProblem::message).containsExactly("LLM_PROVIDERS was "
                + "'openai,grok,openai' but it must be " + RULE + ", each listed once; 'openai' is listed twice, the "
                + "repeat is ignored");
    }

    @Test
    void twoNamesWhosePrefixesCollideKeepTheFirst() {
        ProviderList list = list("a-b,grok,a_b");

        assertThat(list.names()).extracting(ProviderName::name).containsExactly("a-b", "grok");
        assertThat(list.problems()).extracting(ConfigProblem::message).containsExactly("LLM_PROVIDERS was "
                + "'a-b,grok,a_b' but it must be " + RULE + ", each reading variables of its own; 'a_b' would read the "
                + "same A_B_* variables as 'a-b', so it is left out");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", ",", " , ,,"})
    void anEmptyListOrOnlyCommasIsOneProblemAndNoProvider(String value) {
        ProviderList list = list(value);

        assertThat(list.names()).isEmpty();
        assertThat(list.problems()).extracting(ConfigProblem::message).containsExactly("LLM_PROVIDERS was '"
                + value.strip() + "' but it must be " + RULE + ", such as anthropic,openai,gemini,grok (unset, it is "
                + "that list); there is no provider");
    }

    @Test
    void aKeyOrBaseUrlOfAProviderNotListedIsNotedOnceForItsPrefix() {
        ProviderList list = read(Map.of("LLM_PROVIDERS", "anthropic,deepseek",
                "ANTHROPIC_API_KEY", "sk-ant-kQvXzJwMhBnRyPcdef",
                "GROQ_API_KEY", "gsk_kQvXzJwMhBnRyPcdef", "GROQ_BASE_URL", "https://api.groq.com/openai/v1",
                "GROQ_MODEL", "llama-3.3-70b", "OLLAMA_BASE_URL", "http://gpu-box:11434",
                "DEEPSEK_API_KEY", "sk-kQvXzJwMhBnRyPcdef", "OPENAI_API_KEY", "  "));

        assertThat(list.notes()).containsExactly(
                "DEEPSEK_API_KEY is set but deepsek is not in LLM_PROVIDERS",
                "GROQ_API_KEY is set but groq is not in LLM_PROVIDERS",
                "OLLAMA_BASE_URL is set but ollama is not in LLM_PROVIDERS");
    }

    @Test
    void variablesThatCannotBeAProvidersAreNotNoted() {
        ProviderList list = read(Map.of("_API_KEY", "x-kQvXzJwMhBnR", "9X_API_KEY", "x-kQvXzJwMhBnR",
                "LLM_PROVIDERS_CLASSPATH", "/opt/jars", "XDG_SESSION_TYPE", "wayland"));

        assertThat(list.notes()).isEmpty();
    }

    @Test
    void aNameIsRefusedInCodeAsInTheVariable() {
        assertThatThrownBy(() -> new ProviderName("Open AI")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a provider name must be lower case: a letter, then up to 31 letters, digits, '-' or '_' "
                        + "(e.g. openai-mini), but was 'Open AI'");
    }
}
