package dev.llmservice.redis;

import dev.llmservice.config.Environment;
import dev.llmservice.redis.testing.TestRedis;
import dev.llmservice.shared.SharedState;
import dev.llmservice.shared.SharedStates;
import dev.llmservice.testing.CapturedStderr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Overrides shared by two replicas (two shared states in one JVM) through a real Redis. */
class RedisOverridesTest {

    private TestRedis redis;
    private SharedState web1;
    private SharedState web2;

    @TempDir
    Path tmp;

    /** A replica called {@code id} on {@code redis}, its state file (the overrides' local mirror) {@code dir/ID.json}. */
    static SharedState replica(TestRedis redis, String id, Clock clock, Path dir) {
        return SharedStates.open(Environment.of(Map.of("LLM_STATE_URL", redis.url(), "LLM_INSTANCE_ID", id,
                "LLM_STATE_FILE", dir.resolve(id + ".json").toString())), clock);
    }

    @BeforeEach
    void start() {
        redis = TestRedis.fromEnvironmentOrStart();
        web1 = replica(redis, "web-1", Clock.systemUTC(), tmp);
        web2 = replica(redis, "web-2", Clock.systemUTC(), tmp);
    }

    @AfterEach
    void stop() {
        web1.close();
        web2.close();
        redis.close();
    }

    @Test
    void anOverrideOneReplicaWritesIsAnnouncedToTheOtherWhichReadsIt() {
        AtomicInteger told = new AtomicInteger();
        web2.overrides().subscribe(told::incrementAndGet);

        web1.overrides().set("Grok", false);

        TestRedis.await("web-2 told of the change", () -> told.get() > 0);
        assertThat(web2.overrides().load()).isEqualTo(Map.of("grok", false));
        assertThat(web2.overrides().readFailure()).isEmpty();
        String stored = redis.commands(c -> c.hget("llm:overrides", "grok"));
        assertThat(stored).startsWith("{\"enabled\":false,\"updated_at\":");

        web1.overrides().set("grok", null);
        TestRedis.await("web-2 told of the clear", () -> told.get() > 1);
        assertThat(web2.overrides().load()).isEmpty();
    }

    @Test
    void aMalformedValueIsIgnoredWithOneWarningNamingTheKeyAndTheLastGoodValueStays() {
        web1.overrides().set("grok", false);
        web1.overrides().set("openai", true);
        assertThat(web2.overrides().load()).isEqualTo(Map.of("grok", false, "openai", true));

        redis.commands(c -> c.hset("llm:overrides", "grok", "maybe"));
        redis.commands(c -> c.hset("llm:overrides", "gemini", "{\"enabled\": \"no\"}"));
        try (CapturedStderr err = CapturedStderr.start()) {
            assertThat(web2.overrides().load()).isEqualTo(Map.of("grok", false, "openai", true));
            assertThat(web2.overrides().load()).isEqualTo(Map.of("grok", false, "openai", true));

            assertThat(err.text().lines().filter(l -> l.contains("llm:overrides field grok")).toList()).singleElement()
                    .asString().contains("WARN").contains("malformed value").contains("grok stays disabled");
            assertThat(err.text()).contains("llm:overrides field gemini").contains("no override for gemini");
        }
    }

    @Test
    void statusShowsWhereTheOverridesAreAndTheReplica() {
        assertThat(web1.overrides().location()).isEqualTo(redis.url());
        assertThat(web1.health().up()).isTrue();
        assertThat(web1.health().replicaId()).isEqualTo("web-1");
        assertThat(web1.health().location()).isEqualTo(web1.overrides().location());
    }
}
