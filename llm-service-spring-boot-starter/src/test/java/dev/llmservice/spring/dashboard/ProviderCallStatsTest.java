package dev.llmservice.spring.dashboard;

import dev.llmservice.spring.metrics.LlmMetrics;
import dev.llmservice.testing.VirtualTime;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderCallStatsTest {

    private final VirtualTime time = VirtualTime.frozenAt(Instant.parse("2026-12-05T10:00:00Z"));
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final ProviderCallStats stats;

    ProviderCallStatsTest() {
        meters.config().meterFilter(ProviderCallStats.meterFilter());
        stats = new ProviderCallStats(meters, time);
    }

    private void call(String provider, String outcome, Duration latency) {
        Timer.builder(LlmMetrics.PROVIDER_REQUESTS).tag(LlmMetrics.TAG_PROVIDER, provider)
                .tag(LlmMetrics.TAG_TYPE, "fake").tag(LlmMetrics.TAG_MODEL, "m").tag(LlmMetrics.TAG_OUTCOME, outcome)
                .register(meters).record(latency);
    }

    private void minutesPass(int minutes) {
        for (int i = 0; i < minutes; i++) {
            time.sleep(ProviderCallStats.SAMPLE_INTERVAL);
            stats.sample();
        }
    }

    @Test
    void countsEveryOutcomeAndTakesTheMedianOfSuccessfulCallsOnly() {
        call("alpha", LlmMetrics.OUTCOME_SUCCESS, Duration.ofMillis(200));
        call("alpha", LlmMetrics.OUTCOME_SUCCESS, Duration.ofMillis(210));
        call("alpha", LlmMetrics.OUTCOME_SUCCESS, Duration.ofMillis(190));
        call("alpha", "timeout", Duration.ofSeconds(30));
        call("beta", "rate_limited", Duration.ofMillis(40));

        var calls = stats.calls();

        assertThat(calls.get("alpha").lastHour()).isEqualTo(4);
        // Micrometer's percentiles are approximations within a few percent.
        assertThat(calls.get("alpha").p50()).isBetween(Duration.ofMillis(180), Duration.ofMillis(220));
        assertThat(calls.get("beta")).isEqualTo(new ProviderCallStats.Calls(1, null));
        assertThat(calls).doesNotContainKey("gamma");
    }

    @Test
    void callsOlderThanAnHourNoLongerCount() {
        stats.sample();
        call("alpha", LlmMetrics.OUTCOME_SUCCESS, Duration.ofMillis(100));
        call("alpha", LlmMetrics.OUTCOME_SUCCESS, Duration.ofMillis(100));
        minutesPass(1);
        call("alpha", LlmMetrics.OUTCOME_SUCCESS, Duration.ofMillis(100));
        minutesPass(30);
        call("alpha", LlmMetrics.OUTCOME_SUCCESS, Duration.ofMillis(100));

        assertThat(stats.calls().get("alpha").lastHour()).as("all within the process's first hour").isEqualTo(4);
        minutesPass(30);
        assertThat(stats.calls().get("alpha").lastHour()).as("61 min: the first two are older").isEqualTo(2);
        minutesPass(30);
        assertThat(stats.calls().get("alpha").lastHour()).as("91 min: only the last is within the hour").isEqualTo(1);
        minutesPass(2);
        assertThat(stats.calls().get("alpha").lastHour()).isZero();
    }
}
