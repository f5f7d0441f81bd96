package dev.llmservice.spring.autoconfigure;

import dev.llmservice.config.Environment;
import dev.llmservice.spring.consensus.ConsensusService;
import dev.llmservice.spring.metrics.ConsensusMetrics;
import dev.llmservice.operations.LocalOperations;
import dev.llmservice.spring.security.AccessRules;
import dev.llmservice.spring.security.BearerToken;
import dev.llmservice.spring.security.TokenAuthenticationFilter;
import dev.llmservice.spring.web.ApiProblemHandler;
import dev.llmservice.spring.web.ConsensusController;
import dev.llmservice.spring.web.DecisionsController;
import dev.llmservice.operations.LocalConsensus;
import dev.llmservice.spring.consensus.MarketDataReader;
import dev.llmservice.spring.web.LlmJsonHttpMessageConverter;
import dev.llmservice.spring.web.ProvidersController;
import dev.llmservice.spring.web.RequestSizeLimitFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;

import java.util.function.Supplier;

/**
 * The {@code /api/v1} REST API and the token filter, in servlet applications with Spring MVC.
 * {@code llm.web.enabled=false} removes the API; the filter stays, since it also guards the Actuator endpoint.
 */
@AutoConfiguration(after = LlmServiceAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
public class LlmWebAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(LlmWebAutoConfiguration.class);

    /** Just after Spring's character-encoding filter, before anything that could read a body. */
    public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    @ConditionalOnMissingBean(name = "llmTokenAuthenticationFilter")
    public FilterRegistrationBean<TokenAuthenticationFilter> llmTokenAuthenticationFilter(
            LlmServiceProperties properties, ObjectProvider<Environment> environmentBean,
            org.springframework.core.env.Environment springEnvironment) {
        Supplier<Environment> env = LlmServiceAutoConfiguration.environmentSource(environmentBean);
        BearerToken admin = BearerToken.ofNullable(token(properties.admin(),
                LlmServiceAutoConfiguration.ADMIN_TOKEN_VARIABLE, env));
        BearerToken api = BearerToken.ofNullable(token(properties.api(),
                LlmServiceAutoConfiguration.API_TOKEN_VARIABLE, env));
        AccessRules rules = accessRules(springEnvironment);
        LOG.info("admin operations {}; read-only status and consensus {}",
                admin == null ? "disabled (no LLM_ADMIN_TOKEN)" : "need LLM_ADMIN_TOKEN",
                api == null ? "open (no LLM_API_TOKEN)" : "need LLM_API_TOKEN");
        FilterRegistrationBean<TokenAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new TokenAuthenticationFilter(rules, admin, api));
        registration.setName("llmTokenAuthenticationFilter");
        registration.addUrlPatterns("/*");
        registration.setOrder(FILTER_ORDER);
        return registration;
    }

    static AccessRules accessRules(org.springframework.core.env.Environment springEnvironment) {
        return new AccessRules(
                springEnvironment.getProperty("spring.mvc.servlet.path", "/"),
                springEnvironment.getProperty("management.endpoints.web.base-path", "/actuator"));
    }

    /** {@code llm.*.token}, else the variable in the process environment or {@code .env}. */
    private static String token(LlmServiceProperties.Token configured, String variable, Supplier<Environment> env) {
        return configured.configured() ? configured.token() : env.get().get(variable);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "llm.web.enabled", matchIfMissing = true)
    static class Api {

        /**
         * {@code llm.max-request-bytes}, else {@code LLM_MAX_REQUEST_BYTES} ({@code .env} included). After the token
         * filter: a caller without access is refused before any of its body is read.
         */
        @Bean
        @ConditionalOnMissingBean(name = "llmRequestSizeLimitFilter")
        FilterRegistrationBean<RequestSizeLimitFilter> llmRequestSizeLimitFilter(
                LlmServiceProperties properties, ObjectProvider<Environment> environmentBean,
                org.springframework.core.env.Environment springEnvironment) {
            long maxBytes = properties.maxRequestBytes(
                    LlmServiceAutoConfiguration.environmentSource(environmentBean).get());
            FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                    new RequestSizeLimitFilter(accessRules(springEnvironment), maxBytes));
            registration.setName("llmRequestSizeLimitFilter");
            registration.addUrlPatterns("/*");
            registration.setOrder(FILTER_ORDER + 1);
            return registration;
        }

        @Bean
        @ConditionalOnMissingBean
        LlmJsonHttpMessageConverter llmJsonHttpMessageConverter() {
            return new LlmJsonHttpMessageConverter();
        }

        @Bean
        @ConditionalOnMissingBean
        ProvidersController llmProvidersController(LocalOperations operations) {
            return new ProvidersController(operations);
        }

        @Bean
        @ConditionalOnMissingBean
        ConsensusController llmConsensusController(ConsensusService consensus,
                                                   ObjectProvider<ConsensusMetrics> metrics) {
            return new ConsensusController(consensus, metrics);
        }

        @Bean
        @ConditionalOnMissingBean
        DecisionsController llmDecisionsController(LocalConsensus consensus, MarketDataReader reader) {
            return new DecisionsController(consensus, reader);
        }

        @Bean
        @ConditionalOnMissingBean
        ApiProblemHandler llmApiProblemHandler(LocalOperations operations) {
            return new ApiProblemHandler(operations);
        }
    }
}
