package dev.llmservice.bench;

import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.LlmProvider;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.ProviderType;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * Four provider types named like the built-ins, for bench/cli-startup.sh while the jar has no built-in types
 * of its own: they cost what the ServiceLoader look-up and the configuration of four providers cost, and
 * nothing of a vendor client. Never used by the tests.
 */
public final class BenchProviderTypes {

    private BenchProviderTypes() {
    }

    abstract static class Base implements ProviderType {
        private final String name;

        Base(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String displayName() {
            return "Bench " + name;
        }

        @Override
        public String defaultModel() {
            return name + "-bench-model";
        }

        @Override
        public URI defaultBaseUrl() {
            return URI.create("http://127.0.0.1:9/" + name);
        }

        @Override
        public LlmProvider create(ProviderConfig config) {
            return new LlmProvider() {
                @Override
                public ProviderConfig config() {
                    return config;
                }

                @Override
                public GenerationResult generate(GenerationRequest request) {
                    throw new ProviderException(config.name(), FailureKind.OTHER, "bench provider: no generation");
                }

                @Override
                public HealthCheckResult healthCheck() {
                    return HealthCheckResult.healthy(config.name(), Duration.ZERO, Instant.now());
                }
            };
        }
    }

    public static final class Anthropic extends Base {
        public Anthropic() {
            super("anthropic");
        }
    }

    public static final class OpenAi extends Base {
        public OpenAi() {
            super("openai");
        }
    }

    public static final class Gemini extends Base {
        public Gemini() {
            super("gemini");
        }
    }

    public static final class Grok extends Base {
        public Grok() {
            super("grok");
        }
    }
}
