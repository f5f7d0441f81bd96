package dev.llmservice.journal.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.llmservice.consensus.marketdata.Timeframe;
import dev.llmservice.journal.DecisionJournal;
import dev.llmservice.journal.HistoryPage;
import dev.llmservice.journal.HistoryQuery;
import dev.llmservice.journal.JournalEntry;
import dev.llmservice.journal.JournalException;
import dev.llmservice.journal.JournalHealth;
import dev.llmservice.journal.JournalSettings;
import dev.llmservice.journal.ScoringEntry;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The decision journal in SQLite or PostgreSQL, over JDBC.
 *
 * <h2>Storage</h2>
 * <ul>
 *   <li>SQLite ({@code jdbc:sqlite:FILE}, the default {@code ~/.llm-service/journal.db}): WAL mode, so readers
 *   never block the writer; {@code synchronous=NORMAL} (a power cut may lose the last transactions, never corrupt
 *   the file); a busy timeout of {@value #SQLITE_BUSY_TIMEOUT_MS} ms and write transactions that take the write lock
 *   at {@code BEGIN}, so a CLI and a server writing the same file take turns instead of failing.</li>
 *   <li>PostgreSQL ({@code jdbc:postgresql://...}): for several servers sharing one journal; batched inserts are
 *   rewritten into multi-row ones.</li>
 * </ul>
 * Both go through a small HikariCP pool ({@value #POOL_SIZE} connections) and are created or upgraded by
 * {@link JournalSchema} when opened.
 *
 * <h2>Writes</h2>
 * Off the response path: {@link #record} queues, one writer thread writes batches of up to
 * {@link Options#batchSize()} entries in one transaction each. A full queue, a failed batch or a closed journal
 * drop entries: counted in {@link #dropped()}, reported by {@link #health()}, warned about at most once per
 * {@link Options#warnInterval()}. {@link #close()} writes what is queued first.
 */
public final class JdbcDecisionJournal implements DecisionJournal {

    static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;
    static final int POOL_SIZE = 4;
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    /**
     * How the writer behaves.
     *
     * @param queueCapacity entries that may wait to be written; more are dropped (default 10,000: ten seconds of
     *                      the 1,000 entries/s target)
     * @param batchSize     entries written per transaction at most (default 500)
     * @param linger        how long an entry that finds the writer idle waits for others to share its transaction
     *                      (default 25 ms: the write then falls while the next consensus waits for its vendors, not
     *                      while the answer that recorded it goes out on the same cores; BENCHMARKS.md, "Lean
     *                      server"); zero writes it at once
     * @param warnInterval  at most one warning about lost entries per interval (default one minute)
     * @param closeTimeout  how long {@link #close()} waits for the queue to be written (default 10 s)
     */
    public record Options(int queueCapacity, int batchSize, Duration linger, Duration warnInterval,
                          Duration closeTimeout) {

        public static final Options DEFAULT = new Options(10_000, 500, Duration.ofMillis(25), Duration.ofMinutes(1),
                Duration.ofSeconds(10));

        public Options {
            if (queueCapacity < 1 || batchSize < 1) {
                throw new IllegalArgumentException("queueCapacity and batchSize must be at least 1");
            }
            Objects.requireNonNull(linger, "linger");
            if (linger.isNegative()) {
                throw new IllegalArgumentException("linger was " + linger + " but it must not be negative");
            }
            Objects.requireNonNull(warnInterval, "warnInterval");
            Objects.requireNonNull(closeTimeout, "closeTimeout");
        }
    }

    private final JournalSettings settings;
    private final HikariDataSource dataSource;
    private final JournalStore store;
    private final AsyncWriter<JournalEntry> writer;

    private JdbcDecisionJournal(JournalSettings settings, HikariDataSource dataSource, Clock clock, Options options) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.store = new JournalStore(dataSource, settings.location(), settings.isSqlite());
        this.writer = new AsyncWriter<>("llm-journal-writer", settings.location(), options.queueCapacity(),
                options.batchSize(), options.linger(), store::write, clock, options.warnInterval());
    }

    /** Opens the journal {@code settings} name with the default {@link Options}. */
    public static JdbcDecisionJournal open(JournalSettings settings, Clock clock) {
        return open(settings, clock, Options.DEFAULT);
    }

    /**
     * Opens the journal {@code settings} name: checks an SQLite file is one, connects, creates or upgrades the
     * tables, starts the writer.
     *
     * @throws JournalException when the URL is not SQLite or PostgreSQL, the file is not an SQLite database, the
     *                          database cannot be reached, or its journal schema is newer or different (nothing is
     *                          changed then)
     */
    public static JdbcDecisionJournal open(JournalSettings settings, Clock clock, Options options) {
        HikariDataSource dataSource;
        if (settings.isSqlite()) {
            dataSource = sqlite(settings);
        } else if (settings.isPostgresql()) {
            dataSource = postgresql(settings);
        } else {
            throw new JournalException(JournalSettings.URL_VARIABLE + " was '" + settings.location()
                    + "' but it must be jdbc:sqlite:FILE or jdbc:postgresql://HOST[:PORT]/DATABASE");
        }
        try {
            JournalSchema.migrate(dataSource, settings);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new JdbcDecisionJournal(settings, dataSource, clock, options);
    }

    private static HikariDataSource sqlite(JournalSettings settings) {
        Path file = settings.sqliteFile().toAbsolutePath();
        checkSqliteFile(file);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new JournalException("cannot create the directory of the journal " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        // BEGIN IMMEDIATE: a writer waits for the lock (busy timeout) at the start, instead of failing at once when
        // it would have to upgrade a read lock that another process's write invalidated.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        // SQLite's own page cache, per connection, in native memory the JVM's heap limit does not bound: 2 MB
        // (SQLite's default). 16 MB per connection, with up to four connections, held ~20-40 MB more resident
        // under load (BENCHMARKS.md, "Lean server"); the operating system's file cache still keeps the pages the
        // scorecard and the history read again.
        config.setCacheSize(-2_048);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl(JournalSettings.SQLITE_PREFIX + file);
        HikariConfig hikari = pool(settings);
        hikari.setDataSource(sqlite);
        return start(hikari, settings);
    }

    /**
     * Refuses, before anything opens it for writing, a non-empty file that does not start with SQLite's header and
     * an SQLite database that holds tables but no journal: nothing is ever written to a file that is not a journal
     * (even switching to WAL mode rewrites the header).
     */
    static void checkSqliteFile(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        if (!Files.isRegularFile(file)) {
            throw new JournalException("the journal " + file + " is not a file");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SQLITE_HEADER.length);
        } catch (IOException e) {
            throw new JournalException("cannot read the journal " + file + ": " + e.getMessage(), e);
        }
        if (head.length == 0) {
            return;
        }
        if (!Arrays.equals(head, SQLITE_HEADER)) {
            throw new JournalException("the journal " + file + " is not an SQLite database: set "
                    + JournalSettings.URL_VARIABLE + " to another file. It was left untouched.");
        }
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection c = readOnly.createConnection(JournalSettings.SQLITE_PREFIX + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(CASE WHEN name = '" + JournalSchema.HISTORY_TABLE
                     + "' THEN 1 END) FROM sqlite_master WHERE type = 'table'")) {
            rs.next();
            if (rs.getInt(1) > 0 && rs.getInt(2) == 0) {
                throw new JournalException("the database at " + file + " holds other tables but no journal: set "
                        + JournalSettings.URL_VARIABLE + " to a new file. It was left untouched.");
            }
        } catch (SQLException e) {
            throw new JournalException("the journal " + file + " cannot be read as an SQLite database ("
                    + AsyncWriter.describe(e) + "). It was left untouched.", e);
        }
    }

    private static HikariDataSource postgresql(JournalSettings settings) {
        HikariConfig hikari = pool(settings);
        hikari.setJdbcUrl(settings.url());
        if (settings.user() != null) {
            hikari.setUsername(settings.user());
        }
        if (settings.password() != null) {
            hikari.setPassword(settings.password());
        }
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        hikari.addDataSourceProperty("ApplicationName", "llm-service journal");
        return start(hikari, settings);
    }

    private static HikariConfig pool(JournalSettings settings) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("llm-journal");
        hikari.setMaximumPoolSize(POOL_SIZE);
        hikari.setMinimumIdle(1);
        // A database that is down must not hold the writer (or a health check) for long.
        hikari.setConnectionTimeout(2_000);
        hikari.setValidationTimeout(1_000);
        return hikari;
    }

    private static HikariDataSource start(HikariConfig hikari, JournalSettings settings) {
        try {
            return new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            throw new JournalException("cannot connect to the journal at " + settings.location() + ": "
                    + AsyncWriter.describe(e.getCause() == null ? e : e.getCause()), e);
        }
    }

    @Override
    public void record(JournalEntry entry) {
        writer.offer(Objects.requireNonNull(entry, "entry"));
    }

    @Override
    public Optional<JournalEntry> get(String id) {
        return store.get(id);
    }

    @Override
    public HistoryPage history(HistoryQuery query) {
        return store.history(query);
    }

    @Override
    public void forEachScoring(String pair, Timeframe timeframe, Consumer<ScoringEntry> action) {
        store.forEachScoring(Objects.requireNonNull(pair, "pair"), Objects.requireNonNull(timeframe, "timeframe"),
                Objects.requireNonNull(action, "action"));
    }

    @Override
    public BigDecimal spendSince(Instant since) {
        return store.spendSince(since);
    }

    @Override
    public JournalHealth health() {
        String where = location();
        if (writer.isClosed()) {
            return new JournalHealth(false, "closed", where, writer.dropped(), writer.queued());
        }
        String failure = writer.failure();
        if (failure == null) {
            try {
                store.ping();
            } catch (SQLException e) {
                failure = "cannot reach " + where + ": " + AsyncWriter.describe(e);
            }
        }
        return failure == null
                ? new JournalHealth(true, (settings.isSqlite() ? "sqlite" : "postgresql") + ", " + writer.written()
                        + " entries written since start", where, writer.dropped(), writer.queued())
                : new JournalHealth(false, failure, where, writer.dropped(), writer.queued());
    }

    @Override
    public long dropped() {
        return writer.dropped();
    }

    /** Entries written since the journal was opened. */
    public long written() {
        return writer.written();
    }

    @Override
    public String location() {
        return settings.location();
    }


    @Override
    public void close() {
        close(Options.DEFAULT.closeTimeout());
    }

    /** Writes what is queued, waiting at most {@code timeout} (the rest is dropped and counted), then disconnects. */
    public void close(Duration timeout) {
        try {
            writer.close(timeout);
        } finally {
            dataSource.close();
        }
    }

    @Override
    public String toString() {
        return "JdbcDecisionJournal[" + location() + "]";
    }
}
