package dev.llmservice.journal.jdbc;

import dev.llmservice.journal.JournalSettings;

import java.time.Clock;

/**
 * A second process writing a journal, for {@link SqliteJournalTest}: {@code FILE PAIR COUNT}. Records COUNT entries,
 * closes (which writes them all) and prints {@code dropped=N written=N}.
 */
public final class JournalWriterMain {

    public static void main(String[] args) {
        JdbcDecisionJournal journal = JdbcDecisionJournal.open(
                new JournalSettings(true, "jdbc:sqlite:" + args[0], null, null), Clock.systemUTC());
        int n = Integer.parseInt(args[2]);
        for (int i = 0; i < n; i++) {
            journal.record(Entries.entry(Entries.T0.plusMillis(i), args[1]));
            if (i % 50 == 0) {
                Thread.yield();
            }
        }
        journal.close();
        System.out.println("dropped=" + journal.dropped() + " written=" + journal.written());
        System.exit(journal.dropped() == 0 ? 0 : 1);
    }
}
