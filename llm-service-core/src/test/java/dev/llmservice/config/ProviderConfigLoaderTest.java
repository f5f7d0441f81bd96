package dev.llmservice.config;

import dev.llmservice.testing.FakeProviderType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderConfigLoaderTest {

    private static final String KEY = "sk-ant-api03-abcdefghijklmnop9f3c";

    private final FakeProviderType anthropic = FakeProviderType.anthropic();

    private LoadedConfig load(String... keyValues) {
        Map<String, String> env = new HashMap<>();
        env.put("ANTHROPIC_API_KEY", KEY);
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return ProviderConfigLoader.load(anthropic, Environment.of(env));
    }

    private ProviderConfig configOf(String... keyValues) {
        LoadedConfig loaded = load(keyValues);
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.status()).isEqualTo(ConfigStatus.CONFIGURED);
        return loaded.config().orElseThrow();
    }

    /** Asserts the one problem found, its message, and that no configuration was produced. */
    private void assertRejected(String variable, String raw, String shownValue, String expected) {
        LoadedConfig loaded = load(variable, raw);
        assertThat(loaded.status()).isEqualTo(ConfigStatus.MISCONFIGURED);
        assertThat(loaded.config()).isEmpty();
        assertThat(loaded.problems()).extracting(ConfigProblem::message)
                .containsExactly(variable + " was '" + shownValue + "' but it must be " + expected);
    }

    @Nested
    class Defaults_ {

        @Test
        void keyAloneGivesTheDocumentedDefaults() {
            ProviderConfig c = configOf();

            assertThat(c.name()).isEqualTo("anthropic");
            assertThat(c.apiKey().reveal()).isEqualTo(KEY);
            assertThat(c.enabled()).isTrue();
            assertThat(c.model()).isEqualTo("claude-sonnet-4-5");
            assertThat(c.weight()).isEqualTo(1.0);
            assertThat(c.maxTokens()).isEqualTo(1024);
            assertThat(c.temperature()).isEqualTo(0.7);
            assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(c.maxRetries()).isEqualTo(3);
            assertThat(c.baseUrl()).isEqualTo(URI.create("https://api.anthropic.com"));
            assertThat(c.rateLimits()).isEqualTo(RateLimits.NONE);
        }

        @Test
        void defaultsMatchTheNamedConstants() {
            ProviderConfig c = configOf();

            assertThat(c.enabled()).isEqualTo(Defaults.ENABLED);
            assertThat(c.weight()).isEqualTo(Defaults.WEIGHT);
            assertThat(c.maxTokens()).isEqualTo(Defaults.MAX_TOKENS);
            assertThat(c.temperature()).isEqualTo(Defaults.TEMPERATURE);
            assertThat(c.timeout()).isEqualTo(Defaults.TIMEOUT);
            assertThat(c.maxRetries()).isEqualTo(Defaults.MAX_RETRIES);
        }

        @Test
        void eachTypeDefaultsToItsOwnModelAndEndpoint() {
            for (FakeProviderType type : FakeProviderType.builtIns()) {
                LoadedConfig loaded = ProviderConfigLoader.load(type,
                        Environment.of(Map.of(ProviderName.prefixOf(type.name()) + "_API_KEY", "k-kQvXzJwMhBnRyPcdef")));

                assertThat(loaded.config().orElseThrow().model()).isEqualTo(type.defaultModel());
                assertThat(loaded.config().orElseThrow().baseUrl()).isEqualTo(type.defaultBaseUrl());
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\t"})
        void blankValuesCountAsUnset(String blank) {
            ProviderConfig c = configOf("ANTHROPIC_ENABLED", blank, "ANTHROPIC_MODEL", blank,
                    "ANTHROPIC_WEIGHT", blank, "ANTHROPIC_MAX_TOKENS", blank, "ANTHROPIC_TEMPERATURE", blank,
                    "ANTHROPIC_TIMEOUT", blank, "ANTHROPIC_MAX_RETRIES", blank, "ANTHROPIC_BASE_URL", blank);

            assertThat(c).isEqualTo(configOf());
        }

        @Test
        void explicitValuesReplaceEveryDefault() {
            ProviderConfig c = configOf("ANTHROPIC_ENABLED", "false", "ANTHROPIC_MODEL", "claude-opus-4-1",
                    "ANTHROPIC_WEIGHT", "0.25", "ANTHROPIC_MAX_TOKENS", "2048", "ANTHROPIC_TEMPERATURE", "1.5",
                    "ANTHROPIC_TIMEOUT", "60", "ANTHROPIC_MAX_RETRIES", "5",
                    "ANTHROPIC_BASE_URL", "http://localhost:8080");

            assertThat(c.enabled()).isFalse();
            assertThat(c.model()).isEqualTo("claude-opus-4-1");
            assertThat(c.weight()).isEqualTo(0.25);
            assertThat(c.maxTokens()).isEqualTo(2048);
            assertThat(c.temperature()).isEqualTo(1.5);
            assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(c.maxRetries()).isEqualTo(5);
            assertThat(c.baseUrl()).isEqualTo(URI.create("http://localhost:8080"));
        }
    }

    @Nested
    class Conversion {

        @ParameterizedTest
        @ValueSource(strings = {"true", "TRUE", "True", "1", "yes", "YES", "Yes", "on", "ON", "On", " true ", "\tyes\n"})
        void trueWordsInAnyCaseEnable(String word) {
            LoadedConfig loaded = load("ANTHROPIC_ENABLED", word);

            assertThat(loaded.config().orElseThrow().enabled()).isTrue();
            assertThat(loaded.enabledFromEnv()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"false", "FALSE", "False", "0", "no", "NO", "No", "off", "OFF", "Off", " off "})
        void falseWordsInAnyCaseDisable(String word) {
            LoadedConfig loaded = load("ANTHROPIC_ENABLED", word);

            assertThat(loaded.config().orElseThrow().enabled()).isFalse();
            assertThat(loaded.enabled()).isFalse();
            assertThat(loaded.enabledFromEnv()).isTrue();
        }

        @Test
        void unsetEnabledIsTheDefaultAndNotFromTheEnvironment() {
            LoadedConfig loaded = load();

            assertThat(loaded.enabled()).isTrue();
            assertThat(loaded.enabledFromEnv()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"y", "n", "2", "enabled", "truee", "-1", "t"})
        void otherWordsAreAProblemNotADefault(String word) {
            assertRejected("ANTHROPIC_ENABLED", word, word, "one of true/false/1/0/yes/no/on/off");
            assertThat(load("ANTHROPIC_ENABLED", word).enabledFromEnv()).isFalse();
        }

        @Test
        void numbersAreTrimmed() {
            ProviderConfig c = configOf("ANTHROPIC_WEIGHT", " 0.5 ", "ANTHROPIC_MAX_TOKENS", "\t2048\n",
                    "ANTHROPIC_TEMPERATURE", "  1.2", "ANTHROPIC_TIMEOUT", "45  ", "ANTHROPIC_MAX_RETRIES", " 7 ");

            assertThat(c.weight()).isEqualTo(0.5);
            assertThat(c.maxTokens()).isEqualTo(2048);
            assertThat(c.temperature()).isEqualTo(1.2);
            assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(45));
            assertThat(c.maxRetries()).isEqualTo(7);
        }

        @Test
        void modelAndKeyAreTrimmed() {
            Map<String, String> env = Map.of("ANTHROPIC_API_KEY", "  " + KEY + "\n", "ANTHROPIC_MODEL", " claude-x ");

            ProviderConfig c = ProviderConfigLoader.load(anthropic, Environment.of(env)).config().orElseThrow();

            assertThat(c.apiKey().reveal()).isEqualTo(KEY);
            assertThat(c.model()).isEqualTo("claude-x");
        }

        @ParameterizedTest
        @CsvSource({"1, 1", "1., 1", ".5, 0.5", "+0.5, 0.5", "5e-1, 0.5", "0.125, 0.125"})
        void decimalNumbersInCommonNotations(String raw, double expected) {
            assertThat(configOf("ANTHROPIC_WEIGHT", raw).weight()).isEqualTo(expected);
        }

        @ParameterizedTest
        @CsvSource({"0.5, 500", "1.25, 1250", "30, 30000", ".001, 1", "86400, 86400000"})
        void timeoutIsSecondsWithDecimals(String raw, long expectedMillis) {
            assertThat(configOf("ANTHROPIC_TIMEOUT", raw).timeout()).isEqualTo(Duration.ofMillis(expectedMillis));
        }
    }

    @Nested
    class Validation {

        private static final String WEIGHT_RANGE = "a number from 0.0 to 1.0";
        private static final String TEMPERATURE_RANGE = "a number from 0.0 to 2.0";
        private static final String MAX_TOKENS_RANGE = "a whole number of at least 1";
        private static final String TIMEOUT_RANGE = "a number of seconds greater than 0 (at most 86400)";
        private static final String RETRIES_RANGE = "a whole number from 0 to 10";
        private static final String URL_RANGE = "an absolute http(s) URL such as https://api.anthropic.com"
                + " (no credentials, query or fragment; the key goes in the _API_KEY variable)";

        @ParameterizedTest
        @CsvSource({"0.0, 0.0", "0, 0.0", "1.0, 1.0", "1, 1.0", "0.999, 0.999"})
        void weightAcceptsItsEdges(String raw, double expected) {
            assertThat(configOf("ANTHROPIC_WEIGHT", raw).weight()).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.0001", "1.5", "2", "-0.1", "-1", "heavy", "0,5", "NaN", "Infinity", "1e400", "0x1"})
        void weightRejectsOutsideItsRange(String raw) {
            assertRejected("ANTHROPIC_WEIGHT", raw, raw, WEIGHT_RANGE);
        }

        @ParameterizedTest
        @CsvSource({"0.0, 0.0", "2.0, 2.0", "2, 2.0", "0.7, 0.7", "1.999, 1.999"})
        void temperatureAcceptsItsEdges(String raw, double expected) {
            assertThat(configOf("ANTHROPIC_TEMPERATURE", raw).temperature()).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"2.0001", "2.5", "-0.01", "warm", "NaN"})
        void temperatureRejectsOutsideItsRange(String raw) {
            assertRejected("ANTHROPIC_TEMPERATURE", raw, raw, TEMPERATURE_RANGE);
        }

        @ParameterizedTest
        @CsvSource({"1, 1", "2, 2", "2147483647, 2147483647", "+16, 16"})
        void maxTokensAcceptsOneAndMore(String raw, int expected) {
            assertThat(configOf("ANTHROPIC_MAX_TOKENS", raw).maxTokens()).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "1.5", "1024.0", "1e3", "many", "2147483648"})
        void maxTokensRejectsLessThanOneAndNonWholeNumbers(String raw) {
            assertRejected("ANTHROPIC_MAX_TOKENS", raw, raw, MAX_TOKENS_RANGE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "-0.01", "abc", "1e3", "NaN", "3,5", "0x1"})
        void pricesThatAreNotANumberOfAtLeastZeroMakeTheProviderMisconfigured(String raw) {
            assertRejected("ANTHROPIC_INPUT_PRICE", raw, raw, "a number >= 0 (USD per million tokens)");
            assertRejected("ANTHROPIC_OUTPUT_PRICE", raw, raw, "a number >= 0 (USD per million tokens)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "3", "2.50", "0.000001", "-0"})
        void pricesOfAtLeastZeroAreAccepted(String raw) {
            configOf("ANTHROPIC_INPUT_PRICE", raw, "ANTHROPIC_OUTPUT_PRICE", raw);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "0.0", "-1", "-0.5", "soon", "86400.001", "1e9"})
        void timeoutRejectsZeroNegativeAndAbsurd(String raw) {
            assertRejected("ANTHROPIC_TIMEOUT", raw, raw, TIMEOUT_RANGE);
        }

        @Test
        void timeoutBelowOneMillisecondIsRejectedNotRoundedToZero() {
            assertRejected("ANTHROPIC_TIMEOUT", "0.0001", "0.0001", "a number of seconds of at least 0.001");
        }

        @ParameterizedTest
        @CsvSource({"0, 0", "10, 10", "3, 3"})
        void retriesAcceptZeroToTen(String raw, int expected) {
            assertThat(configOf("ANTHROPIC_MAX_RETRIES", raw).maxRetries()).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"11", "-1", "2.5", "three", "100"})
        void retriesRejectOutsideZeroToTen(String raw) {
            assertRejected("ANTHROPIC_MAX_RETRIES", raw, raw, RETRIES_RANGE);
        }

        @Test
        void rateLimitsAreRequestsAndTokensPerMinute() {
            ProviderConfig c = configOf("ANTHROPIC_RPM", " 50 ", "ANTHROPIC_TPM", "30000");

            assertThat(c.rateLimits()).isEqualTo(new RateLimits(50, 30_000));
            assertThat(c.rateLimits().describe()).isEqualTo("50 requests/min, 30000 tokens/min");
            assertThat(configOf("ANTHROPIC_TPM", "1").rateLimits()).isEqualTo(new RateLimits(null, 1));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-5", "1.5", "sixty", "10000001", "1e3"})
        void requestsPerMinuteRejectAnythingButAWholeNumberFromOne(String raw) {
            assertRejected("ANTHROPIC_RPM", raw, raw, "a whole number of requests per minute from 1 to 10000000");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "2.5", "many", "1000000001", "99999999999"})
        void tokensPerMinuteRejectAnythingButAWholeNumberFromOne(String raw) {
            assertRejected("ANTHROPIC_TPM", raw, raw, "a whole number of tokens per minute from 1 to 1000000000");
        }

        @ParameterizedTest
        @CsvSource({
                "http://localhost:8080, http://localhost:8080",
                "https://proxy.example.com/anthropic/, https://proxy.example.com/anthropic",
                "HTTPS://api.anthropic.com, HTTPS://api.anthropic.com",
                "http://127.0.0.1:9999//, http://127.0.0.1:9999"})
        void baseUrlAcceptsAbsoluteHttpUrlsAndDropsTrailingSlashes(String raw, String expected) {
            assertThat(configOf("ANTHROPIC_BASE_URL", raw).baseUrl()).isEqualTo(URI.create(expected));
        }

        @ParameterizedTest
        @ValueSource(strings = {"localhost:8080", "api.anthropic.com", "/v1", "ftp://files.example.com",
                "file:///etc/passwd", "http://", "https://exa mple.com",
                "mailto:ops@example.com"})
        void baseUrlRejectsAnythingButAbsoluteHttpUrls(String raw) {
            assertRejected("ANTHROPIC_BASE_URL", raw, raw, URL_RANGE);
        }

        @ParameterizedTest
        @CsvSource({
                "https://generativelanguage.googleapis.com/v1beta?key=AIzaSyDISTINCTIVE0123456789, https://generativelanguage.googleapis.com/v1beta?\u2026",
                "https://user:sk-DISTINCTIVE-secret@proxy.example.com/v1, https://\u2026@proxy.example.com/v1",
                "http://host/#sk-DISTINCTIVE-fragment, http://host/#\u2026"})
        void baseUrlWithCredentialsQueryOrFragmentIsRejectedWithoutEchoingThem(String raw, String shown) {
            assertRejected("ANTHROPIC_BASE_URL", raw, shown, URL_RANGE);
            assertThat(load("ANTHROPIC_BASE_URL", raw).toString()).doesNotContain("DISTINCTIVE");
        }

        @Test
        void negativeZeroIsReadAsZeroNotShownAsMinusZero() {
            ProviderConfig c = configOf("ANTHROPIC_WEIGHT", "-0", "ANTHROPIC_TEMPERATURE", "-0.0");

            // what status output prints
            assertThat(String.valueOf(c.weight())).isEqualTo("0.0");
            assertThat(String.valueOf(c.temperature())).isEqualTo("0.0");
        }

        @Test
        void problemShowsTheTrimmedValueAsGiven() {
            assertRejected("ANTHROPIC_WEIGHT", "  1.5 ", "1.5", WEIGHT_RANGE);
        }

        @Test
        void everyProblemIsReportedTogetherInVariableOrder() {
            LoadedConfig loaded = load("ANTHROPIC_MAX_RETRIES", "11", "ANTHROPIC_WEIGHT", "1.5",
                    "ANTHROPIC_BASE_URL", "nowhere", "ANTHROPIC_ENABLED", "maybe", "ANTHROPIC_MAX_TOKENS", "0",
                    "ANTHROPIC_TEMPERATURE", "3", "ANTHROPIC_TIMEOUT", "-5");

            assertThat(loaded.status()).isEqualTo(ConfigStatus.MISCONFIGURED);
            assertThat(loaded.problems()).extracting(ConfigProblem::message).containsExactly(
                    "ANTHROPIC_ENABLED was 'maybe' but it must be one of true/false/1/0/yes/no/on/off",
                    "ANTHROPIC_WEIGHT was '1.5' but it must be " + WEIGHT_RANGE,
                    "ANTHROPIC_MAX_TOKENS was '0' but it must be " + MAX_TOKENS_RANGE,
                    "ANTHROPIC_TEMPERATURE was '3' but it must be " + TEMPERATURE_RANGE,
                    "ANTHROPIC_TIMEOUT was '-5' but it must be " + TIMEOUT_RANGE,
                    "ANTHROPIC_MAX_RETRIES was '11' but it must be " + RETRIES_RANGE,
                    "ANTHROPIC_BASE_URL was 'nowhere' but it must be " + URL_RANGE);
        }

        @Test
        void invalidValueNeverBecomesTheDefault() {
            LoadedConfig loaded = load("ANTHROPIC_WEIGHT", "1.5");

            assertThat(loaded.config()).isEmpty();
            assertThat(loaded.status()).isNotEqualTo(ConfigStatus.CONFIGURED);
        }

        @Test
        void misconfiguredStillDescribesWhatWasGivenForStatusOutput() {
            LoadedConfig loaded = load("ANTHROPIC_MODEL", "claude-x", "ANTHROPIC_TEMPERATURE", "9",
                    "ANTHROPIC_BASE_URL", "not a url");

            assertThat(loaded.model()).isEqualTo("claude-x");
            assertThat(loaded.weight()).isEqualTo(1.0);
            assertThat(loaded.baseUrl()).isEqualTo("not a url");
            assertThat(loaded.maskedApiKey()).isEqualTo("sk-a\u20269f3c");
        }
    }

    @Nested
    class Status {

        @Test
        void missingApiKeyLeavesProviderNotConfiguredWithoutProblems() {
            LoadedConfig loaded = ProviderConfigLoader.load(anthropic, Environment.of(Map.of()));

            assertThat(loaded.status()).isEqualTo(ConfigStatus.NOT_CONFIGURED);
            assertThat(loaded.config()).isEmpty();
            assertThat(loaded.problems()).isEmpty();
            assertThat(loaded.maskedApiKey()).isEmpty();
        }

        @Test
        void blankApiKeyIsTheSameAsMissing() {
            LoadedConfig loaded = ProviderConfigLoader.load(anthropic, Environment.of(Map.of("ANTHROPIC_API_KEY", "  ")));

            assertThat(loaded.status()).isEqualTo(ConfigStatus.NOT_CONFIGURED);
        }

        @Test
        void missingKeyWinsOverInvalidValuesButTheProblemsAreStillReported() {
            LoadedConfig loaded = ProviderConfigLoader.load(anthropic, Environment.of(Map.of("ANTHROPIC_WEIGHT", "7")));

            assertThat(loaded.status()).isEqualTo(ConfigStatus.NOT_CONFIGURED);
            assertThat(loaded.problems()).extracting(ConfigProblem::variable).containsExactly("ANTHROPIC_WEIGHT");
        }

        @Test
        void enabledFalseIsStillConfiguredButDisabled() {
            LoadedConfig loaded = load("ANTHROPIC_ENABLED", "false");

            assertThat(loaded.status()).isEqualTo(ConfigStatus.CONFIGURED);
            assertThat(loaded.enabled()).isFalse();
        }

        @Test
        void otherProvidersVariablesAreIgnored() {
            LoadedConfig loaded = load("OPENAI_WEIGHT", "5", "OPENAI_MODEL", "gpt-x", "GROK_TIMEOUT", "0");

            assertThat(loaded.status()).isEqualTo(ConfigStatus.CONFIGURED);
            assertThat(loaded.model()).isEqualTo("claude-sonnet-4-5");
        }

        @Test
        void variablesAreNamedByTheTypesPrefix() {
            LoadedConfig loaded = ProviderConfigLoader.load(FakeProviderType.grok(),
                    Environment.of(Map.of("GROK_API_KEY", "xai-kQvXzJwMhBnRyPcdef", "GROK_WEIGHT", "0.7")));

            assertThat(loaded.config().orElseThrow().weight()).isEqualTo(0.7);
            assertThat(loaded.name()).isEqualTo("grok");
        }
    }

    @Nested
    class BaseUrlConventions {

        private URI baseUrlOf(FakeProviderType type, String raw) {
            String prefix = ProviderName.prefixOf(type.name());
            Map<String, String> env = Map.of(prefix + "_API_KEY", "k-kQvXzJwMhBnRyPcdef", prefix + "_BASE_URL", raw);
            return ProviderConfigLoader.load(type, Environment.of(env)).config().orElseThrow().baseUrl();
        }

        @Test
        void typesNormaliseGivenUrlsToTheirVendorsConvention() {
            assertThat(baseUrlOf(FakeProviderType.openai(), "http://localhost:1234")).hasToString("http://localhost:1234/v1");
            assertThat(baseUrlOf(FakeProviderType.openai(), "http://localhost:1234/v1/")).hasToString("http://localhost:1234/v1");
            assertThat(baseUrlOf(FakeProviderType.grok(), "https://api.x.ai/v1")).hasToString("https://api.x.ai/v1");
            assertThat(baseUrlOf(FakeProviderType.gemini(), "http://localhost:1234/v1beta/")).hasToString("http://localhost:1234");
            assertThat(baseUrlOf(FakeProviderType.anthropic(), "http://localhost:1234/")).hasToString("http://localhost:1234");
        }
    }
}
