package dev.llmservice.journal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** {@code LLM_JOURNAL=off}: nothing is recorded, so nothing is lost either ({@link #dropped()} stays 0). */
enum OffJournal implements DecisionJournal {
    INSTANCE;

    @Override
    public void record(JournalEntry entry) {
    }

    @Override
    public Optional<JournalEntry> get(String id) {
        return Optional.empty();
    }

    @Override
    public HistoryPage history(HistoryQuery query) {
        return HistoryPage.empty();
    }

    @Override
    public BigDecimal spendSince(Instant since) {
        return BigDecimal.ZERO;
    }

    @Override
    public JournalHealth health() {
        return new JournalHealth(true, "off (" + JournalSettings.ENABLED_VARIABLE + "=off): nothing is recorded",
                location(), 0, 0);
    }

    @Override
    public long dropped() {
        return 0;
    }

    @Override
    public String location() {
        return "off";
    }

    @Override
    public void close() {
    }
}
