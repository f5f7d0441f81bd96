package dev.llmservice.journal;

import dev.llmservice.config.Environment;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalSettingsTest {

    private static JournalSettings load(Map<String, String> env) {
        return JournalSettings.load(Environment.of(env));
    }

    @Test
    void byDefaultTheJournalIsOnInAnSqliteFileInTheUsersHome() {
        JournalSettings settings = load(Map.of());

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.isSqlite()).isTrue();
        assertThat(settings.sqliteFile()).isEqualTo(Path.of(System.getProperty("user.home"), ".llm-service", "journal.db"));
    }

    @Test
    void llmJournalOffSwitchesItOffInAnyCase() {
        assertThat(load(Map.of("LLM_JOURNAL", "OFF")).enabled()).isFalse();
        assertThat(load(Map.of("LLM_JOURNAL", "false")).enabled()).isFalse();
        assertThat(load(Map.of("LLM_JOURNAL", " on ")).enabled()).isTrue();
    }

    @Test
    void aTildeInAnSqliteUrlIsTheHomeDirectory() {
        JournalSettings settings = load(Map.of("LLM_JOURNAL_URL", "jdbc:sqlite:~/journals/bot.db"));

        assertThat(settings.sqliteFile()).isEqualTo(Path.of(System.getProperty("user.home"), "journals", "bot.db"));
    }

    @Test
    void postgresqlTakesItsCredentialsFromTheirVariablesAndNeverShowsThePassword() {
        JournalSettings settings = load(Map.of("LLM_JOURNAL_URL", "jdbc:postgresql://db.internal:5432/llm",
                "LLM_JOURNAL_USER", "llm", "LLM_JOURNAL_PASSWORD", "s3cret-Pa55"));

        assertThat(settings.isPostgresql()).isTrue();
        assertThat(settings.user()).isEqualTo("llm");
        assertThat(settings.password()).isEqualTo("s3cret-Pa55");
        assertThat(settings.location()).isEqualTo("jdbc:postgresql://db.internal:5432/llm");
        assertThat(settings.toString()).doesNotContain("s3cret-Pa55").contains("password=\u2026");
    }

    @Test
    void aPasswordInTheUrlIsNeverShown() {
        JournalSettings settings = load(Map.of("LLM_JOURNAL_URL",
                "jdbc:postgresql://db:5432/llm?user=llm&password=s3cret-Pa55&ssl=true"));

        assertThat(settings.location()).isEqualTo("jdbc:postgresql://db:5432/llm?user=llm&password=\u2026&ssl=true");
        assertThat(settings.toString()).doesNotContain("s3cret-Pa55");
    }

    @Test
    void anUnsupportedUrlIsOneProblemNamingTheVariableAndTheValueWithoutItsPassword() {
        assertThatThrownBy(() -> load(Map.of("LLM_JOURNAL_URL", "jdbc:mysql://db/llm?password=s3cret-Pa55")))
                .isInstanceOf(InvalidJournalSettingsException.class)
                .hasMessage("LLM_JOURNAL_URL was 'jdbc:mysql://db/llm?password=\u2026' but it must be jdbc:sqlite:FILE "
                        + "(e.g. jdbc:sqlite:/var/lib/llm-service/journal.db) or jdbc:postgresql://HOST[:PORT]/DATABASE");
        assertThatThrownBy(() -> load(Map.of("LLM_JOURNAL_URL", "jdbc:sqlite::memory:")))
                .hasMessageStartingWith("LLM_JOURNAL_URL was 'jdbc:sqlite::memory:' but it must be");
        assertThatThrownBy(() -> load(Map.of("LLM_JOURNAL_URL", "/var/lib/journal.db")))
                .hasMessageStartingWith("LLM_JOURNAL_URL was '/var/lib/journal.db' but it must be");
        assertThatThrownBy(() -> load(Map.of("LLM_JOURNAL_URL", "jdbc:postgresql://db")))
                .hasMessageStartingWith("LLM_JOURNAL_URL was 'jdbc:postgresql://db' but it must be");
    }

    @Test
    void everyProblemIsReportedTogether() {
        assertThatThrownBy(() -> load(Map.of("LLM_JOURNAL", "maybe", "LLM_JOURNAL_URL", "redis://x")))
                .isInstanceOfSatisfying(InvalidJournalSettingsException.class, e -> assertThat(e.problems()).hasSize(2))
                .hasMessage("LLM_JOURNAL was 'maybe' but it must be one of on/off/true/false/1/0/yes/no; "
                        + "LLM_JOURNAL_URL was 'redis://x' but it must be jdbc:sqlite:FILE (e.g. "
                        + "jdbc:sqlite:/var/lib/llm-service/journal.db) or jdbc:postgresql://HOST[:PORT]/DATABASE");
    }
}
