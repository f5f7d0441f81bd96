package dev.llmservice.consensus;

import dev.llmservice.provider.LlmProvider;

import java.util.List;

/**
 * Where the orchestrator gets the providers to ask: called once per consensus request, so a registry can add,
 * disable or replace providers between requests. The registry's {@code available()} fits as a method
 * reference ({@code registry::enabled}, so that a provider whose circuit is open is listed as a {@code skipped}
 * vote with error {@code circuit_open}; {@code registry::available} leaves such providers out); tests pass {@code () -> List.of(fakeA, fakeB)}.
 */
@FunctionalInterface
public interface ProviderSource {

    /** The providers to ask now, in the order their votes should be listed. Never {@code null}. */
    List<LlmProvider> available();
}
