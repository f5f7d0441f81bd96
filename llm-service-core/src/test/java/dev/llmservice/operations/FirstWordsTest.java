package dev.llmservice.operations;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FirstWordsTest {

    @Test
    void aTestReplyIsCutToItsFirstTwelveWordsOrHundredCharacters() {
        assertThat(LocalOperations.firstWords("  Hello\nthere  ")).isEqualTo("Hello there");
        assertThat(LocalOperations.firstWords("")).isEmpty();
        assertThat(LocalOperations.firstWords("one two three four five six seven eight nine ten eleven twelve"))
                .isEqualTo("one two three four five six seven eight nine ten eleven twelve");
        assertThat(LocalOperations.firstWords("1 2 3 4 5 6 7 8 9 10 11 12 13")).isEqualTo("1 2 3 4 5 6 7 8 9 10 11 12\u2026");
        assertThat(LocalOperations.firstWords("x".repeat(150))).isEqualTo("x".repeat(100) + "\u2026");
    }
}
