package dev.llmservice.spring.state;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.llmservice.config.Environment;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.testing.FakeVendor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

class OverrideFileWatcherTest {

    @TempDir
    Path dir;
    Path file;
    OverrideStore cli;
    ProviderRegistry registry;

    @BeforeEach
    void registry() {
        file = dir.resolve("state.json");
        cli = OverrideStore.file(file);
        registry = factory(OverrideStore.file(file)).initializeRegistry();
    }

    ProviderFactory factory(OverrideStore store) {
        FakeVendor vendor = new FakeVendor();
        return ProviderFactory.builder()
                .types(List.of(vendor.type("alpha"), vendor.type("beta")))
                .environment(Environment.of(Map.of("LLM_PROVIDERS", "alpha,beta",
                        "ALPHA_API_KEY", "sk-alpha-kQvXzJwMhB", "BETA_API_KEY", "sk-b-kQvXzJwMh")))
                .overrides(store)
                .build();
    }

    @Test
    void appliesOnlyWhatChangedInTheFile() {
        OverrideFileWatcher watcher = new OverrideFileWatcher(OverrideStore.file(file), registry, Duration.ZERO);
        assertThat(watcher.poll()).isZero();

        cli.set("beta", false);
        assertThat(watcher.poll()).isEqualTo(1);
        assertThat(registry.get("beta").available()).isFalse();
        assertThat(watcher.poll()).isZero();

        registry.disable("alpha");  // in memory only: the file says nothing new about alpha
        cli.set("beta", null);
        assertThat(watcher.poll()).isEqualTo(1);
        assertThat(registry.get("beta").available()).isTrue();
        assertThat(registry.get("alpha").available()).isFalse();
    }

    /**
     * The server writes an override (REST --disable) and the CLI on the host puts the file back within one poll:
     * the file then reads exactly as the watcher last saw it, yet the server's registry is stale.
     */
    @Test
    void aChangeBackInTheFileWithinOnePollOfTheServersOwnWriteIsApplied() {
        ObservableOverrideStore serverStore = ObservableOverrideStore.of(OverrideStore.file(file));
        ProviderFactory server = factory(serverStore);
        ProviderRegistry serverRegistry = server.initializeRegistry();
        OverrideFileWatcher watcher = OverrideFileWatcher.watching(serverStore, serverRegistry, Duration.ZERO);
        assertThat(watcher.poll()).isZero();

        server.disable(serverRegistry, "beta");
        cli.set("beta", null);
        assertThat(watcher.poll()).isEqualTo(1);
        assertThat(serverRegistry.get("beta").available()).isTrue();
        assertThat(serverRegistry.get("beta").override()).isNull();

        server.enable(serverRegistry, "alpha");
        cli.set("alpha", false);
        server.clearOverride(serverRegistry, "beta");
        assertThat(watcher.poll()).isEqualTo(1);
        assertThat(serverRegistry.get("alpha").available()).isFalse();

        cli.set("alpha", null);
        server.disable(serverRegistry, "alpha");
        cli.set("alpha", true);
        assertThat(watcher.poll()).isEqualTo(1);
        assertThat(serverRegistry.get("alpha").override()).isTrue();
    }

    /** The server's own write, left as it is, is not applied a second time by the next poll. */
    @Test
    void theServersOwnWriteIsNotAChangeForTheNextPoll() {
        ObservableOverrideStore serverStore = ObservableOverrideStore.of(OverrideStore.file(file));
        ProviderFactory server = factory(serverStore);
        ProviderRegistry serverRegistry = server.initializeRegistry();
        OverrideFileWatcher watcher = OverrideFileWatcher.watching(serverStore, serverRegistry, Duration.ZERO);
        watcher.poll();
        List<String> applied = new ArrayList<>();
        serverRegistry.addListener(e -> applied.add(e.name()));

        server.disable(serverRegistry, "beta");
        server.clearOverride(serverRegistry, "alpha");
        applied.clear();

        assertThat(watcher.poll()).isZero();
        assertThat(applied).isEmpty();
        assertThat(serverRegistry.get("beta").override()).isFalse();
    }

    /** Before its first poll the watcher has read nothing: that poll applies the whole file, writes included. */
    @Test
    void aWriteBeforeTheFirstPollIsLeftToThatPoll() {
        ObservableOverrideStore serverStore = ObservableOverrideStore.of(OverrideStore.file(file));
        OverrideFileWatcher watcher = OverrideFileWatcher.watching(serverStore, registry, Duration.ZERO);

        serverStore.set("beta", false);

        assertThat(watcher.poll()).isEqualTo(1);
        assertThat(registry.get("beta").available()).isFalse();
    }

