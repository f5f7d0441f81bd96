package dev.llmservice.provider.internal;

import dev.llmservice.provider.FailureKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClassificationTest {

    @ParameterizedTest
    @CsvSource({
            "401, AUTHENTICATION, false",
            "403, AUTHENTICATION, false",
            "408, TIMEOUT,        true",
            "429, RATE_LIMITED,   true",
            "500, UNAVAILABLE,    true",
            "503, UNAVAILABLE,    true",
            "529, UNAVAILABLE,    true",
            "400, INVALID_REQUEST, false",
            "404, INVALID_REQUEST, false",
            "413, INVALID_REQUEST, false",
            "302, OTHER,          false"})
    void statusAloneGivesTheSharedMeaning(int status, FailureKind kind, boolean retryable) {
        assertThat(Classification.forStatus(status)).isEqualTo(new Classification(kind, retryable));
    }
}
