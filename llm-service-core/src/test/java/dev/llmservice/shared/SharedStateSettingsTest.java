package dev.llmservice.shared;

import dev.llmservice.config.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedStateSettingsTest {

    private static SharedStateSettings load(Map<String, String> env) {
        return SharedStateSettings.load(Environment.of(env));
    }

    @Test
    void unsetMeansNothingSharedAndTheReplicaIsHostColonPid() {
        SharedStateSettings settings = load(Map.of("HOSTNAME", "web-2"));

        assertThat(settings.shared()).isFalse();
        assertThat(settings.replicaId()).isEqualTo("web-2:" + ProcessHandle.current().pid());
        assertThat(load(Map.of("LLM_INSTANCE_ID", "eu-west-a")).replicaId()).isEqualTo("eu-west-a");
    }

    @Test
    void aFullUrlGivesTlsUserPasswordAndDatabaseAndNeverShowsThePassword() {
        StateUrl url = load(Map.of("LLM_STATE_URL", "rediss://bot:s3cr%40t-pw@redis.internal:6380/2")).url();

        assertThat(url).isEqualTo(new StateUrl(true, "redis.internal", 6380, 2, "bot", "s3cr@t-pw"));
        assertThat(url.location()).isEqualTo("rediss://bot:\u2026@redis.internal:6380/2");
        assertThat(url.toString()).doesNotContain("s3cr");
    }

    @Test
    void portAndDatabaseDefaultAndAPasswordMayComeWithoutAUser() {
        StateUrl url = StateUrl.parse("redis://:only-pw@127.0.0.1");

        assertThat(url).isEqualTo(new StateUrl(false, "127.0.0.1", 6379, 0, null, "only-pw"));
        assertThat(url.location()).isEqualTo("redis://:\u2026@127.0.0.1:6379/0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://redis:6379|its scheme must be redis or rediss",
            "redis://user:hunter-pw@redis:6379/x|the path must be a database number (/0)",
            "redis://user:hunter-pw@:6379|no host",
            "redis://user:hunter-pw@redis:6379/0?timeout=1|no ?query or #fragment is accepted",
            "redis://user:hunter pw@redis:6379|not a URL",
    })
    void anUnparseableUrlIsOneProblemNamingTheVariableWithThePasswordMasked(String value, String why) {
        assertThatThrownBy(() -> load(Map.of("LLM_STATE_URL", value)))
                .isInstanceOf(InvalidSharedStateSettingsException.class)
                .hasMessage("LLM_STATE_URL was '" + StateUrl.redact(value) + "' but it must be "
                        + StateUrl.ACCEPTED + " (" + why + ")")
                .hasMessageNotContaining("hunter");
    }

    @Test
    void aBadInstanceIdIsNamedToo() {
        assertThatThrownBy(() -> load(Map.of("LLM_INSTANCE_ID", "web 2")))
                .isInstanceOf(InvalidSharedStateSettingsException.class)
                .hasMessage("LLM_INSTANCE_ID was 'web 2' but it must be 1 to 64 letters, digits, '.', '_', ':' or '-'");
    }

    @Test
    void aUrlWithoutTheRedisModuleOnTheClassPathIsAClearErrorWithoutThePassword() {
        assertThatThrownBy(() -> SharedStates.open(Environment.of(Map.of("LLM_STATE_URL",
                "redis://bot:hunter-pw@redis:6379")), Clock.systemUTC()))
                .isInstanceOf(SharedStateException.class)
                .hasMessage("LLM_STATE_URL is redis://bot:\u2026@redis:6379/0 but no shared state implementation is on "
                        + "the class path: add the llm-service-redis module, or unset LLM_STATE_URL");
    }

    @Test
    void withoutAUrlTheStateIsLocalOverTheStateFile() {
        try (SharedState state = SharedStates.open(Environment.of(Map.of("LLM_STATE_FILE", "/tmp/x/state.json",
                "LLM_INSTANCE_ID", "one")), Clock.systemUTC())) {
            assertThat(state.shared()).isFalse();
            assertThat(state.overrides().location()).isEqualTo("/tmp/x/state.json");
            assertThat(state.health()).isEqualTo(new SharedStateHealth(true, "local", "one", null));
        }
    }
}
