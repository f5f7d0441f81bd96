package dev.llmservice.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

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
}
