package dev.llmservice.journal.jdbc;

import dev.llmservice.journal.DecisionJournal;
import dev.llmservice.journal.DecisionJournalProvider;
import dev.llmservice.journal.JournalSettings;

import java.time.Clock;

/** Registers the JDBC journal (SQLite and PostgreSQL URLs) with {@link dev.llmservice.journal.DecisionJournals}. */
public final class JdbcJournalProvider implements DecisionJournalProvider {

    @Override
    public boolean supports(JournalSettings settings) {
        return settings.isSqlite() || settings.isPostgresql();
    }

    @Override
    public DecisionJournal open(JournalSettings settings, Clock clock) {
        return JdbcDecisionJournal.open(settings, clock);
    }
}
