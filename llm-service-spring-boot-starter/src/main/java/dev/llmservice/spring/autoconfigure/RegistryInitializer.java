package dev.llmservice.spring.autoconfigure;

import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.status.StatusSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Fills the registry from the environment once every singleton exists and before any lifecycle bean starts,
 * so the web server never serves a request against an empty registry: the design's Django {@code ready()}.
 * The factory logs one line per provider (state, model, masked key).
 */
public class RegistryInitializer implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryInitializer.class);

    private final ProviderFactory factory;
    private final ProviderRegistry registry;

    public RegistryInitializer(ProviderFactory factory, ProviderRegistry registry) {
        this.factory = factory;
        this.registry = registry;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long start = System.nanoTime();
        factory.initializeRegistry(registry);
        StatusSummary.Totals totals = StatusSummary.of(registry).registry();
        LOG.info("{} LLM providers registered, {} available, overrides from {} ({} ms)",
                totals.totalProviders(), totals.availableProviders(), factory.overrides().location(),
                (System.nanoTime() - start) / 1_000_000);
        if (totals.availableProviders() == 0) {
            LOG.warn("no LLM provider is available: set at least one of the providers' *_API_KEY variables");
        }
    }
}
