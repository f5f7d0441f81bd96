package dev.llmservice.journal.jdbc;

import dev.llmservice.consensus.ConsensusResult;
import dev.llmservice.consensus.policy.ConfidenceRange;
import dev.llmservice.consensus.policy.Quorum;
import dev.llmservice.consensus.marketdata.Candle;
import dev.llmservice.consensus.marketdata.Timeframe;
import dev.llmservice.journal.HistoryPage;
import dev.llmservice.journal.HistoryQuery;
import dev.llmservice.journal.JournalEntry;
import dev.llmservice.journal.JournalException;
import dev.llmservice.journal.JournalHealth;
import dev.llmservice.journal.JournalSettings;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.journal.ScoringEntry;
import dev.llmservice.json.Json;
import dev.llmservice.scorecard.ProviderScore;
import dev.llmservice.scorecard.Scorecard;
import dev.llmservice.scorecard.Scorecards;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every journal database must do, run against each (SQLite, PostgreSQL) by a subclass. Each test gets a new,
 * empty database from {@link #newDatabase()}.
 */
abstract class JournalContractTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-14T23:59:30Z"), ZoneOffset.UTC);

    private final List<JdbcDecisionJournal> opened = new ArrayList<>();
    private JournalSettings settings;

    /** The settings of a new, empty database. */
    abstract JournalSettings newDatabase() throws Exception;

    JournalSettings settings() throws Exception {
        if (settings == null) {
            settings = newDatabase();
        }
        return settings;
    }

    JdbcDecisionJournal open() throws Exception {
        return open(settings());
    }

    JdbcDecisionJournal open(JournalSettings s) {
        JdbcDecisionJournal journal = JdbcDecisionJournal.open(s, CLOCK);
        opened.add(journal);
        return journal;
    }

    @AfterEach
    void closeJournals() {
        opened.forEach(JdbcDecisionJournal::close);
    }

    /** A plain JDBC connection to the test database, to look behind the journal's back. */
    Connection connect() throws Exception {
        JournalSettings s = settings();
        Properties p = new Properties();
        if (s.user() != null) {
            p.setProperty("user", s.user());
            p.setProperty("password", s.password());
        }
        return DriverManager.getConnection(s.url(), p);
    }

    static void recordAndWait(JdbcDecisionJournal journal, List<JournalEntry> entries) {
        long before = journal.written();
        entries.forEach(journal::record);
        Await.until(entries.size() + " entries written", () -> journal.written() >= before + entries.size());
    }

    @Test
    void aRecordedEntryReadsBackWithEveryFieldAndVote() throws Exception {
        JdbcDecisionJournal journal = open();
        JournalEntry entry = Entries.entry(Entries.T0, "BTC/USDT");

        recordAndWait(journal, List.of(entry));

        assertThat(journal.get(entry.id())).contains(entry);
        assertThat(journal.get("no-such-id")).isEmpty();
        JournalEntry read = journal.get(entry.id()).orElseThrow();
        assertThat(read.votes().get(0).reasoning()).isEqualTo("RSI recovering from 38 with MACD crossing up; ünïcode ✓");
        assertThat(read.votes().get(3).costUsd()).isNull();
        assertThat(read.votes().get(3).costNote()).isEqualTo("no price for model grok-5-preview");
        assertThat(read.knownCostUsd()).isEqualByComparingTo(Entries.ENTRY_COST);
    }

    @Test
    void anEntryReadBackIsTheConsensusResultItRecordsWithItsIdQuorumRangeAndErrors() throws Exception {
        JdbcDecisionJournal journal = open();
        JournalEntry entry = Entries.entry(Entries.T0, "BTC/USDT");
        recordAndWait(journal, List.of(entry));

        ConsensusResult result = journal.get(entry.id()).orElseThrow().toResult();

        assertThat(result).isEqualTo(entry.toResult());
        assertThat(result.id()).isEqualTo(entry.id());
        assertThat(result.createdAt()).isEqualTo(Entries.T0);
        assertThat(result.quorum().requiredWeight()).isEqualTo(2.4375);
        assertThat(result.quorum().requiredCount()).isEqualTo(3);
        assertThat(result.confidenceRange().max()).isEqualTo(0.7307692307692307);
        assertThat(result.votes().get(2).failure()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(result.votes().get(2).error()).isEqualTo("no answer within 30 s (the provider's timeout)");
        assertThat(result.costUsd()).isNull();
    }

    @Test
    void anEntryWrittenBySchemaVersionOneIsShownWithTheDefaultQuorumAndWithoutItsErrors() throws Exception {
        JdbcDecisionJournal journal = open();
        JournalEntry entry = Entries.entry(Entries.T0, "BTC/USDT");
        recordAndWait(journal, List.of(entry));
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE llm_journal_entry SET quorum_required_weight = NULL, quorum_required_count = NULL, "
                    + "confidence_min = NULL, confidence_max = NULL");
            s.executeUpdate("UPDATE llm_journal_vote SET failure_kind = NULL, error_message = NULL");
        }

        ConsensusResult result = journal.get(entry.id()).orElseThrow().toResult();

        assertThat(result.quorum()).isEqualTo(new Quorum(3.25, 1.625, 2.75, 2, 3, true));
        assertThat(result.confidenceRange()).isEqualTo(ConfidenceRange.point(0.6125));
        assertThat(result.votes().get(2).error()).isEqualTo("(the error was not recorded)");
        assertThat(result.votes().get(2).failure()).isNull();
    }

    @Test
    void historyIsNewestFirstAndItsCursorNeitherRepeatsNorShowsEntriesRecordedBetweenPages() throws Exception {
        JdbcDecisionJournal journal = open();
        List<JournalEntry> entries = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // Two entries share each millisecond: the id breaks the tie.
            entries.add(Entries.entry(Entries.T0.plusMillis(i / 2), "BTC/USDT"));
        }
        recordAndWait(journal, entries);

        HistoryPage first = journal.history(HistoryQuery.newest().withLimit(3));
        recordAndWait(journal, List.of(Entries.entry(Entries.T0.plusSeconds(60), "BTC/USDT")));
        HistoryPage second = journal.history(HistoryQuery.newest().withLimit(3).after(first.nextCursor()));
        HistoryPage third = journal.history(HistoryQuery.newest().withLimit(3).after(second.nextCursor()));

        List<String> expected = entries.stream()
                .sorted((a, b) -> a.recordedAt().equals(b.recordedAt()) ? b.id().compareTo(a.id())
                        : b.recordedAt().compareTo(a.recordedAt()))
                .map(JournalEntry::id).toList();
        List<String> seen = new ArrayList<>();
        for (HistoryPage page : List.of(first, second, third)) {
            page.entries().forEach(e -> seen.add(e.id()));
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(third.hasMore()).isFalse();
        assertThat(first.entries().get(0).votes()).hasSize(4);
        assertThat(journal.history(HistoryQuery.newest()).entries()).hasSize(8);
    }

    @Test
    void historyFiltersByPairAndSince() throws Exception {
        JdbcDecisionJournal journal = open();
        JournalEntry oldBtc = Entries.entry(Entries.T0, "BTC/USDT");
        JournalEntry eth = Entries.entry(Entries.T0.plusSeconds(10), "ETH/USDT");
        JournalEntry newBtc = Entries.entry(Entries.T0.plusSeconds(20), "BTC/USDT");
        recordAndWait(journal, List.of(oldBtc, eth, newBtc));

        assertThat(ids(journal.history(HistoryQuery.newest().withPair("BTC/USDT")))).containsExactly(newBtc.id(), oldBtc.id());
        assertThat(ids(journal.history(HistoryQuery.newest().withSince(Entries.T0.plusSeconds(10)))))
                .containsExactly(newBtc.id(), eth.id());
        assertThat(ids(journal.history(HistoryQuery.newest().withPair("BTC/USDT").withSince(Entries.T0.plusSeconds(1)))))
                .containsExactly(newBtc.id());
        assertThat(journal.history(HistoryQuery.newest().withPair("XRP/USDT")).entries()).isEmpty();
    }

    @Test
    void readingEverythingGivesTheSameEntriesInTheSameOrderAsPageAfterPage() throws Exception {
        JdbcDecisionJournal journal = open();
        List<JournalEntry> entries = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            entries.add(Entries.entry(Entries.T0.plusMillis(i / 3), i % 5 == 0 ? "ETH/USDT" : "BTC/USDT"));
        }
        recordAndWait(journal, entries);
        HistoryQuery btc = HistoryQuery.newest().withPair("BTC/USDT").withLimit(4);
        List<JournalEntry> paged = new ArrayList<>();
        HistoryQuery q = btc;
        HistoryPage page;
        do {
            page = journal.history(q);
            paged.addAll(page.entries());
            q = btc.after(page.nextCursor());
        } while (page.hasMore());

        List<JournalEntry> streamed = new ArrayList<>();
        journal.forEach(btc, streamed::add);
        List<JournalEntry> fromSecondPage = new ArrayList<>();
        journal.forEach(btc.after(journal.history(btc).nextCursor()), fromSecondPage::add);

        assertThat(paged).hasSize(20);
        assertThat(streamed).isEqualTo(paged);
        assertThat(fromSecondPage).isEqualTo(paged.subList(4, 20));
    }

    @Test
    void theScoringReadGivesTheScorecardOfTheFullEntriesExactly() throws Exception {
        JdbcDecisionJournal journal = open();
        List<JournalEntry> recorded = Entries.mixed(new Random(7), 600);
        recordAndWait(journal, recorded);
        List<Candle> candles = Entries.candles(new Random(11));

        List<ScoringEntry> narrow = new ArrayList<>();
        journal.forEachScoring("BTC/USDT", Timeframe.M5, narrow::add);
        List<JournalEntry> full = new ArrayList<>();
        journal.forEach(HistoryQuery.newest().withPair("BTC/USDT").withLimit(7), full::add);
        Scorecard fromFull = Scorecards.compute("BTC/USDT", Timeframe.M5, full, candles);
        Scorecard fromNarrow = Scorecards.computeScoring("BTC/USDT", Timeframe.M5, narrow, candles);

        assertThat(narrow).isEqualTo(full.stream().filter(e -> e.timeframe() == Timeframe.M5)
                .map(ScoringEntry::of).toList());
        assertThat(fromNarrow).isEqualTo(fromFull);
        assertThat(Json.compact(fromNarrow)).isEqualTo(Json.compact(fromFull));
        // What was recorded, newest first as the journal reads it, scores the same again.
        List<JournalEntry> newestFirst = recorded.stream().sorted(Comparator.comparing(JournalEntry::recordedAt)
                .thenComparing(JournalEntry::id).reversed()).toList();
        assertThat(Scorecards.compute("BTC/USDT", Timeframe.M5, newestFirst, candles)).isEqualTo(fromNarrow);
        // The journal holds what makes the comparison worth it: every kind of entry and vote of the pair.
        assertThat(fromNarrow.entriesScored()).isGreaterThan(100);
        assertThat(fromNarrow.entriesPending()).isGreaterThan(10);
        assertThat(narrow).anyMatch(e -> e.votes().isEmpty());
        assertThat(narrow).anyMatch(e -> e.votes().size() == 1);
        assertThat(fromNarrow.providers()).extracting(ProviderScore::name)
                .containsExactly("anthropic", "gemini", "grok", "openai");
        assertThat(fromNarrow.providers()).anyMatch(p -> p.costUsd() == null).anyMatch(p -> p.costUsd() != null);
    }

    @Test
    void theScoringReadOfAPairWithoutEntriesIsEmpty() throws Exception {
        JdbcDecisionJournal journal = open();
        recordAndWait(journal, List.of(Entries.entry(Entries.T0, "BTC/USDT")));

        List<ScoringEntry> read = new ArrayList<>();
        journal.forEachScoring("ETH/USDT", Timeframe.M5, read::add);
        journal.forEachScoring("BTC/USDT", Timeframe.H1, read::add);

        assertThat(read).isEmpty();
    }

    @Test
    void aJournalOfSchemaVersion2IsUpgradedWithItsEntriesAndTheScoringIndexes() throws Exception {
        JdbcDecisionJournal journal = open();
        List<JournalEntry> entries = Entries.mixed(new Random(3), 60);
        recordAndWait(journal, entries);
        journal.close();
        try (Connection c = connect()) {
            // What version 2 left: the same tables without the scoring indexes (V3).
            execute(c, "DROP INDEX llm_journal_entry_scoring");
            execute(c, "DROP INDEX llm_journal_vote_scoring");
            execute(c, "DELETE FROM llm_journal_schema_history WHERE version = '3'");
        }

        JdbcDecisionJournal upgraded = open();
        List<ScoringEntry> read = new ArrayList<>();
        upgraded.forEachScoring("BTC/USDT", Timeframe.M5, read::add);

        assertThat(read).hasSize((int) entries.stream()
                .filter(e -> e.pair().equals("BTC/USDT") && e.timeframe() == Timeframe.M5).count());
        assertThat(count(upgraded)).isEqualTo(60);
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(settings().isSqlite()
                     ? "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%scoring'"
                     : "SELECT indexname FROM pg_indexes WHERE indexname LIKE '%scoring'")) {
            List<String> indexes = new ArrayList<>();
            while (rs.next()) {
                indexes.add(rs.getString(1));
            }
            assertThat(indexes).containsExactlyInAnyOrder("llm_journal_entry_scoring", "llm_journal_vote_scoring");
        }
    }

    @Test
    void aVoteDecisionThisVersionDoesNotKnowIsReportedWithItsEntry() throws Exception {
        JdbcDecisionJournal journal = open();
        JournalEntry entry = Entries.entry(Entries.T0, "BTC/USDT");
        recordAndWait(journal, List.of(entry));
        try (Connection c = connect()) {
            execute(c, "UPDATE llm_journal_vote SET decision = 'MAYBE' WHERE ordinal = 1");
        }

        assertThatThrownBy(() -> journal.forEachScoring("BTC/USDT", Timeframe.M5, e -> { }))
                .isInstanceOf(JournalException.class)
                .hasMessage("journal entry " + entry.id() + " has vote decision 'MAYBE', which this version of "
                        + "llm-service does not know");
    }

    @Test
    void aCursorThisJournalDidNotReturnIsRefusedWithTheValue() throws Exception {
        JdbcDecisionJournal journal = open();

        assertThatThrownBy(() -> journal.history(HistoryQuery.newest().after("not-a-cursor")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cursor was 'not-a-cursor' but it must be a next_cursor this journal returned");
    }

    @Test
    void todaysSpendCountsTheKnownCostsOfTheUtcDaySoFar() throws Exception {
        JdbcDecisionJournal journal = open();
        Instant midnight = Instant.parse("2026-03-14T00:00:00Z");
        recordAndWait(journal, List.of(
                Entries.entry(midnight.minusMillis(1), "BTC/USDT"),   // yesterday
                Entries.entry(midnight, "BTC/USDT"),
                Entries.entry(midnight.plusSeconds(86_399), "ETH/USDT")));

        assertThat(journal.spendToday(CLOCK)).isEqualByComparingTo(Entries.ENTRY_COST.multiply(BigDecimal.valueOf(2)));
        assertThat(journal.spendToday(CLOCK)).hasToString("0.021444");
        assertThat(journal.spendSince(midnight.plusSeconds(86_400))).isEqualByComparingTo("0");
    }

    @Test
    void closingWritesEverythingQueuedAndAReopenedJournalHasIt() throws Exception {
        JdbcDecisionJournal journal = open();
        for (int i = 0; i < 2_000; i++) {
            journal.record(Entries.entry(Entries.T0.plusMillis(i), i % 2 == 0 ? "BTC/USDT" : "ETH/USDT"));
        }
        journal.close();

        assertThat(journal.dropped()).isZero();
        assertThat(count(open())).isEqualTo(2_000);
    }

    @Test
    void twoJournalsWritingTheSameDatabaseAtOnceLoseNothing() throws Exception {
        JdbcDecisionJournal cli = open();
        JdbcDecisionJournal server = open(settings());
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> writeMany(cli, "BTC/USDT", 1_500));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> writeMany(server, "ETH/USDT", 1_500));
        a.join();
        b.join();
        cli.close();
        server.close();

        assertThat(cli.dropped() + server.dropped()).isZero();
        JdbcDecisionJournal reader = open();
        assertThat(count(reader)).isEqualTo(3_000);
        assertThat(reader.history(HistoryQuery.newest().withPair("ETH/USDT").withLimit(1000)).entries()).hasSize(1000);
    }

    private static void writeMany(JdbcDecisionJournal journal, String pair, int n) {
        for (int i = 0; i < n; i++) {
            journal.record(Entries.entry(Entries.T0.plusMillis(i), pair));
            if (i % 100 == 0) {
                Thread.yield();
            }
        }
    }

    @Test
    void theSameEntryRecordedTwiceIsKeptOnce() throws Exception {
        JdbcDecisionJournal journal = open();
        JournalEntry entry = Entries.entry(Entries.T0, "BTC/USDT");

        recordAndWait(journal, List.of(entry, entry, Entries.entry(Entries.T0, "BTC/USDT")));

        assertThat(journal.dropped()).isZero();
        assertThat(count(journal)).isEqualTo(2);
    }

    @Test
    void aJournalFlywayMigratedIsCurrentSoTheNextOpenSkipsFlyway() throws Exception {
        open().close();

        try (HikariDataSource ds = dataSource()) {
            assertThat(JournalSchema.isCurrent(ds)).as("current after Flyway's migration").isTrue();
            assertThat(JournalSchema.migrate(ds, settings())).as("Flyway needed").isFalse();
        }
    }

    @Test
    void aJournalWhoseMigrationWasEditedIsNotCurrentAndFlywayRefusesIt() throws Exception {
        open().close();
        try (Connection c = connect()) {
            execute(c, "UPDATE llm_journal_schema_history SET checksum = checksum + 1 WHERE version = '2'");
        }

        try (HikariDataSource ds = dataSource()) {
            assertThat(JournalSchema.isCurrent(ds)).isFalse();
        }
        assertThatThrownBy(this::open)
                .isInstanceOf(JournalException.class)
                .hasMessageStartingWith("the journal at " + settings().location() + " does not match the schema this "
                        + "llm-service expects (")
                .hasMessageContaining("checksum mismatch for migration version 2");
    }

    @Test
    void aJournalWithAFailedMigrationIsNotCurrent() throws Exception {
        open().close();
        try (Connection c = connect()) {
            execute(c, "UPDATE llm_journal_schema_history SET success = " + (settings().isSqlite() ? "0" : "false")
                    + " WHERE version = '3'");
        }

        try (HikariDataSource ds = dataSource()) {
            assertThat(JournalSchema.isCurrent(ds)).isFalse();
        }
    }

    /** A pool on the test database, as the journal's own. */
    HikariDataSource dataSource() throws Exception {
        JournalSettings s = settings();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(s.url());
        if (s.user() != null) {
            config.setUsername(s.user());
            config.setPassword(s.password());
        }
        config.setMaximumPoolSize(1);
        return new HikariDataSource(config);
    }

    @Test
    void aJournalWithANewerSchemaIsRefusedAndLeftUntouched() throws Exception {
        JdbcDecisionJournal journal = open();
        recordAndWait(journal, List.of(Entries.entry(Entries.T0, "BTC/USDT")));
        journal.close();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO llm_journal_schema_history (installed_rank, version, description, type, script, "
                    + "checksum, installed_by, execution_time, success) VALUES (4, '4', 'add things', 'SQL', "
                    + "'V4__add_things.sql', 12345, 'later', 7, " + (settings().isSqlite() ? "1" : "true") + ")");
        }

        assertThatThrownBy(this::open)
                .isInstanceOf(JournalException.class)
                .hasMessage("the journal at " + settings().location() + " has schema version 4 (add things), newer than "
                        + "this llm-service knows (3): upgrade llm-service, or set LLM_JOURNAL_URL to another journal. "
                        + "The journal was left untouched.");
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM llm_journal_entry")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void healthIsUpAndNamesTheJournalAndItsCounts() throws Exception {
        JdbcDecisionJournal journal = open();
        recordAndWait(journal, List.of(Entries.entry(Entries.T0, "BTC/USDT")));

        JournalHealth health = journal.health();

        assertThat(health.status()).isEqualTo("UP");
        assertThat(health.reason()).endsWith(", 1 entries written since start");
        assertThat(health.location()).isEqualTo(settings().location());
        assertThat(health.dropped()).isZero();
        journal.close();
        assertThat(journal.health().status()).isEqualTo("DOWN");
        assertThat(journal.health().reason()).isEqualTo("closed");
    }

    @Test
    void entriesRecordedAfterCloseAreCountedAsDropped() throws Exception {
        JdbcDecisionJournal journal = open();
        journal.close();

        journal.record(Entries.entry(Entries.T0, "BTC/USDT"));

        assertThat(journal.dropped()).isEqualTo(1);
    }

    static List<String> ids(HistoryPage page) {
        return page.entries().stream().map(JournalEntry::id).toList();
    }

    static int count(JdbcDecisionJournal journal) {
        Set<String> ids = new HashSet<>();
        int[] n = {0};
        journal.forEach(HistoryQuery.newest().withLimit(HistoryQuery.MAX_LIMIT), e -> {
            ids.add(e.id());
            n[0]++;
        });
        assertThat(ids).as("no entry twice").hasSize(n[0]);
        return n[0];
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