    @Test
    void ignoresUnknownProvidersAndADamagedFile() throws Exception {
        OverrideFileWatcher watcher = new OverrideFileWatcher(OverrideStore.file(file), registry, Duration.ZERO);
        cli.set("nobody", false);
        assertThat(watcher.poll()).isZero();

        Files.writeString(file, "{ not json");
        assertThat(watcher.poll()).isZero();
        assertThat(registry.get("alpha").available()).isTrue();
    }

    /**
     * The issue: after {@code --disable beta}, {@code {}} (or an empty file, or {@code [1]}) in the file made the
     * next poll enable beta again, with a warning at every poll.
     */
    @ParameterizedTest
    @ValueSource(strings = {"{", "", "[1]"})
    void aFileThatCannotBeReadKeepsTheLastGoodOverridesAndIsLoggedOnceUntilReadableAgain(String damaged)
            throws Exception {
        ObservableOverrideStore serverStore = ObservableOverrideStore.of(OverrideStore.file(file));
        ProviderRegistry serverRegistry = factory(serverStore).initializeRegistry();
        OverrideFileWatcher watcher = OverrideFileWatcher.watching(serverStore, serverRegistry, Duration.ZERO);
        cli.set("beta", false);
        assertThat(watcher.poll()).isEqualTo(1);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger logger = (Logger) LoggerFactory.getLogger(ObservableOverrideStore.class);
        logger.addAppender(logs);
        try {
            Files.writeString(file, damaged);
            for (int poll = 0; poll < 5; poll++) {
                assertThat(watcher.poll()).isZero();
            }

            assertThat(serverRegistry.get("beta").override()).isFalse();
            assertThat(serverRegistry.get("beta").available()).isFalse();
            String problem = serverStore.readFailure().orElseThrow().problem();
            assertThat(logs.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                    .containsExactly(tuple(Level.WARN, "state file " + file + ": " + problem + "; its overrides are "
                            + "not applied, those in effect are kept until it can be read again (logged once)"));

            Files.writeString(file,
                    "{\"overrides\": {\"beta\": {\"enabled\": false}, \"alpha\": {\"enabled\": false}}}");
            assertThat(watcher.poll()).isEqualTo(1);
            assertThat(watcher.poll()).isZero();

            assertThat(serverRegistry.get("alpha").available()).isFalse();
            assertThat(serverRegistry.get("beta").override()).isFalse();
            assertThat(serverStore.readFailure()).isEmpty();
            assertThat(logs.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage).last()
                    .isEqualTo(tuple(Level.INFO, "state file " + file + " can be read again; its overrides apply"));
            assertThat(logs.list).hasSize(2);
        } finally {
            logger.detachAppender(logs);
        }
    }

    /** Fixed to say something else than before it broke: only what differs from the last good read is applied. */
    @Test
    void aFileReadableAgainIsComparedWithTheLastGoodRead() throws Exception {
        OverrideFileWatcher watcher = new OverrideFileWatcher(OverrideStore.file(file), registry, Duration.ZERO);
        cli.set("beta", false);
        watcher.poll();
        registry.disable("alpha");  // in memory only, while the file is damaged
        Files.writeString(file, "{");
        watcher.poll();

        Files.writeString(file, "{}");

        assertThat(watcher.poll()).isEqualTo(1);
        assertThat(registry.get("beta").override()).isNull();
        assertThat(registry.get("alpha").available()).isFalse();
    }

    @Test
    void whenStartedPollsOnItsOwnWithinTheInterval() {
        OverrideFileWatcher watcher = new OverrideFileWatcher(OverrideStore.file(file), registry, Duration.ofMillis(50));
        watcher.start();
        try {
            assertThat(watcher.isRunning()).isTrue();
            cli.set("alpha", false);
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
                    .until(() -> !registry.get("alpha").available());
        } finally {
            watcher.stop();
        }
        assertThat(watcher.isRunning()).isFalse();
    }

    @Test
    void aZeroIntervalNeverStarts() {
        OverrideFileWatcher watcher = new OverrideFileWatcher(OverrideStore.file(file), registry, Duration.ZERO);
        watcher.start();
        assertThat(watcher.isRunning()).isFalse();
    }
}
