package dev.llmservice.consensus;

import dev.llmservice.provider.LlmProvider;

import java.util.List;

/**
 * Where the orchestrator gets the providers to ask: called once per consensus request, so a registry can add,
 * disable or replace providers between requests. The registry's {@code available()} fits as a method
 * reference ({@code registry::available}); tests pass {@code () -> List.of(fakeA, fakeB)}.
 */
@FunctionalInterface
public interface ProviderSource {

    /** The providers to ask now, in the order their votes should be listed. Never {@code null}. */
    List<LlmProvider> available();
}
