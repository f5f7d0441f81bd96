package dev.llmservice.registry;

import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.testing.Entries;
import dev.llmservice.testing.FakeProviderType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderEntryTest {

    private final FakeProviderType grok = FakeProviderType.grok();

    @Test
    void configuredWithoutEnabledVariableIsEnabledByDefault() {
        ProviderEntry e = Entries.configured(grok);

        assertThat(e.state()).isEqualTo(ProviderState.ENABLED);
        assertThat(e.stateSource()).isEqualTo(StateSource.DEFAULT);
        assertThat(e.available()).isTrue();
    }

    @Test
    void enabledFalseInTheEnvironmentDisables() {
        ProviderEntry e = Entries.configured(grok, "GROK_ENABLED", "false");

        assertThat(e.state()).isEqualTo(ProviderState.DISABLED);
        assertThat(e.stateSource()).isEqualTo(StateSource.ENVIRONMENT);
        assertThat(e.available()).isFalse();
        assertThat(e.providerInstance()).isPresent();
    }

    @Test
    void enabledTrueInTheEnvironmentIsAttributedToIt() {
        assertThat(Entries.configured(grok, "GROK_ENABLED", "yes").stateSource()).isEqualTo(StateSource.ENVIRONMENT);
    }

    @Test
    void overrideWinsOverTheEnvironment() {
        ProviderEntry offInEnv = Entries.configured(grok, "GROK_ENABLED", "false");
        ProviderEntry onInEnv = Entries.configured(grok, "GROK_ENABLED", "true");

        assertThat(offInEnv.withOverride(true).state()).isEqualTo(ProviderState.ENABLED);
        assertThat(onInEnv.withOverride(false).state()).isEqualTo(ProviderState.DISABLED);
        assertThat(onInEnv.withOverride(false).stateSource()).isEqualTo(StateSource.OVERRIDE);
    }

    @Test
    void clearingTheOverrideReturnsToTheEnvironment() {
        ProviderEntry e = Entries.configured(grok, "GROK_ENABLED", "false").withOverride(true).withOverride(null);

        assertThat(e.state()).isEqualTo(ProviderState.DISABLED);
        assertThat(e.stateSource()).isEqualTo(StateSource.ENVIRONMENT);
    }

    @Test
    void configurationProblemsWinOverAnOverride() {
        ProviderEntry missingKey = Entries.notConfigured(grok).withOverride(true);
        ProviderEntry invalid = Entries.misconfigured(grok).withOverride(true);

        assertThat(missingKey.state()).isEqualTo(ProviderState.NOT_CONFIGURED);
        assertThat(missingKey.stateSource()).isEqualTo(StateSource.CONFIGURATION);
        assertThat(missingKey.available()).isFalse();
        assertThat(invalid.state()).isEqualTo(ProviderState.MISCONFIGURED);
        assertThat(invalid.stateSource()).isEqualTo(StateSource.CONFIGURATION);
        assertThat(invalid.available()).isFalse();
    }

    @Test
    void aProviderInstanceExistsExactlyWhenConfigured() {
        ProviderEntry configured = Entries.configured(grok);

        assertThatThrownBy(() -> new ProviderEntry(grok, configured.config(), null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProviderEntry(grok, Entries.notConfigured(grok).config(), configured.provider(), null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withHealthKeepsTheOverride() {
        HealthCheckResult health = HealthCheckResult.healthy("grok", Duration.ofMillis(3), Instant.EPOCH);

        ProviderEntry e = Entries.configured(grok).withOverride(false).withHealth(health);

        assertThat(e.lastHealth()).isEqualTo(health);
        assertThat(e.override()).isFalse();
    }

    @Test
    void toStringShowsStateAndMaskedKeyOnly() {
        ProviderEntry e = Entries.configured(grok);

        assertThat(e.toString())
                .isEqualTo("ProviderEntry[grok, type=grok, state=enabled, source=default, model=grok-4, apiKey=sk-t\u2026cdef]")
                .doesNotContain(e.provider().config().revealApiKey());
    }

    @Test
    void codesAreTheLowerCaseFormsUsedInJson() {
        assertThat(ProviderState.NOT_CONFIGURED.code()).isEqualTo("not_configured");
        assertThat(StateSource.OVERRIDE.code()).isEqualTo("override");
    }
}
