package dev.llmservice.testing;

import dev.llmservice.provider.FailureKind;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * One vendor behind several {@link FakeProviderType}s: the types a Spring context declares as beans, scripted by
 * provider name through one bean, and counted together. Each type is made on first use by
 * {@link FakeProviderType#named} and then set up by the vendor's preset.
 */
public final class FakeVendor {

    private final UnaryOperator<FakeProviderType> preset;
    private final Map<String, FakeProviderType> types = new ConcurrentHashMap<>();

    /** Plain fakes ({@link FakeProviderType#named}). */
    public FakeVendor() {
        this(UnaryOperator.identity());
    }

    /** Fakes set up by {@code preset} (their configuration: it is not undone by {@link #reset()}). */
    public FakeVendor(UnaryOperator<FakeProviderType> preset) {
        this.preset = preset;
    }

    /** The type named {@code name}, made on first use. */
    public FakeProviderType type(String name) {
        return types.computeIfAbsent(name, n -> preset.apply(FakeProviderType.named(n)));
    }

    /** Generations of {@code provider} fail with {@code kind} and {@code message}. */
    public void failGeneration(String provider, FailureKind kind, String message) {
        type(provider).failingWith(kind, message);
    }

    /** Generations of {@code provider} fail with {@code kind} (message: see {@link FakeProviderType#failingWith}). */
    public void failGeneration(String provider, FailureKind kind) {
        type(provider).failingWith(kind);
    }

    /** Generations of {@code provider} answer {@code text}. */
    public void reply(String provider, String text) {
        type(provider).replying(text);
    }

    /** Generations of {@code provider} answer with a consensus vote whose reasoning is {@code <provider> thinks <decision>}. */
    public void vote(String provider, String decision, double confidence) {
        reply(provider, "{\"decision\":\"" + decision + "\",\"confidence\":" + confidence
                + ",\"reasoning\":\"" + provider + " thinks " + decision + "\"}");
    }

    /** Health checks of {@code provider} answer unhealthy with {@code kind} and {@code message}. */
    public void unhealthy(String provider, FailureKind kind, String message) {
        type(provider).unhealthy(kind, message);
    }

    /** Health checks of {@code provider} answer unhealthy with {@code kind} (message: see {@link FakeProviderType#unhealthy}). */
    public void unhealthy(String provider, FailureKind kind) {
        type(provider).unhealthy(kind);
    }

    /** Health checks started by all this vendor's providers. */
    public int healthChecks() {
        return List.copyOf(types.values()).stream().mapToInt(FakeProviderType::healthChecks).sum();
    }

    /** Generate calls started by all this vendor's providers. */
    public int generations() {
        return List.copyOf(types.values()).stream().mapToInt(FakeProviderType::generations).sum();
    }

    /** Drops every script of every type (see {@link FakeProviderType#reset()}); counts are kept. */
    public void reset() {
        types.values().forEach(FakeProviderType::reset);
    }
}
