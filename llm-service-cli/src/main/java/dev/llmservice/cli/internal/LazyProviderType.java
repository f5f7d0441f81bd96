package dev.llmservice.cli.internal;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.provider.ProviderTypes;
import dev.llmservice.provider.RetryListener;

import java.time.Duration;
import java.time.Instant;

/**
 * A provider type whose providers build their vendor client only when first asked to talk to the vendor.
 *
 * <p>Why: the registry needs a provider instance for every configured provider, but {@code --status} and
 * {@code --enable} never call one, and building the LangChain4j clients of four providers costs several hundred
 * milliseconds of class loading, more than the whole start-up budget of {@code --status}. The price: a
 * configuration that passes validation but that the client library still refuses is reported when the
 * provider is first used ({@code --test}, {@code --health-check}), not by {@code --status}.
 */
public final class LazyProviderType {

    private LazyProviderType() {
    }

    /** {@code type}, except that its providers build their vendor client on first use. */
    public static ProviderType of(ProviderType type) {
        return ProviderTypes.withCreator(type, config -> new LazyProvider(type, config));
    }

    /** Thread-safe: the client is built at most once, under this object's lock; building does no network I/O. */
    private static final class LazyProvider implements LlmProvider {
        private final ProviderType type;
        private final ProviderConfig config;
        private LlmProvider built;
        private RuntimeException refused;

        LazyProvider(ProviderType type, ProviderConfig config) {
            this.type = type;
            this.config = config;
        }

        @Override
        public ProviderConfig config() {
            return config;
        }

        @Override
        public GenerationResult generate(GenerationRequest request) {
            return provider().generate(request);
        }

        // Both overloads passed on as they came: the interface's defaults would drop the deadline and the listener.
        @Override
        public GenerationResult generate(GenerationRequest request, Instant deadline) {
            return provider().generate(request, deadline);
        }

        @Override
        public GenerationResult generate(GenerationRequest request, Instant deadline, RetryListener onRetry) {
            return provider().generate(request, deadline, onRetry);
        }

        @Override
        public GenerationResult stream(GenerationRequest request, java.util.function.Consumer<String> onText) {
            return provider().stream(request, onText);
        }

        @Override
        public boolean supportsJsonMode() {
            try {
                return provider().supportsJsonMode();
            } catch (ProviderException e) {
                return false;
            }
        }

        @Override
        public HealthCheckResult healthCheck() {
            LlmProvider p;
            try {
                p = provider();
            } catch (ProviderException e) {
                return HealthCheckResult.unhealthy(config.name(), Duration.ZERO, e.kind(), e.getMessage(), Instant.now());
            }
            return p.healthCheck();
        }

        private synchronized LlmProvider provider() {
            if (built == null && refused == null) {
                try {
                    built = type.create(config);
                } catch (RuntimeException e) {
                    refused = e;
                }
            }
            if (refused != null) {
                throw new ProviderException(config.name(), FailureKind.OTHER, 0,
                        "the " + type.displayName() + " client refused the configuration: " + safeMessage(refused),
                        null);
            }
            return built;
        }

        private String safeMessage(RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            String key = config.revealApiKey();
            return key == null ? message : message.replace(key, config.maskedApiKey());
        }

        @Override
        public String toString() {
            return "LazyProvider[" + config + "]";
        }
    }
}
