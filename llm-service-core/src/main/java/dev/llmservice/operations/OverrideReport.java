package dev.llmservice.operations;

import dev.llmservice.status.ProviderStatus;

/**
 * The report of enable, disable and clear-override ({@code llm-providers --enable NAME --json}, {@code POST
 * /api/v1/providers/{name}/enable}, ...).
 *
 * @param action    {@code enable}, {@code disable} or {@code clear_override}
 * @param provider  the provider's status after the change, as in {@code --status --json}
 * @param stateFile where the override is stored
 * @param previousOverride the override before the change: {@code true} enabled, {@code false} disabled,
 *                  {@code null} none
 * @param overrulesVariable the variable this override wins over, as {@code GROK_ENABLED=false}, when the
 *                  environment sets it to the opposite; else {@code null}
 * @param warning   why the provider is not available after {@code --enable} (no key, invalid values); else {@code null}
 * @param stateFileBackup where a damaged state file replaced by a forced change was copied; else {@code null}
 */
public record OverrideReport(String action, ProviderStatus provider, String stateFile, Boolean previousOverride,
                             String overrulesVariable, String warning,
                             String stateFileBackup) {
}
