package dev.llmservice.registry.internal;

import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.registry.ProviderState;
import dev.llmservice.registry.RegistryEvent;
import dev.llmservice.registry.StateSource;
import dev.llmservice.registry.UnknownProviderException;
import dev.llmservice.testing.Entries;
import dev.llmservice.testing.FakeProviderType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class InMemoryProviderRegistryTest {

    private final FakeProviderType anthropic = FakeProviderType.anthropic();
    private final FakeProviderType openai = FakeProviderType.openai();
    private final FakeProviderType gemini = FakeProviderType.gemini();
    private final FakeProviderType grok = FakeProviderType.grok();

    private ProviderRegistry registry;
    private final List<RegistryEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void fill() {
        registry = new InMemoryProviderRegistry();
        registry.replaceAll(List.of(
                Entries.configured(anthropic),
                Entries.configured(openai, "OPENAI_ENABLED", "false"),
                Entries.notConfigured(gemini),
                Entries.misconfigured(grok)));
        registry.addListener(events::add);
    }

    @Test
    void snapshotKeepsRegistrationOrder() {
        assertThat(registry.names()).containsExactly("anthropic", "openai", "gemini", "grok");
        assertThat(registry.snapshot()).extracting(ProviderEntry::state).containsExactly(
                ProviderState.ENABLED, ProviderState.DISABLED, ProviderState.NOT_CONFIGURED, ProviderState.MISCONFIGURED);
    }

    @Test
    void lookupsIgnoreCaseAndSurroundingSpace() {
        assertThat(registry.get("ANTHROPIC").name()).isEqualTo("anthropic");
        assertThat(registry.find(" Grok ")).map(ProviderEntry::name).contains("grok");
        assertThat(registry.provider("OpenAI")).isPresent();
    }

    @Test
    void findOfAnUnknownOrNullNameIsEmpty() {
        assertThat(registry.find("mistral")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
    }

    @Test
    void getOfAnUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> registry.get("mistral"))
                .isInstanceOf(UnknownProviderException.class)
                .hasMessage("unknown provider 'mistral'; expected one of: anthropic, openai, gemini, grok");
    }

    @Test
    void enablingAnUnknownNameListsTheKnownOnesAndChangesNothing() {
        assertThatThrownBy(() -> registry.enable("mistral"))
                .isInstanceOf(UnknownProviderException.class)
                .hasMessageContaining("expected one of: anthropic, openai, gemini, grok");
        assertThat(events).isEmpty();
    }

    @Test
    void providerGivesTheInstanceOfConfiguredProvidersEnabledOrNot() {
        assertThat(registry.provider("anthropic")).isPresent();
        assertThat(registry.provider("openai")).isPresent();
        assertThat(registry.provider("gemini")).isEmpty();
        assertThat(registry.provider("grok")).isEmpty();
    }

    @Test
    void availableHoldsOnlyEnabledProviders() {
        assertThat(registry.available()).extracting(p -> p.name()).containsExactly("anthropic");
    }

    @Test
    void disableMakesAProviderUnavailable() {
        ProviderEntry after = registry.disable("anthropic");

        assertThat(after.state()).isEqualTo(ProviderState.DISABLED);
        assertThat(after.stateSource()).isEqualTo(StateSource.OVERRIDE);
        assertThat(registry.available()).isEmpty();
    }

    @Test
    void enableOverridesEnabledFalseFromTheEnvironment() {
        registry.enable("openai");

        assertThat(registry.available()).extracting(p -> p.name()).containsExactly("anthropic", "openai");
        assertThat(registry.get("openai").stateSource()).isEqualTo(StateSource.OVERRIDE);
    }

    @Test
    void enableCannotMakeAnUnconfiguredOrMisconfiguredProviderAvailable() {
        registry.enable("gemini");
        registry.enable("grok");

        assertThat(registry.get("gemini").state()).isEqualTo(ProviderState.NOT_CONFIGURED);
        assertThat(registry.get("grok").state()).isEqualTo(ProviderState.MISCONFIGURED);
        assertThat(registry.available()).extracting(p -> p.name()).containsExactly("anthropic");
    }

    @Test
    void clearingTheOverrideReturnsToTheEnvironment() {
        registry.enable("openai");

        registry.setOverride("openai", null);

        assertThat(registry.get("openai").state()).isEqualTo(ProviderState.DISABLED);
        assertThat(registry.get("openai").stateSource()).isEqualTo(StateSource.ENVIRONMENT);
    }

    @Test
    void aChangePublishesReplacedWithBeforeAndAfter() {
        registry.disable("Anthropic");

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(RegistryEvent.Type.REPLACED);
            assertThat(e.name()).isEqualTo("anthropic");
            assertThat(e.previous().state()).isEqualTo(ProviderState.ENABLED);
            assertThat(e.current().state()).isEqualTo(ProviderState.DISABLED);
        });
    }

    @Test
    void replaceAllPublishesRemovedReplacedAndAdded() {
        registry.replaceAll(List.of(Entries.configured(openai), Entries.configured(gemini)));

        assertThat(events).extracting(RegistryEvent::type, RegistryEvent::name).containsExactlyInAnyOrder(
                tuple(RegistryEvent.Type.REMOVED, "anthropic"),
                tuple(RegistryEvent.Type.REPLACED, "openai"),
                tuple(RegistryEvent.Type.REPLACED, "gemini"),
                tuple(RegistryEvent.Type.REMOVED, "grok"));
        assertThat(registry.names()).containsExactly("openai", "gemini");
    }

    @Test
    void replaceAllIntoAnEmptyRegistryPublishesAddedInOrder() {
        ProviderRegistry fresh = new InMemoryProviderRegistry();
        List<RegistryEvent> seen = new ArrayList<>();
        fresh.addListener(seen::add);

        fresh.replaceAll(List.of(Entries.configured(grok), Entries.configured(anthropic)));

        assertThat(seen).extracting(RegistryEvent::type, RegistryEvent::name).containsExactly(
                tuple(RegistryEvent.Type.ADDED, "grok"), tuple(RegistryEvent.Type.ADDED, "anthropic"));
        assertThat(seen).allSatisfy(e -> assertThat(e.previous()).isNull());
    }

    @Test
    void removedEventCarriesTheOldEntryOnly() {
        registry.replaceAll(List.of());

        assertThat(events).hasSize(4).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo(RegistryEvent.Type.REMOVED);
            assertThat(e.previous()).isNotNull();
            assertThat(e.current()).isNull();
        });
        assertThat(registry.snapshot()).isEmpty();
    }

    @Test
    void duplicateNamesAreRejectedAndTheRegistryIsUnchanged() {
        List<ProviderEntry> before = registry.snapshot();

        assertThatThrownBy(() -> registry.replaceAll(List.of(Entries.configured(grok), Entries.notConfigured(FakeProviderType.grok()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two providers are named 'grok'");
        assertThat(registry.snapshot()).isEqualTo(before);
        assertThat(events).isEmpty();
    }

    @Test
    void aThrowingListenerNeitherUndoesTheChangeNorSilencesOtherListeners() {
        ProviderRegistry fresh = new InMemoryProviderRegistry();
        fresh.replaceAll(List.of(Entries.configured(grok)));
        List<RegistryEvent> seen = new ArrayList<>();
        fresh.addListener(e -> {
            throw new IllegalStateException("listener bug");
        });
        fresh.addListener(seen::add);

        ProviderEntry after = fresh.disable("grok");

        assertThat(after.state()).isEqualTo(ProviderState.DISABLED);
        assertThat(fresh.get("grok").state()).isEqualTo(ProviderState.DISABLED);
        assertThat(seen).hasSize(1);
    }

    @Test
    void recordHealthAttachesTheResultToItsProvider() {
        HealthCheckResult result = HealthCheckResult.unhealthy("anthropic", Duration.ofMillis(12),
                FailureKind.RATE_LIMITED, "429", Instant.EPOCH);

        registry.recordHealth(result);

        assertThat(registry.get("anthropic").lastHealth()).isEqualTo(result);
        assertThat(registry.get("anthropic").state()).isEqualTo(ProviderState.ENABLED);
    }

    @Test
    void recordHealthOfAnUnknownProviderIsIgnored() {
        registry.recordHealth(HealthCheckResult.healthy("mistral", Duration.ZERO, Instant.EPOCH));

        assertThat(registry.names()).containsExactly("anthropic", "openai", "gemini", "grok");
        assertThat(events).isEmpty();
    }

    @Test
    void overrideAndHealthAreBothKeptAcrossChanges() {
        HealthCheckResult result = HealthCheckResult.healthy("anthropic", Duration.ofMillis(1), Instant.EPOCH);

        registry.recordHealth(result);
        registry.disable("anthropic");

        assertThat(registry.get("anthropic").lastHealth()).isEqualTo(result);
        assertThat(registry.get("anthropic").override()).isFalse();
    }

    @Test
    void snapshotIsNotChangedByLaterChanges() {
        List<ProviderEntry> before = registry.snapshot();

        registry.disable("anthropic");

        assertThat(before.get(0).state()).isEqualTo(ProviderState.ENABLED);
        assertThatThrownBy(() -> before.add(before.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    /**
     * A writer swaps between a four-provider set (every model "gen-a") and a two-provider set (every model
     * "gen-b"); readers must only ever see one whole set. Bounded: the writer stops after enough reads have
     * overlapped its swaps, or after a fixed number of swaps.
     */
    @Test
    void concurrentReaderNeverSeesAMixOfTwoReplaceAlls() throws Exception {
        List<ProviderEntry> a = List.of(
                Entries.configured(anthropic, "ANTHROPIC_MODEL", "gen-a"), Entries.configured(openai, "OPENAI_MODEL", "gen-a"),
                Entries.configured(gemini, "GEMINI_MODEL", "gen-a"), Entries.configured(grok, "GROK_MODEL", "gen-a"));
        List<ProviderEntry> b = List.of(
                Entries.configured(grok, "GROK_MODEL", "gen-b"), Entries.configured(openai, "OPENAI_MODEL", "gen-b"));
        ProviderRegistry shared = new InMemoryProviderRegistry();
        shared.replaceAll(a);
        int readers = 2;
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<String> mix = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            for (int r = 0; r < readers; r++) {
                pool.submit(() -> {
                    while (!done.get()) {
                        List<String> models = shared.snapshot().stream().map(e -> e.config().model()).toList();
                        List<String> available = shared.available().stream().map(p -> p.config().model()).toList();
                        for (List<String> seen : List.of(models, available)) {
                            if (!seen.equals(List.of("gen-a", "gen-a", "gen-a", "gen-a"))
                                    && !seen.equals(List.of("gen-b", "gen-b"))) {
                                mix.compareAndSet(null, seen.toString());
                            }
                        }
                        reads.incrementAndGet();
                    }
                });
            }
            for (int i = 0; i < 500_000 && reads.get() < 20_000 && mix.get() == null; i++) {
                shared.replaceAll(i % 2 == 0 ? b : a);
            }
        } finally {
            done.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(mix.get()).as("a snapshot mixing two sets").isNull();
        assertThat(reads.get()).isPositive();
    }

    /** recordHealth is documented to ignore unknown names; that must hold while the provider comes and goes. */
    @Test
    void recordHealthNeverThrowsWhileTheProviderIsBeingRemoved() throws Exception {
        List<ProviderEntry> with = List.of(Entries.configured(anthropic), Entries.configured(grok));
        List<ProviderEntry> without = List.of(Entries.configured(anthropic));
        ProviderRegistry shared = new InMemoryProviderRegistry();
        shared.replaceAll(with);
        HealthCheckResult result = HealthCheckResult.healthy("grok", Duration.ofMillis(1), Instant.EPOCH);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger records = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> {
                while (!done.get()) {
                    try {
                        shared.recordHealth(result);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                    records.incrementAndGet();
                }
            });
            for (int i = 0; i < 500_000 && records.get() < 50_000 && failure.get() == null; i++) {
                shared.replaceAll(i % 2 == 0 ? without : with);
            }
        } finally {
            done.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(failure.get()).isNull();
        assertThat(records.get()).isPositive();
    }
}
