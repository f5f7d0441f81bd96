package dev.llmservice.resilience;

import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.testing.VirtualTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CircuitBreakerTest {

    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    private final VirtualTime time = VirtualTime.frozenAt(T0);
    private final CircuitBreaker breaker = CircuitBreaker.of("anthropic", CircuitBreakerConfig.DEFAULT, time);
    private final AtomicInteger calls = new AtomicInteger();

    private String succeed() {
        return breaker.execute(() -> {
            calls.incrementAndGet();
            return "ok";
        });
    }

    private ProviderException fail(FailureKind kind) {
        try {
            breaker.execute(() -> {
                calls.incrementAndGet();
                throw new ProviderException("anthropic", kind, 0, "Anthropic failed (" + kind.label() + ")", null);
            });
        } catch (ProviderException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    private void failTimes(int n, FailureKind kind) {
        for (int i = 0; i < n; i++) {
            assertThat(fail(kind).kind()).isEqualTo(kind);
        }
    }

    @Test
    void defaultsAreFiveConsecutiveFailuresAndThirtySecondsCoolDown() {
        assertThat(CircuitBreakerConfig.DEFAULT.failureThreshold()).isEqualTo(5);
        assertThat(CircuitBreakerConfig.DEFAULT.openDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.snapshot().describe()).isNull();
    }

    @Test
    void fiveConsecutiveTransientFailuresOpenTheCircuitAndTheNextCallFailsFastWithoutRunning() {
        failTimes(4, FailureKind.UNAVAILABLE);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.snapshot().describe()).isEqualTo("closed; 4 consecutive failures (last: unavailable)");

        fail(FailureKind.TIMEOUT);
        ProviderException refused = fail(FailureKind.UNAVAILABLE);

        assertThat(calls).hasValue(5);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(refused).isInstanceOf(CircuitOpenException.class);
        assertThat(refused.kind()).isEqualTo(FailureKind.CIRCUIT_OPEN);
        assertThat(refused.kind().code()).isEqualTo("circuit_open");
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.httpStatus()).isZero();
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(refused).hasMessage("anthropic was not called: its circuit breaker is open after 5 consecutive "
                + "failures (last: timeout); calls fail fast until 2025-06-01T12:00:30Z");
        assertThat(((CircuitOpenException) refused).circuit().state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void everyCountedKindCounts() {
        fail(FailureKind.RATE_LIMITED);
        fail(FailureKind.UNAVAILABLE);
        fail(FailureKind.TIMEOUT);
        fail(FailureKind.BAD_RESPONSE);
        fail(FailureKind.RATE_LIMITED);

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aSuccessInBetweenStartsTheCountAgain() {
        failTimes(4, FailureKind.UNAVAILABLE);
        succeed();
        failTimes(4, FailureKind.UNAVAILABLE);

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.snapshot().consecutiveFailures()).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(value = FailureKind.class, names = {"REFUSED", "INVALID_REQUEST", "OTHER"})
    void failuresAboutTheRequestNeitherCountNorReset(FailureKind kind) {
        failTimes(4, FailureKind.UNAVAILABLE);
        failTimes(10, kind);
        assertThat(breaker.snapshot().consecutiveFailures()).isEqualTo(4);

        fail(FailureKind.UNAVAILABLE);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aRejectedKeyOpensTheCircuitAtOnce() {
        fail(FailureKind.AUTHENTICATION);

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(breaker.snapshot().describe()).isEqualTo("open after 1 failure (last: authentication); calls fail "
                + "fast until 2025-06-01T12:00:30Z");
        assertThat(fail(FailureKind.AUTHENTICATION)).isInstanceOf(CircuitOpenException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void theCircuitStaysOpenUntilTheCoolDownHasPassed() {
        failTimes(5, FailureKind.UNAVAILABLE);

        time.sleep(Duration.ofSeconds(29));
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(fail(FailureKind.UNAVAILABLE).retryAfter()).contains(Duration.ofSeconds(1));

        time.sleep(Duration.ofSeconds(1));
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(breaker.snapshot().describe()).isEqualTo("half-open after 5 consecutive failures "
                + "(last: unavailable); the next call is a probe");
        assertThat(calls).hasValue(5);
    }

    @Test
    void halfOpenLetsExactlyOneProbeThroughAndItsSuccessClosesTheCircuit() throws Exception {
        failTimes(5, FailureKind.UNAVAILABLE);
        time.sleep(Duration.ofSeconds(30));
        CountDownLatch probing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        CompletableFuture<String> probe = CompletableFuture.supplyAsync(() -> breaker.execute(() -> {
            probing.countDown();
            await(release);
            return "probe ok";
        }));
        assertThat(probing.await(5, TimeUnit.SECONDS)).isTrue();

        // While the probe runs, every other call is refused at once.
        ProviderException refused = fail(FailureKind.UNAVAILABLE);
        assertThat(refused).isInstanceOf(CircuitOpenException.class)
                .hasMessageContaining("half-open after 5 consecutive failures (last: unavailable); a probe call is in "
                        + "flight");
        assertThat(refused.retryAfter()).isEmpty();
        assertThat(breaker.snapshot().probeInFlight()).isTrue();
        assertThat(calls).hasValue(5);

        release.countDown();
        assertThat(probe.get(5, TimeUnit.SECONDS)).isEqualTo("probe ok");
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.snapshot().consecutiveFailures()).isZero();
        assertThat(succeed()).isEqualTo("ok");
    }

    @Test
    void aFailedProbeOpensTheCircuitForAnotherCoolDown() {
        failTimes(5, FailureKind.UNAVAILABLE);
        time.sleep(Duration.ofSeconds(30));

        fail(FailureKind.RATE_LIMITED);

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(breaker.snapshot().retryAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(breaker.snapshot().lastFailure()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(calls).hasValue(6);
    }

    @Test
    void aProbeThatSaysNothingAboutTheVendorLetsTheNextCallProbe() {
        failTimes(5, FailureKind.UNAVAILABLE);
        time.sleep(Duration.ofSeconds(30));

        fail(FailureKind.REFUSED);
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(breaker.snapshot().probeInFlight()).isFalse();

        succeed();
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void anUnclassifiedExceptionFromTheCallGivesTheProbeSlotBack() {
        failTimes(5, FailureKind.UNAVAILABLE);
        time.sleep(Duration.ofSeconds(30));

        assertThatThrownBy(() -> breaker.execute(() -> {
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(breaker.snapshot().probeInFlight()).isFalse();
    }

    @Test
    void resetClosesTheCircuitFromAnyState() {
        failTimes(5, FailureKind.UNAVAILABLE);
        breaker.reset();
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.snapshot().consecutiveFailures()).isZero();

        failTimes(5, FailureKind.UNAVAILABLE);
        time.sleep(Duration.ofSeconds(30));
        breaker.reset();
        assertThat(breaker.snapshot()).isEqualTo(new CircuitBreaker.Snapshot(CircuitState.CLOSED, 0, null, null,
                false, null, null));
    }

    @Test
    void aCallStillRunningWhenTheCircuitOpenedDoesNotCloseIt() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> breaker.execute(() -> {
            running.countDown();
            await(release);
            return "late";
        }));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        failTimes(5, FailureKind.UNAVAILABLE);
        // Reading the state never waits on the call in flight.
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        release.countDown();

        assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo("late");
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aProbeOvertakenByAResetDoesNotCount() throws Exception {
        failTimes(5, FailureKind.UNAVAILABLE);
        time.sleep(Duration.ofSeconds(30));
        CountDownLatch probing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> probe = CompletableFuture.runAsync(() -> {
            try {
                breaker.execute(() -> {
                    probing.countDown();
                    await(release);
                    throw new ProviderException("anthropic", FailureKind.UNAVAILABLE, "still down");
                });
            } catch (ProviderException expected) {
                // the probe fails, after the reset
            }
        });
        assertThat(probing.await(5, TimeUnit.SECONDS)).isTrue();

        breaker.reset();
        release.countDown();
        probe.get(5, TimeUnit.SECONDS);

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.snapshot().consecutiveFailures()).isZero();
    }

    @Test
    void customThresholdAndCoolDown() {
        CircuitBreaker two = CircuitBreaker.of("openai", new CircuitBreakerConfig(2, Duration.ofSeconds(5)), time);
        for (int i = 0; i < 2; i++) {
            try {
                two.execute(() -> {
                    throw new ProviderException("openai", FailureKind.UNAVAILABLE, "down");
                });
            } catch (ProviderException expected) {
                // counted
            }
        }

        assertThat(two.state()).isEqualTo(CircuitState.OPEN);
        assertThat(two.snapshot().retryAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void invalidConfigurationsNameTheValue() {
        assertThatThrownBy(() -> new CircuitBreakerConfig(0, Duration.ofSeconds(1)))
                .hasMessage("failureThreshold must be at least 1, but was 0");
        assertThatThrownBy(() -> CircuitBreakerConfig.DEFAULT.withOpenDuration(Duration.ZERO))
                .hasMessage("openDuration must be greater than 0, but was PT0S");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
