package dev.llmservice.operations;

import dev.llmservice.status.ProviderStatus;
import dev.llmservice.status.StatusSummary;

import java.util.List;
import java.util.Map;

/**
 * {@code --reinit --json}: the {@code --status --json} document plus where the configuration was read from.
 *
 * @param registry     totals, as in {@code --status --json}
 * @param providers    one per provider, as in {@code --status --json}
 * @param problems     what is wrong with {@code LLM_PROVIDERS}, as in {@code --status --json}
 * @param notes        variables no provider reads, as in {@code --status --json}
 * @param envFile      the {@code .env} file read (absolute path)
 * @param envFileFound whether that file exists
 * @param stateFile    where overrides are stored
 * @param overrides    the overrides kept and re-applied: provider name to enabled
 * @param stateFileProblem why the state file could not be read (its overrides were then not applied); else
 *                     {@code null}
 */
public record ReinitReport(StatusSummary.Totals registry, List<ProviderStatus> providers, List<String> problems,
                           List<String> notes, String envFile, boolean envFileFound, String stateFile,
                           Map<String, Boolean> overrides, String stateFileProblem) {

    public ReinitReport {
        // Absent in a document from a server that predates them.
        problems = problems == null ? List.of() : List.copyOf(problems);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
