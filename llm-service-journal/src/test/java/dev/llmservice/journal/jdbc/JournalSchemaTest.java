package dev.llmservice.journal.jdbc;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema check that lets a current journal open without Flyway agrees with Flyway about the bundled files. */
class JournalSchemaTest {

    @TempDir
    Path dir;

    @Test
    void theBundledMigrationsAreTheFilesFlywayFindsWithTheChecksumsFlywayGivesThem() throws Exception {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + dir.resolve("schema.db"));
        MigrationInfo[] all = Flyway.configure(JournalSchema.class.getClassLoader())
                .dataSource(sqlite).locations(JournalSchema.LOCATION).table(JournalSchema.HISTORY_TABLE).load()
                .info().all();

        List<String> scripts = new ArrayList<>();
        for (MigrationInfo m : all) {
            scripts.add(m.getScript());
            assertThat(JournalSchema.checksum(m.getScript())).as(m.getScript()).isEqualTo(m.getChecksum());
        }
        assertThat(JournalSchema.MIGRATIONS).isEqualTo(scripts);
    }
}
