package dev.llmservice.spring.autoconfigure;

import dev.llmservice.config.Environment;
import dev.llmservice.spring.consensus.ConsensusService;
import dev.llmservice.spring.metrics.ConsensusMetrics;
import dev.llmservice.operations.LocalOperations;
import dev.llmservice.spring.security.AccessRules;
import dev.llmservice.spring.security.ApiCorsFilter;
import dev.llmservice.spring.security.BearerToken;
import dev.llmservice.spring.security.ListenAddress;
import dev.llmservice.spring.security.TokenAuthenticationFilter;
import dev.llmservice.spring.web.ApiProblemHandler;
import dev.llmservice.spring.web.ConsensusController;
import dev.llmservice.spring.web.DecisionsController;
import dev.llmservice.operations.LocalConsensus;
import dev.llmservice.spring.consensus.MarketDataReader;
import dev.llmservice.spring.web.LlmJsonHttpMessageConverter;
import dev.llmservice.spring.web.ProvidersController;
import dev.llmservice.spring.web.RequestSizeLimitFilter;
import dev.llmservice.spring.web.error.ProblemErrorController;
import dev.llmservice.spring.web.error.ProblemErrorReportValveCustomizer;
import dev.llmservice.operations.ConsensusSettings;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.spring.metrics.CostMetrics;
import dev.llmservice.spring.openai.ChatCompletions;
import dev.llmservice.spring.openai.OpenAiController;
import dev.llmservice.spring.openai.OpenAiErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The {@code /api/v1} REST API, the token and CORS filters, where the server listens, and errors as
 * {@code application/problem+json} where the application did not write them (Tomcat's own error page, the
 * {@code /error} page), in servlet applications with Spring MVC. {@code llm.web.enabled=false} removes the API; the
 * filters stay, since they also guard the Actuator endpoint.
 */
@AutoConfiguration(after = LlmServiceAutoConfiguration.class,
        beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
public class LlmWebAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(LlmWebAutoConfiguration.class);

    /** Just after Spring's character-encoding filter, before anything that could read a body. */
    public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
    /** CORS before the tokens: a preflight carries none. */
    public static final int CORS_FILTER_ORDER = FILTER_ORDER - 1;

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

    @Bean
    @ConditionalOnMissingBean(name = "llmCorsFilter")
    public FilterRegistrationBean<ApiCorsFilter> llmCorsFilter(LlmServiceProperties properties,
                                                               ObjectProvider<Environment> environmentBean,
                                                               org.springframework.core.env.Environment springEnvironment) {
        Supplier<Environment> env = LlmServiceAutoConfiguration.environmentSource(environmentBean);
        String configured = setting(properties.cors().origins(), ApiCorsFilter.ORIGINS_VARIABLE, env);
        List<String> origins = invalidSetting(() -> ApiCorsFilter.parseOrigins(configured));
        if (!origins.isEmpty()) {
            LOG.info("browsers may call the API from {}", String.join(", ", origins));
        }
        FilterRegistrationBean<ApiCorsFilter> registration =
                new FilterRegistrationBean<>(new ApiCorsFilter(accessRules(springEnvironment), origins));
        registration.setName("llmCorsFilter");
        registration.addUrlPatterns("/*");
        registration.setOrder(CORS_FILTER_ORDER);
        return registration;
    }

    /** 127.0.0.1 only unless an API token guards the open operations or an address is configured. */
    @Bean
    @ConditionalOnMissingBean
    public ListenAddress llmListenAddress(LlmServiceProperties properties, ObjectProvider<Environment> environmentBean,
                                          org.springframework.core.env.Environment springEnvironment) {
        Supplier<Environment> env = LlmServiceAutoConfiguration.environmentSource(environmentBean);
        String bindAddress = setting(properties.bind().address(), ListenAddress.BIND_ADDRESS_VARIABLE, env);
        boolean apiToken = token(properties.api(), LlmServiceAutoConfiguration.API_TOKEN_VARIABLE, env) != null;
        return invalidSetting(() -> new ListenAddress(springEnvironment.getProperty("server.address"), bindAddress,
                apiToken));
    }

    /** The {@code /error} page as a problem document, unless the application has its own error controller. */
    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    public ProblemErrorController llmProblemErrorController() {
        return new ProblemErrorController();
    }

    /** {@code llm.*} as configured, else the variable in the process environment or {@code .env}; blank is unset. */
    private static String setting(String configured, String variable, Supplier<Environment> env) {
        String value = configured != null && !configured.isBlank() ? configured : env.get().get(variable);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A value that cannot be used stops start-up with its message alone ({@link InvalidSettingFailureAnalyzer}). */
    private static <T> T invalidSetting(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(e.getMessage());
        }
    }

    /** Tomcat's own error page (requests it refuses before the application sees them) as a problem document. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.apache.catalina.valves.ErrorReportValve",
            "org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory"})
    static class TomcatErrors {

        @Bean
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> llmProblemErrorReportValve() {
            return new ProblemErrorReportValveCustomizer();
        }
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

    /**
     * OpenAI's API ({@code /v1/models}, {@code /v1/chat/completions}) in front of the registry's providers; on unless
     * {@code llm.openai.enabled=false} (or {@code llm.web.enabled=false}). Guarded like the API's reads: open unless
     * {@code LLM_API_TOKEN} is set.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "llm.web.enabled", matchIfMissing = true)
    @ConditionalOnBooleanProperty(name = "llm.openai.enabled", matchIfMissing = true)
    static class OpenAi {

        /**
         * Costs priced as a consensus's are; added to {@code llm_cost_usd_total} when metrics are on. The order of
         * {@code auto} is drawn from the application's one {@link RandomGenerator} bean if it has one (tests), else
         * from {@link ThreadLocalRandom}.
         */
        @Bean
        @ConditionalOnMissingBean
        ChatCompletions llmChatCompletions(ProviderRegistry registry, ConsensusSettings settings,
                                           ObjectProvider<CostMetrics> costMetrics,
                                           ObjectProvider<RandomGenerator> randomBean) {
            CostMetrics metrics = costMetrics.getIfAvailable();
            RandomGenerator random = randomBean.getIfUnique();
            return new ChatCompletions(registry, settings.costs(),
                    metrics == null ? ChatCompletions.CostSink.NONE : metrics::record,
                    random == null ? () -> ThreadLocalRandom.current().nextDouble() : random::nextDouble);
        }

        @Bean
        @ConditionalOnMissingBean
        OpenAiController llmOpenAiController(ChatCompletions completions, ObjectProvider<Clock> clock,
                                              LocalOperations operations) {
            return new OpenAiController(completions, clock.getIfUnique(Clock::systemUTC),
                    message -> operations.masker().redact(message));
        }

        @Bean
        @ConditionalOnMissingBean
        OpenAiErrorHandler llmOpenAiErrorHandler(LocalOperations operations) {
            return new OpenAiErrorHandler(operations);
        }
    }
}
