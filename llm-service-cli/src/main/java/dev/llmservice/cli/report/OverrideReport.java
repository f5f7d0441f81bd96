package dev.llmservice.cli.report;

import dev.llmservice.status.ProviderStatus;

/**
 * {@code --enable}, {@code --disable} and {@code --clear-override} with {@code --json}.
 *
 * @param action    {@code enable}, {@code disable} or {@code clear_override}
 * @param provider  the provider's status after the change, as in {@code --status --json}
 * @param stateFile where the override is stored
 * @param warning   why the provider is not available after {@code --enable} (no key, invalid values); else {@code null}
 * @param stateFileBackup where the damaged state file that {@code --force} replaced was copied; else {@code null}
 */
public record OverrideReport(String action, ProviderStatus provider, String stateFile, String warning,
                             String stateFileBackup) {
}
