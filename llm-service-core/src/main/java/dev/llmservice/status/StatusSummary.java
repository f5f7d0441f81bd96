package dev.llmservice.status;

import dev.llmservice.config.ConfigProblem;
import dev.llmservice.config.ProviderList;
import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.state.StateFileException;

import java.util.List;

/**
 * The design's status summary; its JSON form is the documented {@code --status --json} shape:
 * <pre>{"registry": {"total_providers": 4, "available_providers": 2}, "providers": [ ... ], "problems": [],
 *  "notes": [], "state_file": "/home/me/.llm-service/state.json", "state_file_problem": null}</pre>
 *
 * @param registry         the totals
 * @param providers        one per provider, in registration order
 * @param problems         what is wrong with {@code LLM_PROVIDERS} (an entry left out, an empty list), each naming
 *                         the variable and its value; a provider's own problems are in its status
 * @param notes            variables no provider reads although they look meant for one, e.g. {@code GROQ_API_KEY is
 *                         set but groq is not in LLM_PROVIDERS}
 * @param stateFile        where the overrides are kept ({@link OverrideStore#location()}); {@code null} when the
 *                         summary was made without the store
 * @param stateFileProblem why the state file could not be read when it was last read, e.g. {@code not valid JSON
 *                         (…)}: its overrides are then not applied (a running server keeps the last good ones);
 *                         {@code null} when it could
 */
public record StatusSummary(Totals registry, List<ProviderStatus> providers, List<String> problems,
                            List<String> notes, String stateFile, String stateFileProblem) {

    public StatusSummary {
        providers = List.copyOf(providers);
        // Absent in a document from a server that predates them.
        problems = problems == null ? List.of() : List.copyOf(problems);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * @param totalProviders     every registered provider, configured or not
     * @param availableProviders those callers may use now
     */
    public record Totals(int totalProviders, int availableProviders) {
    }

    /** A summary of one consistent snapshot of {@code registry}, without the state file. */
    public static StatusSummary of(ProviderRegistry registry) {
        List<ProviderEntry> snapshot = registry.snapshot();
        List<ProviderStatus> providers = snapshot.stream().map(ProviderStatus::of).toList();
        // Counted from the statuses, not the entries: a circuit may open between two reads of the same entry.
        int available = (int) providers.stream().filter(ProviderStatus::available).count();
        return new StatusSummary(new Totals(snapshot.size(), available), providers, List.of(), List.of(), null, null);
    }

    /**
     * A summary of {@code registry}, with what {@code providers} (the list it was filled from) said, where its
     * overrides are kept and whether that could be read.
     */
    public static StatusSummary of(ProviderRegistry registry, ProviderList providers, OverrideStore overrides) {
        StatusSummary summary = of(registry);
        return new StatusSummary(summary.registry(), summary.providers(),
                providers.problems().stream().map(ConfigProblem::message).toList(), providers.notes(),
                overrides.location(), overrides.readFailure().map(StateFileException::problem).orElse(null));
    }
}
