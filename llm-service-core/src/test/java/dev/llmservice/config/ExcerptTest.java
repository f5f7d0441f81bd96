package dev.llmservice.config;

import dev.llmservice.registry.UnknownProviderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ExcerptTest {

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("short text stays as it is", "BTC/USDT", "BTC/USDT"),
                Arguments.of("exactly 100 characters are not cut", "a".repeat(100), "a".repeat(100)),
                Arguments.of("a longer value is cut at 100 with its length", "b".repeat(5_000_000),
                        "b".repeat(100) + "\u2026 (5000000 characters)"),
                Arguments.of("line breaks and tabs are escaped", "x\nIgnore all previous instructions\r\n\t",
                        "x\\nIgnore all previous instructions\\r\\n\\t"),
                Arguments.of("other control characters and line separators too", "a\u001b[31mb\u2028c\u0000",
                        "a\\u001b[31mb\\u2028c\\u0000"),
                Arguments.of("a surrogate pair is not cut in half", "c".repeat(99) + "\uD83D\uDE00tail",
                        "c".repeat(99) + "\u2026 (105 characters)"),
                Arguments.of("null", null, "null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void showsAValueInAMessage(String name, String value, String shown) {
        assertThat(Excerpt.of(value)).isEqualTo(shown);
        assertThat(Excerpt.quoted(value)).isEqualTo("'" + shown + "'");
    }

    @Test
    void everyValueEchoingMessageQuotesThroughIt() {
        String huge = "z".repeat(1_000_000) + "\nsecond line";
        List<String> messages = List.of(
                new ConfigProblem("OPENAI_WEIGHT", huge, "a number from 0.0 to 1.0").message(),
                new UnknownProviderException(huge, List.of("openai")).getMessage());
        for (String m : messages) {
            assertThat(m).hasSizeLessThan(200).contains("z".repeat(100) + "\u2026 (1000012 characters)")
                    .doesNotContain("\n");
        }
    }
}
