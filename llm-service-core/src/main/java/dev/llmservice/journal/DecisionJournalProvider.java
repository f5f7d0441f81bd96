package dev.llmservice.journal;

import java.time.Clock;

/**
 * A kind of journal storage, found with {@link java.util.ServiceLoader} by {@link DecisionJournals}: the
 * {@code llm-service-journal} module registers the JDBC one (SQLite and PostgreSQL). Core itself has no database
 * client.
 */
public interface DecisionJournalProvider {

    /** Whether this provider keeps journals at {@code settings.url()}. */
    boolean supports(JournalSettings settings);

    /**
     * Opens (and creates or migrates) the journal, ready to record.
     *
     * @param clock the time of entries' health and warnings (injected for tests)
     * @throws JournalException when it cannot be opened; the message says why and where
     */
    DecisionJournal open(JournalSettings settings, Clock clock);
}
