package dev.llmservice.journal.jdbc;

import dev.llmservice.journal.JournalException;
import dev.llmservice.journal.JournalSettings;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

import javax.sql.DataSource;

/**
 * Creates or upgrades the journal's tables with Flyway ({@code db/migration/V*__*.sql}, the same files for SQLite
 * and PostgreSQL), at every start.
 *
 * <p>Refuses, leaving the database untouched, a journal whose schema is newer than this code knows (a later
 * llm-service wrote it), one whose applied migrations differ from these files, and an SQLite file holding other
 * tables but no journal (probably the wrong file). In PostgreSQL the journal may share a database with other
 * applications: its tables and its history table ({@value #HISTORY_TABLE}) all start with {@code llm_journal_}.
 */
final class JournalSchema {

    /** Flyway's history table; not Flyway's default name, so that another application's migrations never mix in. */
    static final String HISTORY_TABLE = "llm_journal_schema_history";
    static final String LOCATION = "classpath:db/migration";

    private JournalSchema() {
    }

    static void migrate(DataSource dataSource, JournalSettings settings) {
        Flyway flyway = Flyway.configure(JournalSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .cleanDisabled(true)
                // A shared PostgreSQL database has other tables; an SQLite file with other tables is the wrong file.
                .baselineOnMigrate(settings.isPostgresql())
                .baselineVersion("0")
                .load();
        String where = settings.location();
        try {
            MigrationVersion known = MigrationVersion.EMPTY;
            for (MigrationInfo m : flyway.info().all()) {
                if (m.getState().isResolved()) {
                    known = max(known, m.getVersion());
                }
            }
            for (MigrationInfo m : flyway.info().applied()) {
                MigrationState state = m.getState();
                if (state == MigrationState.FUTURE_SUCCESS || state == MigrationState.FUTURE_FAILED) {
                    throw new JournalException("the journal at " + where + " has schema version " + m.getVersion()
                            + " (" + m.getDescription() + "), newer than this llm-service knows (" + known
                            + "): upgrade llm-service, or set " + JournalSettings.URL_VARIABLE
                            + " to another journal. The journal was left untouched.");
                }
            }
            flyway.migrate();
        } catch (FlywayException e) {
            throw new JournalException(explain(where, e), e);
        }
    }

    private static MigrationVersion max(MigrationVersion a, MigrationVersion b) {
        return b != null && b.isNewerThan(a) ? b : a;
    }

    private static String explain(String where, FlywayException e) {
        String message = AsyncWriter.describe(e);
        if (message.contains("non-empty schema")) {
            return "the database at " + where + " holds other tables but no journal: set "
                    + JournalSettings.URL_VARIABLE + " to a new file. It was left untouched.";
        }
        if (message.contains("checksum mismatch") || message.contains("not resolved locally")
                || message.contains("Validate failed")) {
            return "the journal at " + where + " does not match the schema this llm-service expects (" + message
                    + "). It was left untouched.";
        }
        return "cannot prepare the journal at " + where + ": " + message;
    }
}
