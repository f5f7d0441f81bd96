/**
 * The decision journal: every consensus, its votes and their costs, recorded off the response path.
 *
 * <p>API: {@link dev.llmservice.journal.DecisionJournal} (record, history, get, the scorecard's read, spend,
 * health), its records ({@link dev.llmservice.journal.JournalEntry}, {@link dev.llmservice.journal.JournalVote},
 * {@link dev.llmservice.journal.HistoryQuery}, {@link dev.llmservice.journal.HistoryPage},
 * {@link dev.llmservice.journal.ScoringEntry}, {@link dev.llmservice.journal.ScoringVote},
 * {@link dev.llmservice.journal.JournalHealth}), the settings read from the environment
 * ({@link dev.llmservice.journal.JournalSettings}) and the chooser ({@link dev.llmservice.journal.DecisionJournals}).
 * Storage lives outside core, behind {@link dev.llmservice.journal.DecisionJournalProvider}: the
 * {@code llm-service-journal} module keeps it in SQLite or PostgreSQL.
 */
package dev.llmservice.journal;
