package dev.llmservice.journal.jdbc;

import dev.llmservice.config.Environment;
import dev.llmservice.journal.DecisionJournal;
import dev.llmservice.journal.DecisionJournals;
import dev.llmservice.journal.HistoryQuery;
import dev.llmservice.journal.JournalException;
import dev.llmservice.journal.JournalSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journal contract on an SQLite file in a temporary directory, and what only SQLite has: the file itself. */
class SqliteJournalTest extends JournalContractTest {

    @TempDir
    Path dir;

    @Override
    JournalSettings newDatabase() {
        return sqlite(dir.resolve("journal.db"));
    }

    static JournalSettings sqlite(Path file) {
        return new JournalSettings(true, "jdbc:sqlite:" + file, null, null);
    }

    @Test
    void createsTheFileAndItsDirectoriesInWalMode() throws Exception {
        Path file = dir.resolve("a/b/journal.db");
        open(sqlite(file));

        assertThat(file).isRegularFile();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedAndNeverOverwritten() throws Exception {
        Path file = dir.resolve("journal.db");
        byte[] notes = "my trading notes, not a database\n".repeat(100).getBytes();
        Files.write(file, notes);

        assertThatThrownBy(() -> open(sqlite(file)))
                .isInstanceOf(JournalException.class)
                .hasMessage("the journal " + file + " is not an SQLite database: set LLM_JOURNAL_URL to another file. "
                        + "It was left untouched.");
        assertThat(Files.readString(file)).isEqualTo(new String(notes));
        assertThat(dir.resolve("journal.db-wal")).doesNotExist();
    }

    @Test
    void anSqliteDatabaseWithOtherTablesIsRefusedAndLeftUntouched() throws Exception {
        Path file = dir.resolve("other.db");
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file)) {
            execute(c, "CREATE TABLE trades (id INTEGER PRIMARY KEY, pair TEXT)");
            execute(c, "INSERT INTO trades (pair) VALUES ('BTC/USDT')");
        }
        String before = sha256(file);

        assertThatThrownBy(() -> open(sqlite(file)))
                .isInstanceOf(JournalException.class)
                .hasMessage("the database at " + file + " holds other tables but no journal: set LLM_JOURNAL_URL to a "
                        + "new file. It was left untouched.");
        assertThat(sha256(file)).as("the file's bytes").isEqualTo(before);
        assertThat(dir.resolve("other.db-wal")).doesNotExist();
    }

    static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }

    @Test
    void decisionJournalsOpensTheSqliteJournalTheEnvironmentNames() throws Exception {
        Path file = dir.resolve("env.db");
        try (DecisionJournal journal = DecisionJournals.open(Environment.of(Map.of("LLM_JOURNAL_URL", "jdbc:sqlite:" + file)))) {
            assertThat(journal).isInstanceOf(JdbcDecisionJournal.class);
            assertThat(journal.location()).isEqualTo(file.toString());
            assertThat(journal.health().status()).isEqualTo("UP");
        }
        assertThat(DecisionJournals.open(Environment.of(Map.of("LLM_JOURNAL", "off", "LLM_JOURNAL_URL", "jdbc:sqlite:" + file))))
                .isSameAs(DecisionJournal.off());
    }

    @Test
    void twoJvmsWritingTheSameFileAtOnceLoseNothing() throws Exception {
        Path file = dir.resolve("shared.db");
        open(sqlite(file)).close(); // created once, so that both start on a migrated file
        List<Process> writers = new ArrayList<>();
        for (String pair : List.of("BTC/USDT", "ETH/USDT")) {
            writers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), JournalWriterMain.class.getName(), file.toString(),
                    pair, "3000")
                    .redirectErrorStream(true).redirectOutput(dir.resolve(pair.replace('/', '-') + ".log").toFile())
                    .start());
        }
        for (Process p : writers) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("writer finished").isTrue();
        }
        for (File log : dir.toFile().listFiles((d, n) -> n.endsWith(".log"))) {
            assertThat(Files.readString(log.toPath())).contains("dropped=0 written=3000");
        }
        for (Process p : writers) {
            assertThat(p.exitValue()).isZero();
        }

        JdbcDecisionJournal journal = open(sqlite(file));
        assertThat(count(journal)).isEqualTo(6_000);
        assertThat(journal.history(HistoryQuery.newest().withPair("ETH/USDT").withLimit(1)).entries()).hasSize(1);
    }
}
