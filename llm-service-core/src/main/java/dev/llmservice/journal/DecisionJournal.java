package dev.llmservice.journal;

import dev.llmservice.consensus.marketdata.Timeframe;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The record of every consensus: what was asked, what each provider answered, what it cost.
 *
 * <p>{@link #record} is on the response path and therefore never blocks and never throws: an implementation queues
 * the entry and writes it on its own thread. An entry that cannot be written (queue full, database down, journal
 * closed) is counted in {@link #dropped()} and reported in {@link #health()}, and the consensus result is still
 * returned. The queries run on the caller's thread and throw {@link JournalException} when the journal cannot be
 * read.
 *
 * <p>Implementations: {@link #off()} ({@code LLM_JOURNAL=off}), and the JDBC journal of the
 * {@code llm-service-journal} module (SQLite or PostgreSQL), chosen by {@link DecisionJournals#open}. All are
 * thread-safe.
 */
public interface DecisionJournal extends AutoCloseable {

    /**
     * Queues {@code entry} for writing. Never blocks, never throws; an entry that cannot be queued is counted in
     * {@link #dropped()}.
     */
    void record(JournalEntry entry);

    /** The entry with this id, with its votes; empty when there is none (or it is still queued). */
    Optional<JournalEntry> get(String id);

    /**
     * Entries newest first (by {@link JournalEntry#recordedAt()}, then id), filtered and paged as {@code query} says.
     *
     * @throws IllegalArgumentException when the query's cursor is not one this journal returned
     */
    HistoryPage history(HistoryQuery query);

    /**
     * Calls {@code action} for every entry {@code query} selects, newest first, reading page after page of
     * {@code query.limit()} entries (for the scorecard).
     */
    default void forEach(HistoryQuery query, Consumer<JournalEntry> action) {
        HistoryQuery q = query;
        while (true) {
            HistoryPage page = history(q);
            page.entries().forEach(action);
            if (!page.hasMore()) {
                return;
            }
            q = q.after(page.nextCursor());
        }
    }

    /**
     * Calls {@code action} for every entry of {@code pair} and {@code timeframe}, newest first (by
     * {@link JournalEntry#recordedAt()}, then id: the order of {@link #forEach}), in the narrow form the scorecard
     * reads ({@link dev.llmservice.scorecard.Scorecards#computeScoring}). Gives what {@link ScoringEntry#of} gives for
     * each entry {@link #forEach} reads. This default does exactly that; the JDBC journal instead streams only
     * those columns in one query, two to three times faster over a hundred thousand entries. {@code action} runs while
     * that query is open (a pooled connection held): collect the entries, compute afterwards.
     *
     * @param pair exact, e.g. {@code BTC/USDT}
     * @throws JournalException when the journal cannot be read, or holds a value this version does not know
     */
    default void forEachScoring(String pair, Timeframe timeframe, Consumer<ScoringEntry> action) {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(timeframe, "timeframe");
        forEach(HistoryQuery.newest().withPair(pair).withLimit(HistoryQuery.MAX_LIMIT), e -> {
            if (e.timeframe() == timeframe) {
                action.accept(ScoringEntry.of(e));
            }
        });
    }

    /** What the written entries recorded at or after {@code since} cost, in USD (known costs only). */
    BigDecimal spendSince(Instant since);

    /**
     * What today's entries cost, in USD: the UTC day of {@code clock}'s instant. Entries still queued (normally
     * well under a second's worth) are not counted yet.
     */
    default BigDecimal spendToday(Clock clock) {
        return spendSince(startOfUtcDay(clock.instant()));
    }

    /** The journal's health: up or down and why, entries dropped and queued. */
    JournalHealth health();

    /** Entries lost since the journal was opened: the value of {@code llm_journal_dropped_total}. */
    long dropped();

    /** Where the journal is, for messages (never with a password). */
    String location();

    /** Writes what is queued (waiting a bounded time), then releases the database. Later entries are dropped. */
    @Override
    void close();

    /** The journal for {@code LLM_JOURNAL=off}: records nothing, finds nothing, costs nothing. */
    static DecisionJournal off() {
        return OffJournal.INSTANCE;
    }

    /** Midnight UTC at the start of {@code instant}'s day. */
    static Instant startOfUtcDay(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
