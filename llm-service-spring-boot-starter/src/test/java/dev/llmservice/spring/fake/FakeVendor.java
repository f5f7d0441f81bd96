package dev.llmservice.spring.fake;

import dev.llmservice.provider.FailureKind;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Scripts how the fake providers answer, and counts what they were asked. Shared by all fakes of a context. */
public final class FakeVendor {

    record Failure(FailureKind kind, String message) {
    }

    private final Map<String, Failure> generationFailures = new ConcurrentHashMap<>();
    private final Map<String, Failure> healthFailures = new ConcurrentHashMap<>();
    private final Map<String, String> replies = new ConcurrentHashMap<>();
    private final AtomicInteger healthChecks = new AtomicInteger();
    private final AtomicInteger generations = new AtomicInteger();

    /** The next generations of {@code provider} fail with {@code kind}. */
    public void failGeneration(String provider, FailureKind kind, String message) {
        generationFailures.put(provider, new Failure(kind, message));
    }

    /** The next successful generations of {@code provider} answer {@code text} (default {@code OK from <name>}). */
    public void reply(String provider, String text) {
        replies.put(provider, text);
    }

    /** The next successful generations of {@code provider} answer with a consensus vote. */
    public void vote(String provider, String decision, double confidence) {
        reply(provider, "{\"decision\":\"" + decision + "\",\"confidence\":" + confidence
                + ",\"reasoning\":\"" + provider + " thinks " + decision + "\"}");
    }

    /** The next health checks of {@code provider} report unhealthy. */
    public void unhealthy(String provider, FailureKind kind, String message) {
        healthFailures.put(provider, new Failure(kind, message));
    }

    public int healthChecks() {
        return healthChecks.get();
    }

    public int generations() {
        return generations.get();
    }

    public void reset() {
        generationFailures.clear();
        healthFailures.clear();
        replies.clear();
    }

    String reply(String provider) {
        return replies.getOrDefault(provider, "OK from " + provider);
    }

    Failure generationFailure(String provider) {
        generations.incrementAndGet();
        return generationFailures.get(provider);
    }

    Failure healthFailure(String provider) {
        healthChecks.incrementAndGet();
        return healthFailures.get(provider);
    }
}
