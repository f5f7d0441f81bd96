package dev.llmservice.redis;

import dev.llmservice.config.Environment;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.ratelimit.RateLimitedLocallyException;
import dev.llmservice.ratelimit.RateLimiter;
import dev.llmservice.redis.testing.TestRedis;
import dev.llmservice.shared.SharedState;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.testing.CapturedStderr;
import dev.llmservice.testing.FakeProviderType;
import dev.llmservice.testing.VirtualTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code P_RPM} kept across two replicas (two shared states, each with its own providers and {@link RateLimiter}) on a
 * real Redis, on one virtual clock: Bucket4j's buckets in Redis read the replicas' (virtual) client clock, and the
 * waits only move it.
 */
class RedisRateLimitsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final GenerationRequest PROMPT = GenerationRequest.of("x".repeat(400));

    @TempDir
    Path tmp;

    private final VirtualTime time = VirtualTime.frozenAt(T0);
    /** When each request reached the vendor, from either replica. */
    private final List<Instant> received = Collections.synchronizedList(new ArrayList<>());
    private final Closer closer = new Closer();
    private TestRedis redis;
    /** The shared state of the replica made last. */
    private SharedState lastReplica;

    @BeforeEach
    void startRedis() {
        redis = closer.add(TestRedis.start());  // of its own: one test stops it
    }

    @AfterEach
    void closeAll() throws Exception {
        closer.close();
    }

    /** A replica's alpha provider, limited by {@code ALPHA_RPM=rpm} on the replica's shared buckets. */
    private LlmProvider replica(String id, int rpm) {
        SharedState state = closer.add(RedisOverridesTest.replica(redis, id, time, tmp));
        lastReplica = state;
        FakeProviderType alpha = FakeProviderType.named("alpha").generating((p, r) -> {
            received.add(time.instant());
            return p.reply("{\"decision\":\"BUY\",\"confidence\":0.8,\"reasoning\":\"up\"}");
        });
        ProviderFactory factory = ProviderFactory.builder()
                .environment(Environment.of(Map.of("LLM_PROVIDERS", "alpha", "ALPHA_API_KEY",
                        "sk-alpha-kQvXzJwMhBnRyPcdef", "ALPHA_RPM", String.valueOf(rpm))))
                .overrides(OverrideStore.inMemory())
                .types(List.of(alpha))
                .clock(time)
                .rateLimiter(new RateLimiter(state.rateLimits(), time, time))
                .build();
        return factory.initializeRegistry().provider("alpha").orElseThrow();
    }

    /** The most requests the vendor saw in any 60 seconds. */
    private int mostInAnyMinute() {
        List<Instant> sorted = new ArrayList<>(received);
        Collections.sort(sorted);
        int most = 0;
        for (int i = 0; i < sorted.size(); i++) {
            Instant end = sorted.get(i).plus(Duration.ofMinutes(1));
            int n = 0;
            for (int j = i; j < sorted.size() && sorted.get(j).isBefore(end); j++) {
                n++;
            }
            most = Math.max(most, n);
        }
        return most;
    }

    @Test
    void twoReplicasTogetherNeverLetTheVendorSeeMoreThanTheLimitInAnyMinute() {
        LlmProvider onWeb1 = replica("web-1", 6);
        LlmProvider onWeb2 = replica("web-2", 6);

        for (int i = 0; i < 12; i++) {
            (i % 2 == 0 ? onWeb1 : onWeb2).generate(PROMPT, time.instant().plus(Duration.ofMinutes(5)));
        }

        // Each replica alone would let 6 a minute through, 12 together; one shared bucket: a burst of 1, then one
        // every 12 seconds, whichever replica asks.
        assertThat(received).hasSize(12);
        assertThat(mostInAnyMinute()).isLessThanOrEqualTo(6);
        assertThat(Duration.between(T0, received.get(11))).isEqualTo(Duration.ofSeconds(132));
        List<String> keys = redis.commands(c -> c.keys("llm:ratelimit:*"));
        assertThat(keys).containsExactly("llm:ratelimit:alpha:requests:6");
        // An idle bucket does not stay: it expires once it would be full again (within a minute) and a little more.
        long expiresIn = redis.commands(c -> c.pttl("llm:ratelimit:alpha:requests:6"));
        assertThat(expiresIn).isPositive()
                .isLessThanOrEqualTo(Duration.ofMinutes(1).plus(RedisSharedState.BUCKET_KEPT_WHEN_FULL).toMillis());
    }

    @Test
    void aCallWithoutRoomBeforeItsDeadlineOnOneReplicaIsNotMadeBecauseTheOtherTookTheRoom() {
        LlmProvider onWeb1 = replica("web-1", 1);
        LlmProvider onWeb2 = replica("web-2", 1);
        onWeb1.generate(PROMPT, time.instant().plus(Duration.ofSeconds(30)));

        assertThatThrownBy(() -> onWeb2.generate(PROMPT, time.instant().plus(Duration.ofSeconds(30))))
                .isInstanceOf(RateLimitedLocallyException.class)
                .hasMessageContaining("ALPHA_RPM=1 has no room for 1 request before the deadline (room in 60.0 s, the deadline in 30.0 s)");
        assertThat(received).hasSize(1);
    }

    @Test
    void redisLostMidRunEachReplicaKeepsTheLimitOnItsOwnAndWarns() {
        LlmProvider onWeb1 = replica("web-1", 6);
        onWeb1.generate(PROMPT, time.instant().plus(Duration.ofMinutes(5)));
        SharedState web1 = lastReplica;

        try (CapturedStderr err = CapturedStderr.start()) {
            redis.stop();
            TestRedis.await("web-1 notices", () -> !web1.health().up());
            received.clear();
            Instant lost = time.instant();
            for (int i = 0; i < 12; i++) {
                onWeb1.generate(PROMPT, time.instant().plus(Duration.ofMinutes(5)));
            }

            // Consensus goes on: every call made, and none beyond this replica's own limit.
            assertThat(received).hasSize(12);
            assertThat(mostInAnyMinute()).isLessThanOrEqualTo(6);
            assertThat(Duration.between(lost, received.get(11))).isEqualTo(Duration.ofSeconds(132));
            assertThat(err.text()).contains("WARN dev.llmservice.redis.OutageLog - shared state " + redis.url()
                    + " cannot be reached since ").contains("rate limits and the consensus cache are this replica's "
                    + "alone (warned at most once a minute)");
        }
    }
}
