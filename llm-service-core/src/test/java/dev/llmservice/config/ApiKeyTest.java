package dev.llmservice.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyTest {

    private static final String LONG_KEY = "sk-ant-api03-Zq7XwT2vLk81b9f3c";

    @Test
    void longKeyShowsFirstAndLastFourOnly() {
        assertThat(ApiKey.of(LONG_KEY).masked()).isEqualTo("sk-a\u20269f3c");
    }

    @ParameterizedTest
    @CsvSource({
            "0123456789abcdef, 0123\u2026cdef",   // 16: the shortest key that shows its start
            "0123456789abcde, \u2026bcde",        // 15: only the end
            "01234567, \u20264567",               // 8: the shortest key that shows anything
            "0123456, ****",                      // 7: nothing
            "x, ****"})
    void shorterKeysRevealLessSoThatAtLeastHalfStaysHidden(String key, String masked) {
        assertThat(ApiKey.of(key).masked()).isEqualTo(masked);
    }

    @Test
    void maskOfNothingIsEmpty() {
        assertThat(ApiKey.mask(null)).isEmpty();
        assertThat(ApiKey.mask("")).isEmpty();
    }

    @Test
    void toStringIsTheMaskedForm() {
        ApiKey key = ApiKey.of(LONG_KEY);

        assertThat(key.toString()).isEqualTo("sk-a\u20269f3c").doesNotContain("Zq7XwT2vLk81");
        assertThat(String.valueOf(key)).doesNotContain(LONG_KEY);
    }

    @Test
    void revealGivesTheTrimmedSecret() {
        assertThat(ApiKey.of("  " + LONG_KEY + "\n").reveal()).isEqualTo(LONG_KEY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void blankKeyIsRejected(String blank) {
        assertThatThrownBy(() -> ApiKey.of(blank)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an API key must not be blank");
    }

    @Test
    void keysWithTheSameSecretAreEqual() {
        assertThat(ApiKey.of(LONG_KEY)).isEqualTo(ApiKey.of(" " + LONG_KEY)).hasSameHashCodeAs(ApiKey.of(LONG_KEY));
        assertThat(ApiKey.of(LONG_KEY)).isNotEqualTo(ApiKey.of(LONG_KEY + "x"));
    }
}
