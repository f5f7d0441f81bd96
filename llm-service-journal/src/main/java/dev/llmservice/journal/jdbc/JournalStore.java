package dev.llmservice.journal.jdbc;

import dev.llmservice.consensus.marketdata.Timeframe;
import dev.llmservice.consensus.policy.ConfidenceRange;
import dev.llmservice.consensus.policy.ConsensusPolicy;
import dev.llmservice.consensus.policy.ConsensusStatus;
import dev.llmservice.consensus.policy.Quorum;
import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.consensus.vote.VoteStatus;
import dev.llmservice.cost.Usd;
import dev.llmservice.journal.HistoryPage;
import dev.llmservice.journal.HistoryQuery;
import dev.llmservice.journal.JournalEntry;
import dev.llmservice.journal.JournalException;
import dev.llmservice.journal.JournalVote;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.journal.ScoringEntry;
import dev.llmservice.journal.ScoringVote;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The journal's SQL, the same for SQLite and PostgreSQL (row values, {@code ON CONFLICT DO NOTHING}: SQLite 3.24+,
 * PostgreSQL 9.5+). Every method takes a connection from the pool and gives it back.
 *
 * <p>Indexes: history is an index range scan of {@code (recorded_at_ms, id)} or {@code (pair, recorded_at_ms, id)}
 * read backwards, a page's votes a primary-key look-up per entry, today's spend a range of the first index; the
 * scorecard's read a range of {@code llm_journal_entry_scoring} read backwards with a look-up per entry in
 * {@code llm_journal_vote_scoring}, both holding every column it reads ({@code V3__scorecard_indexes.sql}).
 */
final class JournalStore {

    private static final String ENTRY_COLUMNS = "id, recorded_at_ms, pair, timeframe, last_candle_at_ms, last_close, "
            + "candles_fingerprint, prompt_version, policy_version, decision, status, confidence, agreement, "
            + "early_stopped, latency_ms, known_cost_pico_usd, cost_complete, quorum_required_weight, "
            + "quorum_required_count, confidence_min, confidence_max";
    private static final String VOTE_COLUMNS = "entry_id, ordinal, provider, model, weight, status, decision, "
            + "confidence, reasoning, latency_ms, input_tokens, output_tokens, cost_pico_usd, cost_note, failure_kind, "
            + "error_message";

