package dev.llmservice.spring.testapp;

import dev.llmservice.config.Environment;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.testing.FakeVendor;
import dev.llmservice.testing.MutableEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Four fake provider types and a provider of each (LLM_PROVIDERS): alpha and beta configured, gamma without a key,
 * delta with an invalid weight.
 * Declared as beans, so they replace whatever real types are on the class path.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FakeProviders {

    /** Distinctive keys: no response may ever contain them. */
    public static final String ALPHA_KEY = "sk-alpha-DISTINCTIVE-KEY-kQvXzJwMhBnRcdef";
    public static final String BETA_KEY = "sk-beta-DISTINCTIVE-KEY-yTrEwQpLmNbVxC3210";
    public static final String DELTA_KEY = "sk-delta-DISTINCTIVE-KEY-hGfDsAzXcVbN5566";

    /** The decision journal of every test context that uses these variables: a file of this test run's own. */
    public static final Path JOURNAL;

    static {
        try {
            JOURNAL = Files.createTempDirectory("llm-journal").resolve("journal.db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The providers' variables. The consensus cache is off: the tests ask the same market data again under other
     * scripts, and each asks the providers ({@code ConsensusCacheIntegrationTest} has it on).
     */
    public static final Map<String, String> VARIABLES = Map.of(
            "LLM_CONSENSUS_CACHE_TTL", "0",
            "LLM_PROVIDERS", "alpha,beta,gamma,delta",
            "LLM_JOURNAL_URL", "jdbc:sqlite:" + JOURNAL,
            "ALPHA_API_KEY", ALPHA_KEY,
            "ALPHA_MODEL", "alpha-large",
            "BETA_API_KEY", BETA_KEY,
            "DELTA_API_KEY", DELTA_KEY,
            "DELTA_WEIGHT", "7");

    @Bean
    FakeVendor fakeVendor() {
        return new FakeVendor();
    }

    @Bean
    MutableEnvironment providerVariables() {
        return new MutableEnvironment(VARIABLES);
    }

    @Bean
    ProviderType alpha(FakeVendor vendor) {
        return vendor.type("alpha");
    }

    @Bean
    ProviderType beta(FakeVendor vendor) {
        return vendor.type("beta");
    }

    @Bean
    ProviderType gamma(FakeVendor vendor) {
        return vendor.type("gamma");
    }

    @Bean
    ProviderType delta(FakeVendor vendor) {
        return vendor.type("delta");
    }
}
