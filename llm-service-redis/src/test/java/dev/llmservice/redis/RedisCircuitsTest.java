package dev.llmservice.redis;

import dev.llmservice.redis.testing.TestRedis;
import dev.llmservice.resilience.CircuitBreaker;
import dev.llmservice.resilience.CircuitBreakerConfig;
import dev.llmservice.resilience.CircuitOpenException;
import dev.llmservice.resilience.CircuitState;
import dev.llmservice.shared.SharedState;
import dev.llmservice.testing.BreakerCalls;
import dev.llmservice.testing.CapturedStderr;
import dev.llmservice.testing.VirtualTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One provider's circuit on two replicas (two shared states in one JVM), shared through a real Redis. */
class RedisCircuitsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    Path tmp;

    private final VirtualTime time = VirtualTime.frozenAt(T0);
    private final BreakerCalls calls = new BreakerCalls("openai");
    private TestRedis redis;
    private SharedState web1;
    private SharedState web2;
    private CircuitBreaker onWeb1;
    private CircuitBreaker onWeb2;

    @BeforeEach
    void start() {
        redis = TestRedis.fromEnvironmentOrStart();
        web1 = RedisOverridesTest.replica(redis, "web-1", time, tmp);
        web2 = RedisOverridesTest.replica(redis, "web-2", time, tmp);
        onWeb1 = CircuitBreaker.of("openai", CircuitBreakerConfig.DEFAULT, time, web1.circuits());
        onWeb2 = CircuitBreaker.of("openai", CircuitBreakerConfig.DEFAULT, time, web2.circuits());
    }

    @AfterEach
    void stop() {
        web1.close();
        web2.close();
        redis.close();
    }

    private void openOnWeb1() {
        calls.failTimes(onWeb1, CircuitBreakerConfig.DEFAULT_FAILURE_THRESHOLD);
    }

    @Test
    void aCircuitOpenedOnOneReplicaIsOpenOnTheOtherWhichSkipsTheVendorAndShowsWhoAndWhen() {
        openOnWeb1();

        TestRedis.await("web-2 sees the circuit open", () -> onWeb2.state() == CircuitState.OPEN);
        assertThatThrownBy(() -> calls.succeed(onWeb2)).isInstanceOf(CircuitOpenException.class)
                .hasMessageContaining("opened by web-1 at 2026-12-05T10:00:00Z; calls fail fast until "
                        + "2026-12-05T10:00:30Z");
        assertThat(calls.count()).isEqualTo(5);
        assertThat(onWeb2.snapshot().openedBy()).isEqualTo("web-1");
        String stored = redis.commands(c -> c.hget("llm:circuits", "openai"));
        assertThat(stored).contains("\"opened_by\":\"web-1\"", "\"retry_at\":\"2026-12-05T10:00:30Z\"");
    }

    @Test
    void afterTheCoolDownOneReplicaProbesForBothAndItsSuccessClosesTheCircuitEverywhere() {
        openOnWeb1();
        TestRedis.await("web-2 sees the circuit open", () -> onWeb2.state() == CircuitState.OPEN);
        time.sleep(CircuitBreakerConfig.DEFAULT_OPEN_DURATION);

        String probe = onWeb2.execute(() -> {  // web-2 takes the probe (SET NX); web-1 is refused meanwhile
            calls.reached();
            assertThatThrownBy(() -> calls.succeed(onWeb1)).isInstanceOf(CircuitOpenException.class);
            return "ok";
        });

        assertThat(probe).isEqualTo("ok");
        assertThat(calls.count()).isEqualTo(6);
        TestRedis.await("web-1 sees the circuit closed", () -> onWeb1.state() == CircuitState.CLOSED);
        assertThat(calls.succeed(onWeb1)).isEqualTo("ok");
        long openings = redis.commands(c -> c.hlen("llm:circuits"));
        assertThat(openings).isZero();
    }

    @Test
    void aMalformedOpeningIsIgnoredWithOneWarningNamingTheKey() {
        try (CapturedStderr err = CapturedStderr.start()) {
            redis.commands(c -> c.hset("llm:circuits", "openai", "{\"opened_by\": \"web-9\"}"));
            redis.commands(c -> c.publish("llm:changes:0", "circuit:openai"));

            TestRedis.await("the warning", () -> err.text().contains("llm:circuits field openai"));
            assertThat(onWeb2.state()).isEqualTo(CircuitState.CLOSED);
            assertThat(calls.succeed(onWeb2)).isEqualTo("ok");
            assertThat(err.text()).contains("malformed value (last_failure is missing;");
        }
    }
}
