package dev.llmservice.spring.autoconfigure;

import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.spring.metrics.ConsensusMetrics;
import dev.llmservice.spring.metrics.CostMetrics;
import dev.llmservice.spring.metrics.LlmMetrics;
import dev.llmservice.spring.metrics.MeteredLlmProvider;
import dev.llmservice.journal.DecisionJournal;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Micrometer metrics ({@link LlmMetrics}) when the application has a {@link MeterRegistry}: every provider is
 * wrapped in a {@link MeteredLlmProvider} through an {@link dev.llmservice.spring.autoconfigure.LlmProviderDecorator},
 * so vendor code is untouched.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class LlmMetricsAutoConfiguration {

    /** Outermost, so the timer includes every other decorator's work. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @ConditionalOnMissingBean(name = "llmMetricsProviderDecorator")
    LlmProviderDecorator llmMetricsProviderDecorator(MeterRegistry meters) {
        return provider -> new MeteredLlmProvider(provider, meters);
    }

    @Bean
    @ConditionalOnMissingBean
    ConsensusMetrics llmConsensusMetrics(MeterRegistry meters) {
        return new ConsensusMetrics(meters);
    }

    /** {@code llm_cost_usd_total} of the OpenAI-compatible endpoint's answers (a consensus adds its votes'). */
    @Bean
    @ConditionalOnMissingBean
    CostMetrics llmCostMetrics(MeterRegistry meters) {
        return new CostMetrics(meters);
    }

    /** {@code llm_journal_dropped_total}: consensus results the journal lost (queue full, database down). */
    @Bean
    @ConditionalOnMissingBean(name = "llmJournalMeterBinder")
    MeterBinder llmJournalMeterBinder(DecisionJournal journal) {
        return meters -> FunctionCounter.builder(LlmMetrics.JOURNAL_DROPPED, journal, DecisionJournal::dropped)
                .description("Consensus results the decision journal could not write")
                .register(meters);
    }

    @Bean
    @ConditionalOnMissingBean(name = "llmProvidersMeterBinder")
    MeterBinder llmProvidersMeterBinder(ProviderRegistry registry) {
        return meters -> Gauge.builder(LlmMetrics.PROVIDERS_AVAILABLE, registry, r -> r.available().size())
                .description("LLM providers callers may use now")
                .register(meters);
    }
}
