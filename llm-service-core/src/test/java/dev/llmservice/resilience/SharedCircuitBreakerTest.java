package dev.llmservice.resilience;

import dev.llmservice.provider.ProviderException;
import dev.llmservice.resilience.internal.CircuitBreakerStateMachine;
import dev.llmservice.testing.BreakerCalls;
import dev.llmservice.testing.VirtualTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two replicas' breakers of one provider, sharing their openings through an in-memory exchange that behaves as the
 * contract of {@link CircuitSharing} says (the Redis one is tested against a real Redis in llm-service-redis).
 */
class SharedCircuitBreakerTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    /** What the replicas know: one opening per provider, one probe per opening. */
    static final class Exchange {
        final Map<String, CircuitOpening> openings = new ConcurrentHashMap<>();
        final Map<String, String> probes = new ConcurrentHashMap<>();

        CircuitSharing replica(String id) {
            return new CircuitSharing() {
                @Override
                public String replicaId() {
                    return id;
                }

                @Override
                public Optional<CircuitOpening> current(String provider) {
                    return Optional.ofNullable(openings.get(provider));
                }

                @Override
                public void opened(String provider, CircuitOpening opening) {
                    openings.put(provider, opening);
                }

                @Override
                public void closed(String provider, CircuitOpening opening) {
                    openings.computeIfPresent(provider, (p, o) -> o.sameAs(opening) ? null : o);
                }

                @Override
                public boolean tryProbe(String provider, CircuitOpening opening) {
                    return probes.putIfAbsent(provider + "@" + opening.openedBy() + "@" + opening.openedAt(), id)
                            == null;
                }
            };
        }
    }

    private final VirtualTime time = VirtualTime.frozenAt(T0);
    private final Exchange exchange = new Exchange();
    private final CircuitBreaker a = CircuitBreaker.of("openai", CircuitBreakerConfig.DEFAULT, time,
            exchange.replica("web-1:11"));
    private final CircuitBreaker b = CircuitBreaker.of("openai", CircuitBreakerConfig.DEFAULT, time,
            exchange.replica("web-2:22"));
    private final BreakerCalls calls = new BreakerCalls("openai");

    @Test
    void aCircuitOneReplicaOpensIsOpenOnTheOtherWhichSkipsTheVendorAndSaysWhoOpenedItAndWhen() {
        calls.failTimes(a, 5);
        assertThat(calls.count()).isEqualTo(5);

        assertThat(b.state()).isEqualTo(CircuitState.OPEN);
        ProviderException refused = calls.fail(b);

        assertThat(calls.count()).isEqualTo(5);
        assertThat(refused).isInstanceOf(CircuitOpenException.class)
                .hasMessage("openai was not called: its circuit breaker is open after 5 consecutive failures (last: "
                        + "unavailable), opened by web-1:11 at 2026-12-05T10:00:00Z; calls fail fast until "
                        + "2026-12-05T10:00:30Z");
        assertThat(b.snapshot().openedBy()).isEqualTo("web-1:11");
        assertThat(a.snapshot().openedBy()).isEqualTo("web-1:11");
    }

    @Test
    void afterTheCoolDownExactlyOneReplicaProbesAndItsSuccessClosesTheCircuitForBoth() {
        calls.failTimes(a, 5);
        time.sleep(Duration.ofSeconds(30));

        String probe = b.execute(() -> {  // b wins the probe; while it runs, a is refused without a call
            calls.reached();
            assertThatThrownBy(() -> calls.succeed(a)).isInstanceOf(CircuitOpenException.class);
            return "ok";
        });
        assertThat(probe).isEqualTo("ok");
        assertThat(calls.count()).isEqualTo(6);

        assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(a.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(calls.succeed(a)).isEqualTo("ok");
        assertThat(exchange.openings).isEmpty();
    }

    @Test
    void aFailedProbeOpensTheCircuitAgainForBothUnderTheProbersName() {
        calls.failTimes(a, 5);
        time.sleep(Duration.ofSeconds(30));

        calls.fail(b);  // the probe fails
        time.sleep(Duration.ofSeconds(1));

        assertThat(a.state()).isEqualTo(CircuitState.OPEN);
        assertThat(a.snapshot().openedBy()).isEqualTo("web-2:22");
        assertThat(a.snapshot().retryAt()).isEqualTo(T0.plusSeconds(60));
        assertThatThrownBy(() -> calls.succeed(a)).isInstanceOf(CircuitOpenException.class);
        assertThat(calls.count()).isEqualTo(6);
    }

    @Test
    void theLoserOfTheProbeAsksAgainWhenTheWinnerNeverAnswers() {
        calls.failTimes(a, 5);
        time.sleep(Duration.ofSeconds(30));
        exchange.probes.put("openai@web-1:11@" + T0, "web-3:33");  // a replica that took the probe, then died

        assertThatThrownBy(() -> calls.succeed(a)).isInstanceOf(CircuitOpenException.class);
        exchange.probes.clear();  // its lock expired
        time.sleep(CircuitBreakerStateMachine.PROBE_RECHECK);

        assertThat(calls.succeed(a)).isEqualTo("ok");
        assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void resetOnOneReplicaClosesTheCircuitForBoth() {
        calls.failTimes(a, 5);
        assertThat(b.state()).isEqualTo(CircuitState.OPEN);

        b.reset();

        assertThat(a.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(calls.succeed(a)).isEqualTo("ok");
    }

    @Test
    void withoutSharingTheOtherReplicaStaysClosedAndNamesNobody() {
        CircuitBreaker alone = CircuitBreaker.of("openai", CircuitBreakerConfig.DEFAULT, time);
        calls.failTimes(a, 5);
        assertThat(alone.state()).isEqualTo(CircuitState.CLOSED);
        calls.failTimes(alone, 5);
        assertThat(alone.snapshot().openedBy()).isNull();
        assertThat(alone.snapshot().describe()).doesNotContain("opened by");
    }
}
