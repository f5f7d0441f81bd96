package dev.llmservice.spring.actuate;

import dev.llmservice.journal.DecisionJournal;
import dev.llmservice.journal.JournalHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The decision journal's health contributor ({@value #NAME}): whether consensus results are being written. DOWN when
 * the database cannot be reached or written (the reason says why); a consensus is still answered then, its entry
 * counted as dropped.
 *
 * <p>It is left out of the application's overall status ({@code /actuator/health}) and shown in a group of its own,
 * {@code /actuator/health/journal} (see {@link JournalOutsideOverallStatus}): a journal that is down must not take
 * the application out of a load balancer or get it restarted, since consensus requests still work. A health group
 * that includes it ({@code management.endpoint.health.group.readiness.include=readinessState,decisionJournal})
 * counts it.
 *
 * <p>Details: {@code location} (a file, or the JDBC URL without its password), {@code reason}, {@code dropped}
 * (entries lost since start, {@code llm_journal_dropped_total}), {@code queued}.
 */
public class JournalHealthIndicator implements HealthIndicator {

    /** The contributor's name. */
    public static final String NAME = "decisionJournal";

    private final DecisionJournal journal;

    public JournalHealthIndicator(DecisionJournal journal) {
        this.journal = journal;
    }

    @Override
    public Health health() {
        JournalHealth h = journal.health();
        return (h.up() ? Health.up() : Health.down())
                .withDetail("location", h.location())
                .withDetail("reason", h.reason())
                .withDetail("dropped", h.dropped())
                .withDetail("queued", h.queued())
                .build();
    }
}
