package dev.llmservice.benchmarks;

import dev.llmservice.config.Environment;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.state.OverrideStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Issue 2's in-process targets, against four local fake vendors:
 * <ul>
 *   <li>registry initialisation from the environment (four configured providers): ≤ 50 ms;</li>
 *   <li>health check of four providers whose fakes each take 300 ms: ≤ 400 ms in total.</li>
 * </ul>
 * Run with {@code bench/registry-health.sh}. The first initialisation in a fresh JVM (class loading included) is
 * reported apart from the warm ones.
 */
public final class RegistryAndHealthBenchmark {

    private static final Duration FAKE_LATENCY = Duration.ofMillis(300);

    public static void main(String[] args) {
        int warmRuns = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int healthRuns = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Map<String, Duration> latency = Map.of("anthropic", FAKE_LATENCY, "openai", FAKE_LATENCY,
                "gemini", FAKE_LATENCY, "grok", FAKE_LATENCY);
        try (FakeVendors fakes = FakeVendors.start(latency, vendor -> "{}")) {
            ProviderFactory factory = ProviderFactory.builder()
                    .environment(Environment.of(fakes.environment()))
                    .overrides(OverrideStore.inMemory())
                    .build();

            long t0 = System.nanoTime();
            ProviderRegistry registry = factory.initializeRegistry();
            double coldMs = (System.nanoTime() - t0) / 1e6;
            if (registry.available().size() != 4) {
                throw new IllegalStateException("expected 4 available providers, got " + registry.available().size());
            }

            List<Double> init = new ArrayList<>();
            for (int i = 0; i < warmRuns; i++) {
                long s = System.nanoTime();
                factory.initializeRegistry(registry);
                init.add((System.nanoTime() - s) / 1e6);
            }

            List<Double> health = new ArrayList<>();
            for (int i = 0; i < healthRuns + 2; i++) {
                long s = System.nanoTime();
                Map<String, HealthCheckResult> results = factory.healthCheckAll(registry);
                double ms = (System.nanoTime() - s) / 1e6;
                if (results.size() != 4 || !results.values().stream().allMatch(HealthCheckResult::healthy)) {
                    throw new IllegalStateException("expected 4 healthy providers, got " + results);
                }
                if (i >= 2) { // the first two rounds warm up the HTTP clients
                    health.add(ms);
                }
            }

            System.out.printf("registry init, first in a fresh JVM:        %8.2f ms%n", coldMs);
            System.out.printf("registry init, warm (n=%d): median %.3f ms, p95 %.3f ms, max %.3f ms%n",
                    warmRuns, pct(init, 50), pct(init, 95), pct(init, 100));
            System.out.printf("health check of 4 x %d ms fakes (n=%d): median %.1f ms, p95 %.1f ms, max %.1f ms%n",
                    FAKE_LATENCY.toMillis(), healthRuns, pct(health, 50), pct(health, 95), pct(health, 100));
        }
    }

    static double pct(List<Double> values, int percentile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
