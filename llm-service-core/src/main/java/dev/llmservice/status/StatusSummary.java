package dev.llmservice.status;

import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;

import java.util.List;

/**
 * The design's status summary; its JSON form is the documented {@code --status --json} shape:
 * <pre>{"registry": {"total_providers": 4, "available_providers": 2}, "providers": [ ... ]}</pre>
 */
public record StatusSummary(Totals registry, List<ProviderStatus> providers) {

    /**
     * @param totalProviders     every registered provider, configured or not
     * @param availableProviders those callers may use now
     */
    public record Totals(int totalProviders, int availableProviders) {
    }

    /** A summary of one consistent snapshot of {@code registry}. */
    public static StatusSummary of(ProviderRegistry registry) {
        List<ProviderEntry> snapshot = registry.snapshot();
        List<ProviderStatus> providers = snapshot.stream().map(ProviderStatus::of).toList();
        // Counted from the statuses, not the entries: a circuit may open between two reads of the same entry.
        int available = (int) providers.stream().filter(ProviderStatus::available).count();
        return new StatusSummary(new Totals(snapshot.size(), available), providers);
    }
}
