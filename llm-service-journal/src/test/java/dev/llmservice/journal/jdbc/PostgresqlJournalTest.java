package dev.llmservice.journal.jdbc;

import dev.llmservice.journal.JournalException;
import dev.llmservice.journal.JournalHealth;
import dev.llmservice.journal.JournalSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The journal contract on a real PostgreSQL server, a new database per test, and what only a server has: credentials
 * and outages. The server is the one {@code .ci/run} (or {@code . .ci/postgres.sh; postgres_start}) starts and names
 * in {@code LLM_TEST_POSTGRES_URL}, {@code LLM_TEST_POSTGRES_USER}, {@code LLM_TEST_POSTGRES_PASSWORD}. Without
 * them these tests are skipped, except under CI ({@code CI=true}), where they fail.
 */
class PostgresqlJournalTest extends JournalContractTest {

    static final String URL = System.getenv("LLM_TEST_POSTGRES_URL");
    static final String USER = System.getenv("LLM_TEST_POSTGRES_USER");
    static final String PASSWORD = System.getenv("LLM_TEST_POSTGRES_PASSWORD");

    private final List<String> databases = new ArrayList<>();

    @BeforeAll
    static void needsAServer() {
        if (URL == null || URL.isBlank()) {
            String why = "LLM_TEST_POSTGRES_URL is not set: run 'bash .ci/run', or start a server with "
                    + "'. .ci/postgres.sh; postgres_start' and run the tests from that shell";
            if ("true".equals(System.getenv("CI"))) {
                fail("PostgreSQL journal tests cannot run under CI: " + why);
            }
            abort("PostgreSQL journal tests skipped: " + why);
        }
    }

    static Connection admin() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", PASSWORD);
        return DriverManager.getConnection(URL, p);
    }

    /** {@code LLM_TEST_POSTGRES_URL} with another database name. */
    static String urlOf(String database) {
        return URL.replaceFirst("/[^/?]+(\\?.*)?$", "/" + database + "$1");
    }

    @Override
    JournalSettings newDatabase() throws Exception {
        String name = "journal_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = admin()) {
            execute(c, "CREATE DATABASE " + name);
        }
        databases.add(name);
        return new JournalSettings(true, urlOf(name), USER, PASSWORD);
    }

    @AfterEach
    void dropDatabases() throws Exception {
        closeJournals();
        try (Connection c = admin()) {
            for (String name : databases) {
                execute(c, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    @Test
    void aWrongPasswordIsReportedWithTheDatabaseButNeverThePassword() throws Exception {
        JournalSettings wrong = new JournalSettings(true, settings().url(), USER, "Wr0ng-Passw0rd-xyz");

        assertThatThrownBy(() -> open(wrong))
                .isInstanceOf(JournalException.class)
                .hasMessageStartingWith("cannot connect to the journal at " + settings().url() + ": ")
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining("Wr0ng-Passw0rd-xyz");
    }

    @Test
    void credentialsInTheUrlWorkAndAreNeverShown() throws Exception {
        String url = settings().url() + "?user=" + USER + "&password=" + PASSWORD;
        JdbcDecisionJournal journal = open(new JournalSettings(true, url, null, null));

        assertThat(journal.location()).isEqualTo(settings().url() + "?user=" + USER + "&password=\u2026")
                .doesNotContain(PASSWORD);
        assertThat(journal.health().up()).isTrue();
        assertThat(journal.health().toString()).doesNotContain(PASSWORD);
    }

    @Test
    void theJournalSharesADatabaseWithOtherTables() throws Exception {
        try (Connection c = connect()) {
            execute(c, "CREATE TABLE orders (id SERIAL PRIMARY KEY, pair TEXT)");
        }

        JdbcDecisionJournal journal = open();
        recordAndWait(journal, List.of(Entries.entry(Entries.T0, "BTC/USDT")));

        assertThat(count(journal)).isEqualTo(1);
        try (var ds = dataSource()) {
            assertThat(JournalSchema.isCurrent(ds)).as("current after the baseline and the migrations").isTrue();
        }
    }

    @Test
    void whileTheDatabaseIsDownEntriesAreCountedAsLostAndHealthSaysWhyThenItRecovers() throws Exception {
        JdbcDecisionJournal journal = open();
        String database = databases.get(0);
        try (Connection c = admin()) {
            execute(c, "ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
            execute(c, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
        }

        journal.record(Entries.entry(Entries.T0, "BTC/USDT"));
        Await.until("the entry is counted as lost", () -> journal.dropped() == 1);
        JournalHealth down = journal.health();

        assertThat(down.status()).isEqualTo("DOWN");
        assertThat(down.reason()).startsWith("cannot write to " + settings().url() + ": ");
        assertThat(down.dropped()).isEqualTo(1);

        try (Connection c = admin()) {
            execute(c, "ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
        }
        recordAndWait(journal, List.of(Entries.entry(Entries.T0.plusSeconds(1), "BTC/USDT")));
        assertThat(journal.health().status()).isEqualTo("UP");
        assertThat(count(journal)).isEqualTo(1);
    }
}
