package dev.llmservice.spring.dashboard;

import dev.llmservice.spring.metrics.LlmMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Each provider's calls in the last hour and the median latency of its successful ones, read from the starter's
 * Micrometer timer {@value LlmMetrics#PROVIDER_REQUESTS}, for the dashboard.
 *
 * <p><b>Calls in the last hour</b>: the timers count since start-up; {@link #sample()} (once a minute) keeps each
 * provider's count, and the last hour's calls are the count now minus the newest sample at least an hour old, so the
 * window is 60 to 61 minutes. A process younger than an hour has made all its calls within the hour.
 *
 * <p><b>p50</b>: {@link #meterFilter()} gives the timer a median over a rotating one-hour window (Micrometer's
 * {@code distributionStatisticExpiry} of 1 h in {@value #BUFFER_LENGTH} steps, so 55 to 60 minutes). Prometheus then
 * also shows it ({@code llm_provider_requests_seconds{quantile="0.5"}}). Only the {@code success} outcome's median is
 * shown: a failure's latency says how soon it failed, not how fast the provider answers.
 *
 * <p>Thread-safe: the samples are guarded by this object's lock; reading the meters takes no lock of ours.
 */
public final class ProviderCallStats {

    /** The window of both figures. */
    public static final Duration WINDOW = Duration.ofHours(1);
    /** How often {@link #sample()} should run. */
    public static final Duration SAMPLE_INTERVAL = Duration.ofMinutes(1);
    static final int BUFFER_LENGTH = 12;

    /** One provider's figures; {@code p50} is {@code null} before its first successful call in the window. */
    public record Calls(long lastHour, Duration p50) {
        public static final Calls NONE = new Calls(0, null);
    }

    private record Sample(Instant at, Map<String, Long> counts) {
    }

    private final MeterRegistry meters;
    private final Clock clock;
    private final Instant started;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public ProviderCallStats(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
        this.started = clock.instant();
    }

    /** The median over the window for {@value LlmMetrics#PROVIDER_REQUESTS}; registered as a bean, Boot applies it. */
    public static MeterFilter meterFilter() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(io.micrometer.core.instrument.Meter.Id id,
                                                         DistributionStatisticConfig config) {
                if (!id.getName().equals(LlmMetrics.PROVIDER_REQUESTS)) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentiles(0.5)
                        .expiry(WINDOW)
                        .bufferLength(BUFFER_LENGTH)
                        .build()
                        .merge(config);
            }
        };
    }

    /** Keeps every provider's count now; samples older than the window plus one interval are dropped. */
    public void sample() {
        Instant now = clock.instant();
        Map<String, Long> counts = counts();
        synchronized (this) {
            samples.addLast(new Sample(now, counts));
            Instant oldest = now.minus(WINDOW).minus(SAMPLE_INTERVAL.multipliedBy(2));
            while (samples.size() > 1 && samples.peekFirst().at().isBefore(oldest)) {
                samples.removeFirst();
            }
        }
    }

    /** Every provider's figures now, by name; a provider without calls is absent. */
    public Map<String, Calls> calls() {
        Instant now = clock.instant();
        Map<String, Long> counts = counts();
        Map<String, Long> baseline = baseline(now);
        Map<String, Duration> medians = new HashMap<>();
        for (Timer t : meters.find(LlmMetrics.PROVIDER_REQUESTS)
                .tag(LlmMetrics.TAG_OUTCOME, LlmMetrics.OUTCOME_SUCCESS).timers()) {
            for (ValueAtPercentile v : t.takeSnapshot().percentileValues()) {
                if (v.percentile() == 0.5 && v.value() > 0) {
                    medians.merge(t.getId().getTag(LlmMetrics.TAG_PROVIDER),
                            Duration.ofNanos((long) v.value(TimeUnit.NANOSECONDS)),
                            (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
        }
        Map<String, Calls> result = new HashMap<>();
        counts.forEach((name, count) -> result.put(name,
                new Calls(Math.max(0, count - baseline.getOrDefault(name, 0L)), medians.get(name))));
        return result;
    }

    /** The counts an hour ago: the newest sample at least that old, or none when the process is younger. */
    private synchronized Map<String, Long> baseline(Instant now) {
        Instant hourAgo = now.minus(WINDOW);
        if (!started.isBefore(hourAgo)) {
            return Map.of();
        }
        Map<String, Long> found = Map.of();
        for (Sample s : samples) {
            if (s.at().isAfter(hourAgo)) {
                break;
            }
            found = s.counts();
        }
        return found;
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new HashMap<>();
        for (Timer t : meters.find(LlmMetrics.PROVIDER_REQUESTS).timers()) {
            counts.merge(t.getId().getTag(LlmMetrics.TAG_PROVIDER), t.count(), Long::sum);
        }
        return counts;
    }
}
