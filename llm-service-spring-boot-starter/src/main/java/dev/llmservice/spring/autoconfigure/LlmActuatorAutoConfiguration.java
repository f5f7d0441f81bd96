package dev.llmservice.spring.autoconfigure;

import dev.llmservice.journal.DecisionJournal;
import dev.llmservice.spring.actuate.JournalHealthIndicator;
import dev.llmservice.spring.actuate.JournalOutsideOverallStatus;
import dev.llmservice.spring.actuate.LlmProvidersEndpoint;
import dev.llmservice.spring.actuate.LlmProvidersHealthIndicator;
import dev.llmservice.spring.actuate.SharedStateHealthIndicator;
import dev.llmservice.shared.SharedState;
import dev.llmservice.operations.LocalOperations;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code llmProviders} health contributor ({@code management.health.llmproviders.enabled}), the decision journal's
 * ({@code management.health.journal.enabled}; outside the overall status, at {@code /actuator/health/journal}), the
 * shared state's ({@code management.health.sharedstate.enabled}: {@code sharedState}, DOWN while Redis is unreachable) and
 * the {@code llmproviders}
 * endpoint (expose it with {@code management.endpoints.web.exposure.include}).
 */
@AutoConfiguration(after = LlmServiceAutoConfiguration.class)
public class LlmActuatorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("llmproviders")
    static class Health {

        /** Named so that the contributor is {@code llmProviders}. */
        @Bean
        @ConditionalOnMissingBean(name = "llmProvidersHealthIndicator")
        LlmProvidersHealthIndicator llmProvidersHealthIndicator(LocalOperations operations,
                                                                LlmServiceProperties properties) {
            return new LlmProvidersHealthIndicator(operations, properties.health().minAvailable(),
                    properties.health().checkOnRead());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("journal")
    static class JournalHealth {

        /** Named so that the contributor is {@code decisionJournal}, shown as the group {@code journal}. */
        @Bean
        @ConditionalOnMissingBean(name = "decisionJournalHealthIndicator")
        JournalHealthIndicator decisionJournalHealthIndicator(DecisionJournal journal) {
            return new JournalHealthIndicator(journal);
        }

        @Bean
        @ConditionalOnMissingBean
        JournalOutsideOverallStatus llmJournalOutsideOverallStatus() {
            return new JournalOutsideOverallStatus();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("sharedstate")
    static class SharedStateHealth {

        /** Named so that the contributor is {@code sharedState}, which the server's readiness group includes. */
        @Bean
        @ConditionalOnMissingBean(name = "sharedStateHealthIndicator")
        SharedStateHealthIndicator sharedStateHealthIndicator(SharedState state) {
            return new SharedStateHealthIndicator(state);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Endpoint.class)
    static class Endpoints {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint
        LlmProvidersEndpoint llmProvidersEndpoint(LocalOperations operations) {
            return new LlmProvidersEndpoint(operations);
        }
    }
}
