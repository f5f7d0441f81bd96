package dev.llmservice.provider.internal;

import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.ProviderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper recording = sleeps::add;

    @AfterEach
    void clearInterruptFlag() {
        Thread.interrupted();
    }

    private static ProviderException failure(FailureKind kind) {
        return new ProviderException("p", kind, 429, "boom", null);
    }

    @Test
    void nominalDelayDoublesFromHalfASecondUpToEightSeconds() {
        assertThat(List.of(0, 1, 2, 3, 4, 5, 40).stream().map(RetryPolicy::nominalDelay).map(Duration::toMillis))
                .containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 8_000L, 8_000L);
    }

    @Test
    void jitteredDelayLiesBetweenHalfAndAllOfTheNominalDelay() {
        ProviderException e = failure(FailureKind.RATE_LIMITED);

        assertThat(new RetryPolicy(3, () -> 0.0).delayBeforeRetry(0, e)).isEqualTo(Duration.ofMillis(250));
        assertThat(new RetryPolicy(3, () -> 0.5).delayBeforeRetry(0, e)).isEqualTo(Duration.ofMillis(375));
        assertThat(new RetryPolicy(3, () -> 0.999_999).delayBeforeRetry(0, e)).isLessThan(Duration.ofMillis(500));
        assertThat(new RetryPolicy(3, () -> 0.0).delayBeforeRetry(10, e)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void delaysGrowBelowTheCapWhateverTheJitter() {
        ProviderException e = failure(FailureKind.UNAVAILABLE);
        RetryPolicy unlucky = new RetryPolicy(5, () -> 0.999_999);
        RetryPolicy lucky = new RetryPolicy(5, () -> 0.0);

        for (int retry = 0; retry < 3; retry++) {
            assertThat(unlucky.delayBeforeRetry(retry, e)).isLessThan(lucky.delayBeforeRetry(retry + 1, e));
        }
    }

    @Test
    void retryableFailureIsTriedMaxRetriesPlusOneTimes() {
        AtomicInteger attempts = new AtomicInteger();
        RetryPolicy policy = new RetryPolicy(3, () -> 0.5);

        assertThatThrownBy(() -> policy.execute(() -> {
            attempts.incrementAndGet();
            throw failure(FailureKind.TIMEOUT);
        }, recording)).isInstanceOf(ProviderException.class).hasMessage("boom (gave up after 4 attempts)");

        assertThat(attempts).hasValue(4);
        assertThat(sleeps).containsExactly(Duration.ofMillis(375), Duration.ofMillis(750), Duration.ofMillis(1_500));
    }

    @Test
    void failureThatIsNotRetryableIsThrownAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        ProviderException quota = new ProviderException("p", FailureKind.RATE_LIMITED, 429, "quota", null, false);

        assertThatThrownBy(() -> new RetryPolicy(3, () -> 0.5).execute(() -> {
            attempts.incrementAndGet();
            throw quota;
        }, recording)).isSameAs(quota);

        assertThat(attempts).hasValue(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void kindsThatAreNotTransientAreNeverRetried() {
        for (FailureKind kind : List.of(FailureKind.AUTHENTICATION, FailureKind.INVALID_REQUEST, FailureKind.REFUSED,
                FailureKind.BAD_RESPONSE, FailureKind.OTHER)) {
            assertThat(new RetryPolicy(3, () -> 0.5).shouldRetry(failure(kind), 0)).as(kind.name()).isFalse();
        }
    }

    @Test
    void successAfterFailuresReturnsTheValue() {
        AtomicInteger attempts = new AtomicInteger();

        String value = new RetryPolicy(3, () -> 0.5).execute(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw failure(FailureKind.UNAVAILABLE);
            }
            return "ok";
        }, recording);

        assertThat(value).isEqualTo("ok");
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void interruptionDuringTheWaitStopsRetrying() {
        AtomicInteger attempts = new AtomicInteger();
        Sleeper interrupted = d -> Thread.currentThread().interrupt();

        assertThatThrownBy(() -> new RetryPolicy(5, () -> 0.5).execute(() -> {
            attempts.incrementAndGet();
            throw failure(FailureKind.UNAVAILABLE);
        }, interrupted)).isInstanceOf(ProviderException.class);

        assertThat(attempts).hasValue(1);
    }
}