    // A retried batch, or the same entry recorded twice, must not fail the entries around it.
    private static final String INSERT_ENTRY = "INSERT INTO llm_journal_entry (" + ENTRY_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    private static final String INSERT_VOTE = "INSERT INTO llm_journal_vote (" + VOTE_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entry_id, ordinal) DO NOTHING";

    /**
     * The scorecard's read: entries of one pair and timeframe, newest first, each followed by its votes in order.
     * The LEFT JOIN keeps an entry without votes. The order after the id changes nothing (the id is unique) but
     * names every column of the unique index {@code llm_journal_entry_scoring}, which is how SQLite sees that the
     * index gives the whole order and leaves each entry's votes unsorted (in their order in the vote index) instead
     * of sorting them again.
     */
    private static final String SCORING_QUERY = "SELECT e.recorded_at_ms, v.ordinal, e.last_candle_at_ms, "
            + "e.last_close, e.decision, e.status, e.confidence, v.provider, v.decision, v.confidence, v.cost_pico_usd, "
            + "e.id FROM llm_journal_entry e LEFT JOIN llm_journal_vote v ON v.entry_id = e.id "
            + "WHERE e.pair = ? AND e.timeframe = ? ORDER BY e.recorded_at_ms DESC, e.id DESC, "
            + "e.last_candle_at_ms DESC, e.last_close DESC, e.decision DESC, e.status DESC, e.confidence DESC, v.ordinal";
    private static final int SCORING_ID_COLUMN = 12;
    /** Rows per PostgreSQL fetch: about a megabyte. */
    static final int SCORING_FETCH_SIZE = 10_000;
    private static final Map<String, Decision> DECISIONS = codes(Decision.class);
    private static final Map<String, ConsensusStatus> STATUSES = codes(ConsensusStatus.class);

    private final DataSource dataSource;
    private final String where;
    private final boolean sqlite;

    /** @param sqlite SQLite rather than PostgreSQL */
    JournalStore(DataSource dataSource, String where, boolean sqlite) {
        this.dataSource = dataSource;
        this.where = where;
        this.sqlite = sqlite;
    }

    /** Writes {@code batch} in one transaction. */
    void write(List<JournalEntry> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement entries = c.prepareStatement(INSERT_ENTRY);
                 PreparedStatement votes = c.prepareStatement(INSERT_VOTE)) {
                for (JournalEntry e : batch) {
                    bindEntry(entries, e);
                    entries.addBatch();
                    for (int i = 0; i < e.votes().size(); i++) {
                        bindVote(votes, e.id(), i, e.votes().get(i));
                        votes.addBatch();
                    }
                }
                entries.executeBatch();
                votes.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                // SQLite: ends the transaction the driver begins right after a commit, releasing the write lock.
                c.setAutoCommit(true);
            }
        }
    }

    Optional<JournalEntry> get(String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + ENTRY_COLUMNS + " FROM llm_journal_entry WHERE id = ?")) {
            s.setString(1, id);
            List<EntryRow> rows = readEntries(s);
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(withVotes(c, rows).get(0));
        } catch (SQLException e) {
            throw failed("read entry " + id, e);
        }
    }

    HistoryPage history(HistoryQuery query) {
        HistoryCursor cursor = query.cursor() == null ? null : HistoryCursor.decode(query.cursor());
        StringBuilder sql = new StringBuilder("SELECT ").append(ENTRY_COLUMNS).append(" FROM llm_journal_entry");
        List<Object> params = new ArrayList<>();
        String and = " WHERE ";
        if (query.pair() != null) {
            sql.append(and).append("pair = ?");
            params.add(query.pair());
            and = " AND ";
        }
        if (query.since() != null) {
            sql.append(and).append("recorded_at_ms >= ?");
            params.add(query.since().toEpochMilli());
            and = " AND ";
        }
        if (cursor != null) {
            sql.append(and).append("(recorded_at_ms, id) < (?, ?)");
            params.add(cursor.recordedAtMs());
            params.add(cursor.id());
        }
        sql.append(" ORDER BY recorded_at_ms DESC, id DESC LIMIT ?");
        params.add(query.limit() + 1);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            List<EntryRow> rows = readEntries(s);
            String next = null;
            if (rows.size() > query.limit()) {
                rows = rows.subList(0, query.limit());
                EntryRow last = rows.get(rows.size() - 1);
                next = new HistoryCursor(last.recordedAtMs, last.id).encode();
            }
            return new HistoryPage(withVotes(c, rows), next);
        } catch (SQLException e) {
            throw failed("read the history", e);
        }
    }

    /**
     * Streams the scoring columns of every entry of {@code pair} and {@code timeframe} with its votes, newest first
     * (the history's order), in one query answered from the two scoring indexes alone
     * ({@code V3__scorecard_indexes.sql}): nothing the scorecard does not read (no reasoning text) is touched.
     * PostgreSQL sends the rows in fetches of {@value #SCORING_FETCH_SIZE} inside a read transaction instead of all
     * at once; SQLite steps through them anyway.
     */
    void forEachScoring(String pair, Timeframe timeframe, Consumer<ScoringEntry> action) {
        try (Connection c = dataSource.getConnection()) {
            // SQLite: autocommit stays on, the query is its own read transaction (BEGIN IMMEDIATE would take the
            // write lock). PostgreSQL only streams through a cursor, and so honours the fetch size, in a transaction.
            boolean transaction = !sqlite;
            if (transaction) {
                c.setAutoCommit(false);
            }
            try (PreparedStatement s = c.prepareStatement(SCORING_QUERY)) {
                s.setFetchSize(SCORING_FETCH_SIZE);
                s.setString(1, pair);
                s.setString(2, timeframe.code());
                try (ResultSet rs = s.executeQuery()) {
                    readScoring(rs, pair, timeframe, action);
                }
            } finally {
                if (transaction) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw failed("read the entries of " + pair + " " + timeframe.code(), e);
        }
    }

    /**
     * Turns the rows of {@link #SCORING_QUERY} into entries. The entry's columns repeat on each of its votes' rows
     * and are read on its first. An entry's first row is told by its vote number, not by its id: the journal writes
     * an entry's votes numbered 0, 1, ... with the entry, in one transaction, so a row whose number is not above the
     * previous row's (or that has no vote) starts the next entry. Reading the id of every row instead would cost as
     * much as the rest of the row in SQLite (a string from the driver costs half a microsecond); it is read for an
     * error message only.
     */
    private static void readScoring(ResultSet rs, String pair, Timeframe timeframe, Consumer<ScoringEntry> action)
            throws SQLException {
        ScoringRow entry = null;
        while (rs.next()) {
            int ordinal = rs.getInt(2);
            boolean voteless = rs.wasNull();
            if (entry == null || voteless || ordinal <= entry.lastOrdinal) {
                if (entry != null) {
                    action.accept(entry.toEntry(pair, timeframe));
                }
                entry = new ScoringRow(rs.getLong(1), rs.getLong(3), rs.getDouble(4),
                        code(DECISIONS, Decision.class, "decision", rs, 5),
                        code(STATUSES, ConsensusStatus.class, "status", rs, 6), rs.getDouble(7));
            }
            if (voteless) {
                entry.lastOrdinal = Integer.MAX_VALUE;
                continue;
            }
            entry.lastOrdinal = ordinal;
            String provider = rs.getString(8);
            Decision decision = code(DECISIONS, Decision.class, "vote decision", rs, 9);
            double confidence = rs.getDouble(10);
            Double conf = rs.wasNull() ? null : confidence;
            long pico = rs.getLong(11);
            entry.votes.add(new ScoringVote(provider, decision, conf, rs.wasNull() ? null : Usd.fromPico(pico)));
        }
        if (entry != null) {
            action.accept(entry.toEntry(pair, timeframe));
        }
    }

    /** An entry of the scoring query while its votes are read. */
    private static final class ScoringRow {
        final long recordedAtMs;
        final long lastCandleAtMs;
        final double lastClose;
        final Decision decision;
        final ConsensusStatus status;
        final double confidence;
        final List<ScoringVote> votes = new ArrayList<>(4);
        int lastOrdinal = -1;

        ScoringRow(long recordedAtMs, long lastCandleAtMs, double lastClose, Decision decision, ConsensusStatus status,
                   double confidence) {
            this.recordedAtMs = recordedAtMs;
            this.lastCandleAtMs = lastCandleAtMs;
            this.lastClose = lastClose;
            this.decision = decision;
            this.status = status;
            this.confidence = confidence;
        }

        ScoringEntry toEntry(String pair, Timeframe timeframe) {
            return new ScoringEntry(Instant.ofEpochMilli(recordedAtMs), pair, timeframe,
                    Instant.ofEpochMilli(lastCandleAtMs), lastClose, decision, status, confidence, votes);
        }
    }

    /**
     * {@link #constant} of a scoring row, {@code null} for NULL: a look-up in a table of the usual spellings, without
     * upper-casing every value.
     */
    private static <E extends Enum<E>> E code(Map<String, E> codes, Class<E> type, String column, ResultSet rs,
                                              int index) throws SQLException {
        String value = rs.getString(index);
        if (value == null) {
            return null;
        }
        E constant = codes.get(value);
        return constant != null ? constant : constant(type, rs.getString(SCORING_ID_COLUMN), column, rs, index);
    }

    /** Each constant by its name and by its name in lower case ({@code BUY}, {@code below_threshold}). */
    private static <E extends Enum<E>> Map<String, E> codes(Class<E> type) {
        Map<String, E> codes = new HashMap<>();
        for (E e : type.getEnumConstants()) {
            codes.put(e.name(), e);
            codes.put(e.name().toLowerCase(Locale.ROOT), e);
        }
        return Map.copyOf(codes);
    }

    BigDecimal spendSince(Instant since) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT COALESCE(SUM(known_cost_pico_usd), 0) FROM llm_journal_entry WHERE recorded_at_ms >= ?")) {
            s.setLong(1, since.toEpochMilli());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                // PostgreSQL sums BIGINT into NUMERIC, SQLite into INTEGER: both read exactly as a BigDecimal.
                BigDecimal pico = rs.getBigDecimal(1);
                return Usd.normalize(pico.movePointLeft(Usd.SCALE));
            }
        } catch (SQLException e) {
            throw failed("read the spend", e);
        }
    }

    /** Whether a connection can be had and answers, within a second or two. */
    void ping() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(2)) {
                throw new SQLException("the connection did not answer");
            }
        }
    }

    private JournalException failed(String what, SQLException e) {
        return new JournalException("cannot " + what + " from " + where + ": " + AsyncWriter.describe(e), e);
    }

    private static void bindEntry(PreparedStatement s, JournalEntry e) throws SQLException {
        s.setString(1, e.id());
        s.setLong(2, e.recordedAt().toEpochMilli());
        s.setString(3, e.pair());
        s.setString(4, e.timeframe().code());
        s.setLong(5, e.lastCandleAt().toEpochMilli());
        s.setDouble(6, e.lastClose());
        s.setString(7, e.candlesFingerprint());
        s.setString(8, e.promptVersion());
        s.setString(9, e.policyVersion());
        s.setString(10, e.decision().name());
        s.setString(11, e.status().code());
        s.setDouble(12, e.confidence());
        s.setDouble(13, e.agreement());
        s.setBoolean(14, e.earlyStopped());
        s.setLong(15, e.latency().toMillis());
        s.setLong(16, Usd.toPico(e.knownCostUsd()));
        s.setBoolean(17, e.costComplete());
        s.setDouble(18, e.quorum().requiredWeight());
        s.setInt(19, e.quorum().requiredCount());
        s.setDouble(20, e.confidenceRange().min());
        s.setDouble(21, e.confidenceRange().max());
    }

    private static void bindVote(PreparedStatement s, String entryId, int ordinal, JournalVote v) throws SQLException {
        s.setString(1, entryId);
        s.setInt(2, ordinal);
        s.setString(3, v.provider());
        s.setString(4, v.model());
        s.setDouble(5, v.weight());
        s.setString(6, v.status().code());
        s.setString(7, v.decision() == null ? null : v.decision().name());
        if (v.confidence() == null) {
            s.setNull(8, Types.DOUBLE);
        } else {
            s.setDouble(8, v.confidence());
        }
        s.setString(9, v.reasoning());
        s.setLong(10, v.latency().toMillis());
        s.setInt(11, v.inputTokens());
        s.setInt(12, v.outputTokens());
        if (v.costUsd() == null) {
            s.setNull(13, Types.BIGINT);
        } else {
            s.setLong(13, Usd.toPico(v.costUsd()));
        }
        s.setString(14, v.costNote());
        s.setString(15, v.failure() == null ? null : v.failure().code());
        s.setString(16, v.error());
    }

    /** An entry row before its votes are read. */
    private record EntryRow(String id, long recordedAtMs, String pair, Timeframe timeframe, long lastCandleAtMs,
                            double lastClose, String fingerprint, String promptVersion, String policyVersion,
                            Decision decision, ConsensusStatus status, double confidence, double agreement,
                            boolean earlyStopped, long latencyMs, Double requiredWeight, Integer requiredCount,
                            Double confidenceMin, Double confidenceMax) {
    }

    private static List<EntryRow> readEntries(PreparedStatement s) throws SQLException {
        List<EntryRow> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(1);
                rows.add(new EntryRow(id, rs.getLong(2), rs.getString(3),
                        Timeframe.fromCode(rs.getString(4)).orElseThrow(() -> unknown(id, "timeframe", rs, 4)),
                        rs.getLong(5), rs.getDouble(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        constant(Decision.class, id, "decision", rs, 10), constant(ConsensusStatus.class, id, "status", rs, 11),
                        rs.getDouble(12), rs.getDouble(13), rs.getBoolean(14), rs.getLong(15),
                        nullableDouble(rs, 18), nullableInt(rs, 19), nullableDouble(rs, 20), nullableDouble(rs, 21)));
            }
        }
        return rows;
    }

    /** The entries with their votes, in the rows' order; one query for all the votes. */
    private static List<JournalEntry> withVotes(Connection c, List<EntryRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<JournalVote>> votes = new HashMap<>(rows.size() * 2);
        StringBuilder sql = new StringBuilder("SELECT ").append(VOTE_COLUMNS)
                .append(" FROM llm_journal_vote WHERE entry_id IN (");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        sql.append(") ORDER BY entry_id, ordinal");
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < rows.size(); i++) {
                s.setString(i + 1, rows.get(i).id);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String entryId = rs.getString(1);
                    String decision = rs.getString(7);
                    double confidence = rs.getDouble(8);
                    Double conf = rs.wasNull() ? null : confidence;
                    long pico = rs.getLong(13);
                    BigDecimal cost = rs.wasNull() ? null : Usd.fromPico(pico);
                    String failure = rs.getString(15);
                    votes.computeIfAbsent(entryId, k -> new ArrayList<>()).add(new JournalVote(rs.getString(3),
                            rs.getString(4), rs.getDouble(5), constant(VoteStatus.class, entryId, "vote status", rs, 6),
                            decision == null ? null : constant(Decision.class, entryId, "vote decision", rs, 7), conf,
                            rs.getString(9), Duration.ofMillis(rs.getLong(10)), rs.getInt(11), rs.getInt(12), cost,
                            rs.getString(14),
                            failure == null ? null : constant(FailureKind.class, entryId, "vote failure kind", rs, 15),
                            rs.getString(16)));
                }
            }
        }
        List<JournalEntry> entries = new ArrayList<>(rows.size());
        for (EntryRow r : rows) {
            List<JournalVote> entryVotes = votes.getOrDefault(r.id, List.of());
            entries.add(new JournalEntry(r.id, Instant.ofEpochMilli(r.recordedAtMs), r.pair, r.timeframe,
                    Instant.ofEpochMilli(r.lastCandleAtMs), r.lastClose, r.fingerprint, r.promptVersion,
                    r.policyVersion, r.decision, r.status, r.confidence, r.agreement, r.earlyStopped,
                    Duration.ofMillis(r.latencyMs), entryVotes, quorum(r, entryVotes),
                    r.confidenceMin == null || r.confidenceMax == null ? ConfidenceRange.point(r.confidence)
                            : new ConfidenceRange(r.confidenceMin, r.confidenceMax)));
        }
        return entries;
    }

    /**
     * The recorded quorum: the weights and counts that came back are sums over the votes; what was required is the
     * stored requirement, or for an entry of schema version 1, which has none, the default policy's.
     */
    private static Quorum quorum(EntryRow r, List<JournalVote> votes) {
        Quorum sums = ConsensusPolicy.DEFAULT.evaluate(votes.stream().map(JournalVote::toVote).toList()).quorum();
        if (r.requiredWeight == null || r.requiredCount == null) {
            return sums;
        }
        return new Quorum(sums.totalWeight(), r.requiredWeight, sums.respondedWeight(), r.requiredCount,
                sums.respondedCount(), sums.respondedWeight() >= r.requiredWeight && sums.respondedCount() >= r.requiredCount);
    }

    private static Double nullableDouble(ResultSet rs, int index) throws SQLException {
        double value = rs.getDouble(index);
        return rs.wasNull() ? null : value;
    }

    private static Integer nullableInt(ResultSet rs, int index) throws SQLException {
        int value = rs.getInt(index);
        return rs.wasNull() ? null : value;
    }

    /** The enum constant a column holds ({@code BUY}, {@code below_threshold}, any case). */
    private static <E extends Enum<E>> E constant(Class<E> type, String id, String column, ResultSet rs, int index)
            throws SQLException {
        String value = rs.getString(index);
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw unknown(id, column, rs, index);
        }
    }

    private static JournalException unknown(String id, String column, ResultSet rs, int index) {
        String value;
        try {
            value = rs.getString(index);
        } catch (SQLException e) {
            value = "?";
        }
        return new JournalException("journal entry " + id + " has " + column + " '" + value
                + "', which this version of llm-service does not know");
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
