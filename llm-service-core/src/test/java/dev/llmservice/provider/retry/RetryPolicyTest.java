package dev.llmservice.provider.retry;

import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.RetryEvent;
import dev.llmservice.testing.VirtualTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
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

    // ---- vendor's retry-after and the caller's deadline ----------------------------------------------------------

    private static ProviderException rateLimited(Duration retryAfter) {
        return new ProviderException("p", FailureKind.RATE_LIMITED, 429, "boom", null, true, retryAfter);
    }

    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void retryAfterFromTheVendorReplacesTheBackoff() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> new RetryPolicy(2, () -> 0.5).execute(() -> {
            attempts.incrementAndGet();
            throw rateLimited(Duration.ofMillis(1_500));
        }, recording)).hasMessage("boom (gave up after 3 attempts)");

        assertThat(attempts).hasValue(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(1_500), Duration.ofMillis(1_500));
    }

    @Test
    void retryAfterLongerThanWeAcceptEndsTheRetriesAtOnce() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> new RetryPolicy(3, () -> 0.5).execute(() -> {
            attempts.incrementAndGet();
            throw rateLimited(Duration.ofMinutes(5));
        }, recording)).isInstanceOf(ProviderException.class).hasMessage("boom (gave up after 1 attempt: rate limited; "
                + "retry-after 300 s is longer than the longest wait we accept, 60 s)");

        assertThat(attempts).hasValue(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void retryAfterBeyondTheDeadlineGivesUpAtOnceSayingWhy() {
        VirtualTime time = VirtualTime.frozenAt(T0);
        AtomicInteger attempts = new AtomicInteger();

        ProviderException e = org.junit.jupiter.api.Assertions.assertThrows(ProviderException.class,
                () -> new RetryPolicy(3, () -> 0.5).execute(() -> {
                    attempts.incrementAndGet();
                    throw rateLimited(Duration.ofSeconds(30));
                }, time, time, T0.plusSeconds(2)));

        assertThat(e).hasMessage("boom (gave up after 1 attempt: rate limited; retry-after 30 s exceeds the remaining "
                + "deadline of 2 s)");
        assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(attempts).hasValue(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void backoffThatWouldPassTheDeadlineIsNotSlept() {
        VirtualTime time = VirtualTime.frozenAt(T0);
        AtomicInteger attempts = new AtomicInteger();

        // Backoffs at jitter 0.5: 375 ms, 750 ms, 1.5 s; the deadline allows the first two only.
        assertThatThrownBy(() -> new RetryPolicy(5, () -> 0.5).execute(() -> {
            attempts.incrementAndGet();
            throw failure(FailureKind.UNAVAILABLE);
        }, time, time, T0.plusMillis(2_000))).hasMessage("boom (gave up after 3 attempts: unavailable; backoff 1.5 s "
                + "exceeds the remaining deadline of 875 ms)");

        assertThat(attempts).hasValue(3);
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(375), Duration.ofMillis(750));
        assertThat(time.instant()).isBefore(T0.plusMillis(2_000));
    }

    @Test
    void retryThatWouldHaveAlmostNoTimeLeftIsNotMade() {
        VirtualTime time = VirtualTime.frozenAt(T0);

        // 375 ms of backoff would leave 25 ms: too little for a request, so the vendor's answer is what is reported.
        assertThatThrownBy(() -> new RetryPolicy(3, () -> 0.5).execute(() -> {
            throw failure(FailureKind.UNAVAILABLE);
        }, time, time, T0.plusMillis(400))).hasMessage("boom (gave up after 1 attempt: unavailable; backoff 375 ms "
                + "would leave less than 100 ms of the remaining deadline of 400 ms)");

        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void deadlineAlreadyPassedAfterAFailureMeansNoRetry() {
        VirtualTime time = VirtualTime.frozenAt(T0.plusSeconds(5));

        assertThatThrownBy(() -> new RetryPolicy(3, () -> 0.5).execute(() -> {
            throw failure(FailureKind.TIMEOUT);
        }, time, time, T0)).hasMessage("boom (gave up after 1 attempt: timeout; backoff 375 ms but the deadline has "
                + "passed)");

        assertThat(time.sleeps()).isEmpty();
    }

    // ---- listening ---------------------------------------------------------------------------------------------------

    @Test
    void theListenerHearsOfEachRetryBeforeItsWaitButNotOfARetryThatIsNotMade() {
        VirtualTime time = VirtualTime.frozenAt(T0);
        List<String> heard = new ArrayList<>();
        AtomicInteger attempts = new AtomicInteger();

        // 429 with retry-after 1.5 s, then one with 30 s that the 2 s deadline cannot wait for.
        assertThatThrownBy(() -> new RetryPolicy(3, () -> 0.5).execute(() -> {
            throw rateLimited(Duration.ofMillis(attempts.incrementAndGet() == 1 ? 1_500 : 30_000));
        }, time, time, T0.plusSeconds(2), event -> heard.add(event.describe() + " at +"
                + Duration.between(T0, time.instant()).toMillis() + " ms"))).hasMessage("boom (gave up after 2 attempts: "
                + "rate limited; retry-after 30 s exceeds the remaining deadline of 500 ms)");

        assertThat(heard).containsExactly("p: rate limited (429), retrying in 1.5 s (attempt 2 of 4) at +0 ms");
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(1_500));
    }

    @Test
    void theListenerIsToldTheFailureTheWaitAndTheAttemptNumbers() {
        List<RetryEvent> heard = new ArrayList<>();

        assertThatThrownBy(() -> new RetryPolicy(2, () -> 0.5).execute(() -> {
            throw failure(FailureKind.UNAVAILABLE);
        }, recording, java.time.Clock.systemUTC(), null, heard::add)).hasMessage("boom (gave up after 3 attempts)");

        assertThat(heard).extracting(RetryEvent::attempt).containsExactly(2, 3);
        assertThat(heard).extracting(RetryEvent::maxAttempts).containsOnly(3);
        assertThat(heard).extracting(RetryEvent::delay).containsExactlyElementsOf(sleeps);
        assertThat(heard).extracting(e -> e.failure().kind()).containsOnly(FailureKind.UNAVAILABLE);
    }

    @Test
    void aListenerThatThrowsDoesNotChangeTheCall() {
        AtomicInteger attempts = new AtomicInteger();

        String value = new RetryPolicy(3, () -> 0.5).execute(() -> {
            if (attempts.incrementAndGet() < 2) {
                throw failure(FailureKind.TIMEOUT);
            }
            return "ok";
        }, recording, java.time.Clock.systemUTC(), null, event -> {
            throw new IllegalStateException("listener bug");
        });

        assertThat(value).isEqualTo("ok");
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void aRetryWithoutAnHttpAnswerIsDescribedWithoutAStatus() {
        ProviderException timeout = new ProviderException("openai", FailureKind.TIMEOUT, 0, "no answer", null);

        assertThat(new RetryEvent(timeout, Duration.ofMillis(375), 2, 3).describe())
                .isEqualTo("openai: timeout, retrying in 0.4 s (attempt 2 of 3)");
    }

    @Test
    void nonRetryableFailureWithRetryAfterIsStillNotRetried() {
        ProviderException quota = new ProviderException("p", FailureKind.RATE_LIMITED, 429, "quota", null, false,
                Duration.ofSeconds(1));

        assertThat(new RetryPolicy(3, () -> 0.5).shouldRetry(quota, 0)).isFalse();
    }

    @Test
    void givingUpKeepsKindStatusRetryabilityAndCause() {
        IllegalStateException cause = new IllegalStateException("root");
        ProviderException original = new ProviderException("p", FailureKind.UNAVAILABLE, 503, "down", cause);

        ProviderException e = org.junit.jupiter.api.Assertions.assertThrows(ProviderException.class,
                () -> new RetryPolicy(1, () -> 0.5).execute(() -> {
                    throw original;
                }, recording));

        assertThat(e).isNotSameAs(original).hasMessage("down (gave up after 2 attempts)").hasCause(cause);
        assertThat(e.kind()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.retryable()).isTrue();
    }
}
