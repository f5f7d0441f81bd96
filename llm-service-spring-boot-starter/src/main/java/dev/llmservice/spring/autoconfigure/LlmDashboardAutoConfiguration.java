package dev.llmservice.spring.autoconfigure;

import dev.llmservice.operations.LocalConsensus;
import dev.llmservice.operations.LocalOperations;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.spring.dashboard.DashboardController;
import dev.llmservice.spring.dashboard.DashboardEvents;
import dev.llmservice.spring.dashboard.DashboardView;
import dev.llmservice.spring.dashboard.DashboardWarmUp;
import dev.llmservice.spring.dashboard.ProviderCallStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.ITemplateEngine;

import java.time.Clock;

/**
 * The dashboard ({@code GET /}, {@code /dashboard/**}, {@code GET /swagger-ui}; {@link DashboardController}) when
 * {@code llm.dashboard.enabled=true} (the server sets it; default off in the starter, so that an application's own
 * {@code /} is left alone) and the application has Thymeleaf. The browser libraries come from webjars on the class
 * path ({@code htmx.org}, {@code htmx-ext-sse}, {@code uplot}, {@code swagger-ui}, with {@code webjars-locator-lite}).
 * Everything shown is read through the operations layer; the latency and call columns need a Micrometer registry.
 */
@AutoConfiguration(after = {LlmServiceAutoConfiguration.class, LlmWebAutoConfiguration.class},
        afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.thymeleaf.spring6.SpringTemplateEngine")
@ConditionalOnBooleanProperty(name = "llm.dashboard.enabled")
public class LlmDashboardAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DashboardView llmDashboardView(LocalOperations operations, LocalConsensus consensus,
                                   ObjectProvider<ProviderCallStats> calls) {
        return new DashboardView(operations, consensus, calls.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    DashboardEvents llmDashboardEvents(ProviderRegistry registry, LocalConsensus consensus,
                                       ObjectProvider<ProviderCallStats> calls) {
        return new DashboardEvents(registry, consensus, calls.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    DashboardController llmDashboardController(DashboardView view, DashboardEvents events) {
        return new DashboardController(view, events);
    }

    /** The first visitor's render without the template's parse and first reads (off the request path). */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(ITemplateEngine.class)
    DashboardWarmUp llmDashboardWarmUp(DashboardView view, ITemplateEngine templates) {
        return new DashboardWarmUp(view, templates);
    }

    /** p50 latency and calls in the last hour, from the starter's provider timers. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class Metrics {

        /** The median over the last hour on the provider timers; Boot applies MeterFilter beans to its registries. */
        @Bean
        MeterFilter llmDashboardLatencyFilter() {
            return ProviderCallStats.meterFilter();
        }

        @Bean
        @ConditionalOnMissingBean
        ProviderCallStats llmDashboardCallStats(MeterRegistry meters, ObjectProvider<Clock> clock) {
            return new ProviderCallStats(meters, clock.getIfUnique(Clock::systemUTC));
        }
    }
}
