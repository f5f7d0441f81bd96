package dev.llmservice.config;

import dev.llmservice.testing.FakeProviderType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The record refuses invalid values even when built directly, not only through the loader. */
class ProviderConfigTest {

    private static final ApiKey KEY = ApiKey.of("sk-proj-SECRETSECRET-7f3c");
    private static final URI URL = URI.create("https://api.openai.com/v1");

    private static ProviderConfig config(double weight, int maxTokens, double temperature, Duration timeout, int retries) {
        return new ProviderConfig("openai", KEY, true, "gpt-4.1", weight, maxTokens, temperature, timeout, retries, URL);
    }

    @Test
    void acceptsEveryRangeAtItsEdges() {
        assertThat(config(0.0, 1, 0.0, Duration.ofMillis(1), 0).weight()).isZero();
        assertThat(config(1.0, Integer.MAX_VALUE, 2.0, Duration.ofDays(1), 10).maxRetries()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, Double.NaN})
    void rejectsWeightOutsideZeroToOne(double weight) {
        assertThatThrownBy(() -> config(weight, 1024, 0.7, Duration.ofSeconds(30), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weight must be a number from 0.0 to 1.0, but was " + weight);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 2.01, Double.NaN})
    void rejectsTemperatureOutsideZeroToTwo(double temperature) {
        assertThatThrownBy(() -> config(1.0, 1024, temperature, Duration.ofSeconds(30), 3))
                .hasMessage("temperature must be a number from 0.0 to 2.0, but was " + temperature);
    }

    @Test
    void rejectsMaxTokensBelowOne() {
        assertThatThrownBy(() -> config(1.0, 0, 0.7, Duration.ofSeconds(30), 3))
                .hasMessage("maxTokens must be a whole number of at least 1, but was 0");
    }

    @Test
    void rejectsZeroNegativeOrOverADayTimeout() {
        assertThatThrownBy(() -> config(1.0, 1024, 0.7, Duration.ZERO, 3))
                .hasMessage("timeout must be a number of seconds greater than 0 (at most 86400), but was PT0S");
        assertThatThrownBy(() -> config(1.0, 1024, 0.7, Duration.ofSeconds(-1), 3))
                .hasMessage("timeout must be a number of seconds greater than 0 (at most 86400), but was PT-1S");
        assertThatThrownBy(() -> config(1.0, 1024, 0.7, Duration.ofDays(1).plusNanos(1), 3))
                .hasMessage("timeout must be a number of seconds greater than 0 (at most 86400), "
                        + "but was PT24H0.000000001S");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 11})
    void rejectsRetriesOutsideZeroToTen(int retries) {
        assertThatThrownBy(() -> config(1.0, 1024, 0.7, Duration.ofSeconds(30), retries))
                .hasMessage("maxRetries must be a whole number from 0 to 10, but was " + retries);
    }

    @Test
    void refusesWhatTheLoaderRefusesInTheSameWords() {
        // One range per setting: a value set in code and a variable's text are held to the same bounds.
        LoadedConfig loaded = ProviderConfigLoader.load(FakeProviderType.openai(),
                Environment.of(Map.of("OPENAI_API_KEY", "sk-proj-SECRETSECRET-7f3c", "OPENAI_WEIGHT", "1.5",
                        "OPENAI_TEMPERATURE", "2.5", "OPENAI_MAX_TOKENS", "0", "OPENAI_TIMEOUT", "86401",
                        "OPENAI_MAX_RETRIES", "11")));

        assertThat(loaded.problems()).extracting(ConfigProblem::message).containsExactly(
                "OPENAI_WEIGHT was '1.5' but it must be a number from 0.0 to 1.0",
                "OPENAI_MAX_TOKENS was '0' but it must be a whole number of at least 1",
                "OPENAI_TEMPERATURE was '2.5' but it must be a number from 0.0 to 2.0",
                "OPENAI_TIMEOUT was '86401' but it must be a number of seconds greater than 0 (at most 86400)",
                "OPENAI_MAX_RETRIES was '11' but it must be a whole number from 0 to 10");
        assertThatThrownBy(() -> config(1.5, 1024, 0.7, Duration.ofSeconds(30), 3))
                .hasMessageEndingWith("must be a number from 0.0 to 1.0, but was 1.5");
        assertThatThrownBy(() -> config(1.0, 0, 0.7, Duration.ofSeconds(30), 3))
                .hasMessageEndingWith("must be a whole number of at least 1, but was 0");
        assertThatThrownBy(() -> config(1.0, 1024, 2.5, Duration.ofSeconds(30), 3))
                .hasMessageEndingWith("must be a number from 0.0 to 2.0, but was 2.5");
        assertThatThrownBy(() -> config(1.0, 1024, 0.7, Duration.ofSeconds(86_401), 3))
                .hasMessageEndingWith("must be a number of seconds greater than 0 (at most 86400), but was PT24H1S");
        assertThatThrownBy(() -> config(1.0, 1024, 0.7, Duration.ofSeconds(30), 11))
                .hasMessageEndingWith("must be a whole number from 0 to 10, but was 11");
    }

    @Test
    void copiesChangeOnlyTheNamedField() {
        ProviderConfig c = config(0.5, 100, 0.2, Duration.ofSeconds(5), 1);

        ProviderConfig moved = c.withBaseUrl(URI.create("http://127.0.0.1:1/v1"));
        ProviderConfig off = c.withEnabled(false);

        assertThat(moved).usingRecursiveComparison().ignoringFields("baseUrl").isEqualTo(c);
        assertThat(moved.baseUrl()).hasToString("http://127.0.0.1:1/v1");
        assertThat(off).usingRecursiveComparison().ignoringFields("enabled").isEqualTo(c);
        assertThat(off.enabled()).isFalse();
    }

    @Test
    void toStringMasksTheKey() {
        String text = config(1.0, 1024, 0.7, Duration.ofSeconds(30), 3).toString();

        assertThat(text).doesNotContain("SECRETSECRET").contains("apiKey=sk-p\u20267f3c").contains("model=gpt-4.1");
    }
}
