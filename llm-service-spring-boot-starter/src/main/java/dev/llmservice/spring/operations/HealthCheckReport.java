package dev.llmservice.spring.operations;

import dev.llmservice.status.HealthStatus;

import java.util.Map;

/**
 * The outcome of checking every enabled provider (JSON keys snake_case):
 * <pre>{"checked": 2, "healthy": 1, "results": {"anthropic": {"healthy": true, "latency_ms": 212, ...}}}</pre>
 *
 * @param checked how many providers were checked (the enabled ones)
 * @param healthy how many passed
 * @param results provider name to its check, in registry order
 */
public record HealthCheckReport(int checked, int healthy, Map<String, HealthStatus> results) {
}
