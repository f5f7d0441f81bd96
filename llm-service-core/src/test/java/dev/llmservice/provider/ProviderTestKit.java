package dev.llmservice.provider;

import dev.llmservice.config.ApiKey;
import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.internal.ChatModelProviderType;
import dev.llmservice.provider.internal.ProviderRuntime;
import dev.llmservice.provider.retry.Sleeper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/** Shared helpers for provider tests: fixtures, configurations, a recording sleeper, a closed port. */
public final class ProviderTestKit {

    /**
     * Distinctive, so that a test can search every message for it; without digit runs, so that no latency, port or
     * date in a message can contain five of its characters in a row by chance.
     */
    public static final String API_KEY = "sk-test-DISTINCTIVE-kQvXzJwMhBnRyPcdef";
    public static final String MASKED_KEY = "sk-t\u2026cdef";
    /** Fixed instant of the test clock. */
    public static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private ProviderTestKit() {
    }

    /** A recorded body from {@code src/test/resources/fixtures} (copies of shared/fixtures). */
    public static String fixture(String name) {
        return resource("/fixtures/" + name);
    }

    /** A hand-written body from {@code src/test/resources/fakes} (no recording exists). */
    public static String fake(String name) {
        return resource("/fakes/" + name);
    }

    private static String resource(String path) {
        try (InputStream in = ProviderTestKit.class.getResourceAsStream(path)) {
            Objects.requireNonNull(in, "no test resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ProviderConfig config(String name, String model, String baseUrl, int maxRetries, Duration timeout) {
        return config(name, model, API_KEY, baseUrl, maxRetries, timeout);
    }

    /** As above, with {@code key} ({@code null}: a provider without one); the provider is named like its type. */
    public static ProviderConfig config(String name, String model, String key, String baseUrl, int maxRetries,
                                        Duration timeout) {
        return new ProviderConfig(name, name, key == null ? null : ApiKey.of(key), true, model, 1.0, 256, 0.3, timeout,
                maxRetries, URI.create(baseUrl));
    }

    /**
     * A provider of {@code type} for {@code config}, its base URL first put in the type's convention as
     * {@link dev.llmservice.config.ProviderConfigLoader} does with {@code P_BASE_URL}: tests point providers at a
     * fake's root, and {@code create} takes the URL as it is.
     */
    public static LlmProvider create(ChatModelProviderType type, ProviderConfig config, ProviderRuntime runtime) {
        return type.create(config.withBaseUrl(type.normalizeBaseUrl(config.baseUrl())), runtime);
    }

    /** {@link #create(ChatModelProviderType, ProviderConfig, ProviderRuntime)} for {@code type}, as a function. */
    public static BiFunction<ProviderConfig, ProviderRuntime, LlmProvider> factory(ChatModelProviderType type) {
        return (config, runtime) -> create(type, config, runtime);
    }

    /** A runtime that records sleeps instead of sleeping, with a fixed clock and mid-range jitter. */
    public static ProviderRuntime runtime(RecordingSleeper sleeper) {
        return new ProviderRuntime(sleeper, Clock.fixed(NOW, ZoneOffset.UTC), System::nanoTime, () -> 0.5);
    }

    /** A local port that nothing listens on (it was free a moment ago). */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Remembers every requested sleep and returns at once. */
    public static final class RecordingSleeper implements Sleeper {
        private final List<Duration> sleeps = new ArrayList<>();

        @Override
        public synchronized void sleep(Duration duration) {
            sleeps.add(duration);
        }

        public synchronized List<Duration> sleeps() {
            return List.copyOf(sleeps);
        }
    }
}
