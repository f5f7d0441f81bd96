package dev.llmservice.provider.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.ProviderTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetryHintsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-26T19:59:59Z"), ZoneOffset.UTC);

    private static CapturedResponse answer(String... headerNamesAndValues) {
        Map<String, List<String>> headers = new HashMap<>();
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            headers.put(headerNamesAndValues[i], List.of(headerNamesAndValues[i + 1]));
        }
        return new CapturedResponse(429, headers, "{}");
    }

    private static RetryHints read(CapturedResponse response) {
        return RetryHints.read(response, CLOCK, Optional.empty());
    }

    @ParameterizedTest
    @CsvSource({"30, 30000", "1.5, 1500", "0, 0"})
    void retryAfterInSeconds(String value, long millis) {
        assertThat(read(answer("retry-after", value)).retryAfter()).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void retryAfterAsHttpDateCountsFromOurClock() {
        assertThat(read(answer("Retry-After", "Tue, 26 Mar 2024 20:00:30 GMT")).retryAfter())
                .isEqualTo(Duration.ofSeconds(31));
    }

    @Test
    void retryAfterDateInThePastMeansNow() {
        assertThat(read(answer("retry-after", "Tue, 26 Mar 2024 19:00:00 GMT")).retryAfter()).isZero();
    }

    @Test
    void retryAfterMsWinsOverRetryAfter() {
        assertThat(read(answer("retry-after-ms", "250.5", "retry-after", "30")).retryAfter())
                .isEqualTo(Duration.ofNanos(250_500_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "soon", "1e3", "", "30 s"})
    void unreadableRetryAfterIsIgnored(String value) {
        assertThat(read(answer("retry-after", value)).retryAfter()).isNull();
    }

    @Test
    void bodyHintIsTheLastResort() {
        Optional<Duration> body = Optional.of(Duration.ofMillis(34_400));

        assertThat(RetryHints.read(answer(), CLOCK, body).retryAfter()).isEqualTo(Duration.ofMillis(34_400));
        assertThat(RetryHints.read(answer("retry-after", "2"), CLOCK, body).retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryHints.read(null, CLOCK, body).retryAfter()).isEqualTo(Duration.ofMillis(34_400));
    }

    @Test
    void realAnthropic429HeadersSayRetryWithoutADelay() throws Exception {
        // A real 2024-03 header set: x-should-retry true, no retry-after (Anthropic added it later).
        Map<String, List<String>> headers = new HashMap<>();
        new ObjectMapper().readTree(ProviderTestKit.fixture("anthropic-error-429.headers.json")).properties()
                .forEach(e -> headers.put(e.getKey(), List.of(e.getValue().asText())));

        RetryHints hints = read(new CapturedResponse(429, headers, ""));

        assertThat(hints.shouldRetry()).isTrue();
        assertThat(hints.retryAfter()).isNull();
        assertThat(hints.retryable(Classification.forStatus(429), 429)).isTrue();
    }

    @Test
    void shouldRetryFalseStopsEvenATransientFailure() {
        RetryHints no = read(answer("x-should-retry", "false"));

        assertThat(no.retryable(Classification.of(FailureKind.UNAVAILABLE), 529)).isFalse();
        assertThat(no.retryable(Classification.of(FailureKind.RATE_LIMITED), 429)).isFalse();
    }

    @Test
    void shouldRetryTrueRetriesAConflictButNeverWhatWeNeverRetry() {
        RetryHints yes = read(answer("x-should-retry", "TRUE"));

        assertThat(yes.retryable(Classification.forStatus(409), 409)).isTrue();
        assertThat(yes.retryable(Classification.of(FailureKind.OTHER), 0)).isTrue();
        assertThat(yes.retryable(Classification.forStatus(401), 401)).isFalse();
        assertThat(yes.retryable(Classification.forStatus(400), 400)).isFalse();
        assertThat(yes.retryable(Classification.permanent(FailureKind.RATE_LIMITED), 429)).isFalse();
        assertThat(yes.retryable(Classification.of(FailureKind.REFUSED), 200)).isFalse();
        assertThat(yes.retryable(Classification.of(FailureKind.BAD_RESPONSE), 200)).isFalse();
    }

    @Test
    void withoutAVerdictOurClassificationDecides() {
        RetryHints none = read(answer());

        assertThat(none.shouldRetry()).isNull();
        assertThat(none.retryable(Classification.of(FailureKind.UNAVAILABLE), 503)).isTrue();
        assertThat(none.retryable(Classification.forStatus(409), 409)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"34.4s, 34400", "3s, 3000", "0.5s, 500"})
    void protobufDurations(String text, long millis) {
        assertThat(RetryHints.protobufDuration(text)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"34.4", "-1s", "1m", "s"})
    void notProtobufDurations(String text) {
        assertThat(RetryHints.protobufDuration(text)).isEmpty();
    }
}
