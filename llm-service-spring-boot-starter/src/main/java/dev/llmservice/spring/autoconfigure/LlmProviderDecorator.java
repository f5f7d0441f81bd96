package dev.llmservice.spring.autoconfigure;

import dev.llmservice.provider.LlmProvider;

/**
 * Wraps every provider the auto-configured {@code ProviderFactory} creates, at start-up and at each
 * re-initialisation, without touching vendor code (metrics use this). Declare one as a bean; several are
 * applied in {@code @Order}, the first one outermost.
 *
 * <p>A decorator must keep the {@link LlmProvider} contract: same {@code name()} and {@code config()},
 * {@code healthCheck()} never throws, and no API key in any message.
 */
@FunctionalInterface
public interface LlmProviderDecorator {

    LlmProvider decorate(LlmProvider provider);
}
