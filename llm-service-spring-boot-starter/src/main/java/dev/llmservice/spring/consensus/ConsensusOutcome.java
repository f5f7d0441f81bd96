package dev.llmservice.spring.consensus;

import java.util.Locale;
import java.util.Objects;

/**
 * A consensus as the web layer needs it.
 *
 * @param decision {@code BUY}, {@code SELL} or {@code HOLD}; tags the metrics (lower-cased there)
 * @param status   {@code decided}, {@code tie}, {@code contested}, {@code below_threshold}, {@code no_quorum} or
 *                 {@code all_failed}; tags the metrics
 * @param result   the response body; a type from {@code dev.llmservice.*} is written with the project's JSON
 *                 conventions (snake_case keys), like the CLI's {@code --json}
 */
public record ConsensusOutcome(String decision, String status, Object result) {

    public ConsensusOutcome {
        decision = Objects.requireNonNull(decision, "decision").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(result, "result");
    }
}
