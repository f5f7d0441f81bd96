package dev.llmservice.testing;

import dev.llmservice.journal.DecisionJournal;
import dev.llmservice.journal.HistoryPage;
import dev.llmservice.journal.HistoryQuery;
import dev.llmservice.journal.JournalEntry;
import dev.llmservice.journal.JournalException;
import dev.llmservice.journal.JournalHealth;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A decision journal in memory that writes at once (no queue), for tests of what is recorded; {@link #down} makes
 * it behave as one whose database is unreachable: entries are dropped and reads throw.
 */
public final class MemoryJournal implements DecisionJournal {

    public final List<JournalEntry> entries = new CopyOnWriteArrayList<>();
    public volatile boolean down;
    private final AtomicLong dropped = new AtomicLong();

    @Override
    public void record(JournalEntry entry) {
        if (down) {
            dropped.incrementAndGet();
        } else {
            entries.add(entry);
        }
    }

    @Override
    public Optional<JournalEntry> get(String id) {
        check();
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    @Override
    public HistoryPage history(HistoryQuery query) {
        check();
        List<JournalEntry> selected = new ArrayList<>(entries.stream()
                .filter(e -> query.pair() == null || e.pair().equals(query.pair()))
                .filter(e -> query.since() == null || !e.recordedAt().isBefore(query.since()))
                .sorted(Comparator.comparing(JournalEntry::recordedAt).thenComparing(JournalEntry::id).reversed())
                .toList());
        int from = query.cursor() == null ? 0 : Integer.parseInt(query.cursor());
        List<JournalEntry> page = selected.subList(Math.min(from, selected.size()),
                Math.min(from + query.limit(), selected.size()));
        return new HistoryPage(page, from + query.limit() < selected.size() ? String.valueOf(from + query.limit()) : null);
    }

    @Override
    public BigDecimal spendSince(Instant since) {
        check();
        return entries.stream().filter(e -> !e.recordedAt().isBefore(since)).map(JournalEntry::knownCostUsd)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Override
    public JournalHealth health() {
        return new JournalHealth(!down, down ? "cannot reach memory" : "memory", location(), dropped.get(), 0);
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    @Override
    public String location() {
        return "memory";
    }

    @Override
    public void close() {
    }

    private void check() {
        if (down) {
            throw new JournalException("cannot read from memory: down");
        }
    }
}
