package dev.llmservice.redis;

import dev.llmservice.config.Environment;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.registry.ProviderState;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.testing.FakeProviderType;
import dev.llmservice.redis.testing.TestRedis;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.resilience.CircuitBreaker;
import dev.llmservice.resilience.CircuitBreakerConfig;
import dev.llmservice.resilience.CircuitState;
import dev.llmservice.shared.SharedState;
import dev.llmservice.shared.SharedStates;
import dev.llmservice.state.StateFileException;
import dev.llmservice.testing.CapturedStderr;
import dev.llmservice.testing.VirtualTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real redis-server of the test's own, stopped (SIGKILL) and started again on the same port. */
class RedisFaultsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    Path tmp;

    private final VirtualTime time = VirtualTime.frozenAt(T0);
    private final Closer closer = new Closer();

    private <T extends AutoCloseable> T closing(T resource) {
        return closer.add(resource);
    }

    @AfterEach
    void closeAll() throws Exception {
        closer.close();
    }

    private SharedState replica(TestRedis redis, String id) {
        return closing(RedisOverridesTest.replica(redis, id, time, tmp));
    }

    @Test
    void redisDownAtStartTheReplicaStartsDownWithoutOverridesAndCatchesUpWhenRedisIsUp() {
        TestRedis redis = closing(TestRedis.start());
        redis.commands(c -> c.hset("llm:overrides", "grok", "{\"enabled\": false}"));
        redis.stop();

        SharedState web1 = replica(redis, "web-1");
        AtomicInteger told = new AtomicInteger();
        web1.overrides().subscribe(told::incrementAndGet);

        assertThat(web1.health().up()).isFalse();
        assertThat(web1.health().reason()).startsWith("unreachable since 2026-12-05T10:00:00Z (");
        assertThatThrownBy(() -> web1.overrides().load()).isInstanceOf(StateFileException.class)
                .hasMessageStartingWith("shared state " + redis.url() + ": cannot be reached (Unable to connect to "
                        + "127.0.0.1")
                .hasMessageEndingWith("Connection refused); the overrides last read stay in effect");
        assertThat(web1.overrides().readFailure()).isPresent();

        redis.startAgain();  // no persistence: an empty Redis, as after a fresh install

        TestRedis.await("web-1 connected", () -> web1.health().up());
        TestRedis.await("web-1's subscribers told to read the overrides", () -> told.get() > 0);
        assertThat(web1.overrides().load()).isEmpty();
        assertThat(web1.overrides().readFailure()).isEmpty();
    }

    @Test
    void aReplicaStartingWhileRedisIsDownAppliesTheOverridesItLastReadFromRedis() {
        TestRedis redis = closing(TestRedis.start());
        SharedState cli = replica(redis, "cli");
        cli.overrides().set("grok", false);
        SharedState web1 = replica(redis, "web-1");
        assertThat(web1.overrides().load()).isEqualTo(Map.of("grok", false));
        web1.close();
        // The local mirror: the state file holds what web-1 last read from Redis.
        Path mirror = tmp.resolve("web-1.json");
        assertThat(OverrideStore.file(mirror).load()).isEqualTo(Map.of("grok", false));

        redis.stop();
        SharedState restarted = replica(redis, "web-1");
        ProviderRegistry registry = ProviderFactory.builder()
                .environment(Environment.of(Map.of("LLM_PROVIDERS", "grok,alpha",
                        "GROK_API_KEY", "xai-grok-kQvXzJwMhBnRy", "ALPHA_API_KEY", "sk-alpha-kQvXzJwMhBnRy")))
                .overrides(restarted.overrides())
                .types(List.of(FakeProviderType.named("grok"), FakeProviderType.named("alpha")))
                .clock(time)
                .build()
                .initializeRegistry();

        // Grok stays disabled rather than failing open; status says Redis cannot be read.
        assertThat(registry.find("grok").orElseThrow().state()).isEqualTo(ProviderState.DISABLED);
        assertThat(registry.find("alpha").orElseThrow().state()).isEqualTo(ProviderState.ENABLED);
        assertThat(restarted.overrides().readFailure()).isPresent();
    }

    @Test
    void theMirrorFollowsRedisAndIsLeftAloneWhenNothingChanged() throws Exception {
        TestRedis redis = closing(TestRedis.start());
        SharedState web1 = replica(redis, "web-1");
        Path mirror = tmp.resolve("web-1.json");
        web1.overrides().set("grok", false);
        web1.overrides().set("openai", true);
        redis.commands(c -> c.hdel("llm:overrides", "openai"));

        assertThat(web1.overrides().load()).isEqualTo(Map.of("grok", false));
        assertThat(OverrideStore.file(mirror).load()).isEqualTo(Map.of("grok", false));
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(mirror);
        Files.setLastModifiedTime(mirror, java.nio.file.attribute.FileTime.fromMillis(0));
        web1.overrides().load();
        assertThat(Files.getLastModifiedTime(mirror).toMillis()).as("not rewritten: %s", written).isZero();
    }

    @Test
    void redisLostMidRunKeepsGoingWarnsOnceAMinuteAndConvergesWhenBack() {
        TestRedis redis = closing(TestRedis.start());
        SharedState web1 = replica(redis, "web-1");
        SharedState web2 = replica(redis, "web-2");
        web1.overrides().set("grok", false);
        assertThat(web2.overrides().load()).isEqualTo(Map.of("grok", false));
        AtomicInteger told = new AtomicInteger();
        web2.overrides().subscribe(told::incrementAndGet);
        CircuitBreaker onWeb1 = CircuitBreaker.of("openai", CircuitBreakerConfig.DEFAULT, time, web1.circuits());
        CircuitBreaker onWeb2 = CircuitBreaker.of("openai", CircuitBreakerConfig.DEFAULT, time, web2.circuits());
        OutageLog outage = ((RedisSharedState) web2).outage();

        try (CapturedStderr err = CapturedStderr.start()) {
            redis.stop();
            TestRedis.await("web-2 notices", () -> !web2.health().up());
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> web2.overrides().load()).isInstanceOf(StateFileException.class);
            }
            // Circuits go on locally: web-1 opens its own, web-2 cannot hear of it yet.
            for (int i = 0; i < CircuitBreakerConfig.DEFAULT_FAILURE_THRESHOLD; i++) {
                assertThatThrownBy(() -> onWeb1.execute(() -> {
                    throw new ProviderException("openai", FailureKind.UNAVAILABLE, 503, "unavailable", null);
                })).isInstanceOf(ProviderException.class);
            }
            assertThat(onWeb1.state()).isEqualTo(CircuitState.OPEN);
            assertThat(onWeb2.state()).isEqualTo(CircuitState.CLOSED);

            assertThat(outage.warnings()).isEqualTo(1);
            time.sleep(Duration.ofSeconds(59));
            assertThatThrownBy(() -> web2.overrides().load()).isInstanceOf(StateFileException.class);
            assertThat(outage.warnings()).isEqualTo(1);
            time.sleep(Duration.ofSeconds(1));
            assertThatThrownBy(() -> web2.overrides().load()).isInstanceOf(StateFileException.class);
            assertThat(outage.warnings()).isEqualTo(2);
            assertThat(err.text()).contains("WARN dev.llmservice.redis.OutageLog - shared state " + redis.url()
                    + " cannot be reached since 2026-12-05T10:00:00Z (");
        }

        redis.startAgain();  // empty: everything the replicas know must come back from them

        // A minute has passed on the virtual clock: the opening's cool-down is over, so it reads half-open.
        TestRedis.await("web-2 sees web-1's opening", () -> "web-1".equals(onWeb2.snapshot().openedBy()));
        assertThat(onWeb2.state()).isEqualTo(CircuitState.HALF_OPEN);
        TestRedis.await("web-2 told to re-read the overrides", () -> told.get() > 0);
        assertThat(web2.health().up()).isTrue();
    }

    @Test
    void thePasswordNeverAppearsInHealthOrLogs() {
        TestRedis redis = closing(TestRedis.start("pw-Kq7zRt-right"));
        try (CapturedStderr err = CapturedStderr.start()) {
            SharedState wrong = closing(SharedStates.open(Environment.of(Map.of("LLM_STATE_URL",
                    redis.url().replace("pw-Kq7zRt-right", "pw-Kq7zRt-wrong"), "LLM_INSTANCE_ID", "web-1",
                    "LLM_STATE_FILE", tmp.resolve("web-1.json").toString())), time));
            assertThat(wrong.health().up()).isFalse();
            assertThat(wrong.health().toString()).doesNotContain("pw-Kq7zRt").contains(":\u2026@127.0.0.1");
            assertThatThrownBy(() -> wrong.overrides().set("grok", false)).isInstanceOf(StateFileException.class)
                    .hasMessageContaining("WRONGPASS").hasMessageNotContaining("pw-Kq7zRt");

            SharedState right = closing(SharedStates.open(Environment.of(Map.of("LLM_STATE_URL", redis.url(),
                    "LLM_INSTANCE_ID", "web-2", "LLM_STATE_FILE", tmp.resolve("web-2.json").toString())), time));
            assertThat(right.health().up()).isTrue();
            right.overrides().set("grok", false);
            assertThat(right.toString()).doesNotContain("pw-Kq7zRt");

            assertThat(err.text()).doesNotContain("pw-Kq7zRt").contains("shared state redis://:\u2026@127.0.0.1");
        }
    }
}
