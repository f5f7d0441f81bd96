package dev.llmservice.journal.jdbc;

import dev.llmservice.journal.JournalException;
import dev.llmservice.journal.JournalSettings;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Creates or upgrades the journal's tables with Flyway ({@code db/migration/V*__*.sql}, the same files for SQLite
 * and PostgreSQL), when a journal opens and its schema is not current.
 *
 * <p>Refuses, leaving the database untouched, a journal whose schema is newer than this code knows (a later
 * llm-service wrote it), one whose applied migrations differ from these files, and an SQLite file holding other
 * tables but no journal (probably the wrong file). In PostgreSQL the journal may share a database with other
 * applications: its tables and its history table ({@value #HISTORY_TABLE}) all start with {@code llm_journal_}.
 *
 * <p>A journal whose history holds exactly the bundled migrations, each applied successfully with the checksum Flyway
 * gives its file, is current: it opens with one query and without Flyway, whose ~530 classes a server then never
 * loads (they were 3.1 MB of the class-data archive, all of it resident, and Flyway's three passes over the history
 * ~0.2 s of its start). Anything else (no history, an older or newer schema, an edited file, a failed migration) goes to Flyway.
 */
final class JournalSchema {

    /** Flyway's history table; not Flyway's default name, so that another application's migrations never mix in. */
    static final String HISTORY_TABLE = "llm_journal_schema_history";
    static final String LOCATION = "classpath:db/migration";
    private static final String RESOURCES = "db/migration/";

    /** The migrations in {@code db/migration}, oldest first (JournalSchemaTest checks it against what Flyway finds). */
    static final List<String> MIGRATIONS = List.of(
            "V1__create_journal.sql", "V2__result_shape.sql", "V3__scorecard_indexes.sql");

    private JournalSchema() {
    }

    /**
     * Creates or upgrades the journal's schema, or refuses it (see the class); returns whether Flyway had to look
     * at it, false when it was {@linkplain #isCurrent current}.
     */
    static boolean migrate(DataSource dataSource, JournalSettings settings) {
        if (isCurrent(dataSource)) {
            return false;
        }
        migrateWithFlyway(dataSource, settings);
        return true;
    }

    /**
     * Whether the history table lists exactly {@link #MIGRATIONS}, in order, each applied successfully with the
     * version, description and checksum Flyway gives its file (after PostgreSQL's baseline row, when there is one).
     * Any doubt (no table, another row, an unreadable file) is false: Flyway then decides.
     */
    static boolean isCurrent(DataSource dataSource) {
        List<Applied> expected = new ArrayList<>();
        try {
            for (String script : MIGRATIONS) {
                expected.add(new Applied(version(script), description(script), script, checksum(script), true));
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        List<Applied> applied = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT type, version, description, script, checksum, success FROM "
                     + HISTORY_TABLE + " ORDER BY installed_rank")) {
            while (rs.next()) {
                String type = rs.getString(1);
                if ("BASELINE".equals(type) && applied.isEmpty() && "0".equals(rs.getString(2))) {
                    continue;
                }
                if (!"SQL".equals(type)) {
                    return false;
                }
                int checksum = rs.getInt(5);
                applied.add(new Applied(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.wasNull() ? null : checksum, rs.getBoolean(6)));
            }
        } catch (SQLException e) {
            return false;
        }
        return applied.equals(expected);
    }

    /** One row of the history table, as compared. */
    private record Applied(String version, String description, String script, Integer checksum, boolean success) {
    }

    /** "V12__add_things.sql" is version "12". */
    private static String version(String script) {
        return script.substring(1, script.indexOf("__"));
    }

    /** "V12__add_things.sql" is "add things", as Flyway describes it. */
    private static String description(String script) {
        return script.substring(script.indexOf("__") + 2, script.length() - ".sql".length()).replace('_', ' ');
    }

    /** Flyway's checksum of a migration file: CRC-32 of its lines in UTF-8, without line ends or byte-order marks. */
    static int checksum(String script) throws IOException {
        InputStream in = JournalSchema.class.getClassLoader().getResourceAsStream(RESOURCES + script);
        if (in == null) {
            throw new IOException("no resource " + RESOURCES + script);
        }
        CRC32 crc = new CRC32();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                crc.update((line.startsWith("\uFEFF") ? line.substring(1) : line).getBytes(StandardCharsets.UTF_8));
            }
        }
        return (int) crc.getValue();
    }

    private static void migrateWithFlyway(DataSource dataSource, JournalSettings settings) {
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
