package dev.llmservice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmservice.cli.testing.Cli;
import dev.llmservice.redis.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code llm-providers} with {@code LLM_STATE_URL}: overrides in a real Redis, shared with the servers. */
class SharedStateCommandTest {

    private static final String N = System.lineSeparator();

    @TempDir
    Path tmp;

    TestRedis redis;
    Cli cli;

    @BeforeEach
    void providers() {
        redis = TestRedis.start();
        cli = new Cli(tmp, Cli.fakeBuiltIns())
                .set("GROK_API_KEY", "xai-shared-kQvXzJwMhBnRyPcdef")
                .set("LLM_STATE_URL", redis.url());
    }

    @AfterEach
    void stop() {
        redis.close();
    }

    @Test
    void disableWritesTheOverrideToRedisAndTheNextInvocationSeesItThere() {
        Cli.Result r = cli.run("--disable", "grok");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("grok: disabled (override); stored in " + redis.url() + N);
        String stored = redis.commands(c -> c.hget("llm:overrides", "grok"));
        assertThat(stored).startsWith("{\"enabled\":false,");

        JsonNode status = cli.run("--status", "--json").json();
        assertThat(status.get("state_file").asText()).isEqualTo(redis.url());
        assertThat(status.at("/providers/3/state").asText()).isEqualTo("disabled");
        assertThat(status.at("/providers/3/state_source").asText()).isEqualTo("override");
    }

    @Test
    void redisDownIsOneLineNamingItAndExitOneAndAWriteChangesNothing() {
        redis.stop();

        Cli.Result status = cli.run("--status");
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.err()).startsWith("llm-providers: shared state " + redis.url() + ": cannot be reached (")
                .endsWith("Connection refused); the overrides last read stay in effect; its overrides are not "
                        + "applied" + N)
                .hasLineCount(1);

        Cli.Result disable = cli.run("--disable", "grok");
        assertThat(disable.exitCode()).isEqualTo(1);
        assertThat(disable.err()).startsWith("llm-providers: error: shared state " + redis.url()
                + ": cannot be reached (").endsWith("Connection refused); nothing was changed" + N);
    }

    @Test
    void redisDownAfterADisableTheStatusAppliesTheOverridesLastReadFromRedis() {
        assertThat(cli.run("--disable", "grok").exitCode()).isZero();
        redis.stop();

        Cli.Result status = cli.run("--status", "--json");

        // The local mirror (LLM_STATE_FILE) keeps grok disabled rather than failing open.
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.json().at("/providers/3/state").asText()).isEqualTo("disabled");
        assertThat(status.err()).startsWith("llm-providers: shared state " + redis.url() + ": cannot be reached (")
                .endsWith("Connection refused); the overrides last read stay in effect" + N)
                .hasLineCount(1);
    }

    @Test
    void anUnparseableUrlIsOneLineNamingTheVariableWithThePasswordMaskedAndExitTwo() {
        Cli.Result r = cli.set("LLM_STATE_URL", "redis://bot:hunter-Kq7z@redis:6379/zero").run("--status");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("llm-providers: LLM_STATE_URL was 'redis://bot:\u2026@redis:6379/zero' but it "
                + "must be redis://[user:password@]host:port[/db] (rediss:// for TLS), e.g. "
                + "redis://redis.internal:6379/0 (the path must be a database number (/0))" + N);
    }
}
