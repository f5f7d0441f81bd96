package dev.llmservice.server;

import dev.llmservice.config.Environment;
import dev.llmservice.spring.autoconfigure.LlmServiceProperties;
import dev.llmservice.spring.web.BodyBufferingFilter;
import jakarta.servlet.DispatcherType;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The ready-to-run service: the starter's REST API ({@code /api/v1}), Actuator ({@code health}, {@code info},
 * {@code llmproviders}, {@code prometheus}) on {@code PORT} (default 8080). Providers come from the design's
 * environment variables and {@code .env}; see {@code application.properties} for the service's own settings.
 */
@SpringBootApplication
public class LlmServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(LlmServiceApplication.class, args);
    }

    /**
     * Every request body is read before its request is handled, without a thread waiting for it, so that clients
     * that send part of a body and stop (slowly or on purpose) cannot take Tomcat's worker threads from everyone
     * else; {@code llm.web.body-timeout} (20 s) is how long a body may take, and a body larger than the API's limit
     * ({@code llm.max-request-bytes}, else {@code LLM_MAX_REQUEST_BYTES}, {@code .env} included; default 4 MiB) is
     * refused (413). First of all filters, so that the others, the token filter included, see a request whose body is
     * complete.
     */
    @Bean
    FilterRegistrationBean<BodyBufferingFilter> llmBodyBufferingFilter(LlmServiceProperties properties,
                                                                       ObjectProvider<Environment> environmentBean) {
        long maxBytes = properties.maxRequestBytes(environmentBean.getIfAvailable(Environment::load));
        return bodyBuffering(new BodyBufferingFilter(properties.web().bodyTimeout(),
                (int) Math.min(Integer.MAX_VALUE, maxBytes)));
    }

    /**
     * Tomcat ends a worker thread beyond its spare ones (4) after a minute without work; here after
     * {@code llm.web.worker-idle-timeout} (default 10 s), so that a server back from a burst gives back each thread's
     * stack and buffers within the first minute of idling (the target of BENCHMARKS.md, "Lean server"). A thread
     * started again for the next burst costs well under a millisecond.
     */
    @Bean
    ApplicationListener<WebServerInitializedEvent> llmWorkerIdleTimeout(LlmServiceProperties properties) {
        Duration timeout = properties.web().workerIdleTimeout();
        return event -> {
            if (event.getWebServer() instanceof TomcatWebServer tomcat
                    && tomcat.getTomcat().getConnector().getProtocolHandler().getExecutor()
                    instanceof ThreadPoolExecutor workers) {
                workers.setKeepAliveTime(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        };
    }

    /** {@code filter} on every path, for the request and its async dispatch, before every other filter. */
    static FilterRegistrationBean<BodyBufferingFilter> bodyBuffering(BodyBufferingFilter filter) {
        FilterRegistrationBean<BodyBufferingFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("llmBodyBufferingFilter");
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        registration.setAsyncSupported(true);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
