package dev.llmservice.spring.autoconfigure;

import dev.llmservice.consensus.marketdata.Timeframe;
import dev.llmservice.consensus.policy.ConsensusStatus;
import dev.llmservice.consensus.vote.Decision;
import dev.llmservice.journal.DecisionJournal;
import dev.llmservice.journal.JournalEntry;
import dev.llmservice.operations.LocalConsensus;
import dev.llmservice.testing.MutableEnvironment;
import dev.llmservice.spring.testapp.FakeProviders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision journal's wiring without a server: what it is opened from, what stops the start, what closing does. */
class JournalAutoConfigurationTest {

    @TempDir
    Path tmp;

    ApplicationContextRunner runner(String... variables) {
        Map<String, String> env = new HashMap<>(FakeProviders.VARIABLES);
        env.put("LLM_JOURNAL_URL", "jdbc:sqlite:" + tmp.resolve("journal.db"));
        for (int i = 0; i < variables.length; i += 2) {
            env.put(variables[i], variables[i + 1]);
        }
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LlmServiceAutoConfiguration.class))
                .withUserConfiguration(FakeProviders.class)
                .withBean("journalVariables", MutableEnvironment.class, () -> new MutableEnvironment(env),
                        bd -> bd.setPrimary(true))
                .withPropertyValues("llm.state.file=" + tmp.resolve("state.json"), "llm.state.poll-interval=0");
    }

    @Test
    void theJournalComesFromTheEnvironmentAndTheConsensusOperationsRecordInIt() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(DecisionJournal.class).location()).isEqualTo(tmp.resolve("journal.db").toString());
            assertThat(context.getBean(LocalConsensus.class).journal()).isSameAs(context.getBean(DecisionJournal.class));
        });
        runner("LLM_JOURNAL", "off").run(context ->
                assertThat(context.getBean(DecisionJournal.class)).isSameAs(DecisionJournal.off()));
    }

    @Test
    void anInvalidJournalUrlPriceOrBudgetStopsTheStartWithOneLineEach() {
        runner("LLM_JOURNAL_URL", "jdbc:mysql://db/llm", "ALPHA_OUTPUT_PRICE", "cheap", "LLM_DAILY_BUDGET_USD", "-1")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidSettingException.class)
                            .hasMessage(String.join(System.lineSeparator(),
                                    "LLM_JOURNAL_URL was 'jdbc:mysql://db/llm' but it must be jdbc:sqlite:FILE (e.g. "
                                            + "jdbc:sqlite:/var/lib/llm-service/journal.db) or "
                                            + "jdbc:postgresql://HOST[:PORT]/DATABASE",
                                    "ALPHA_OUTPUT_PRICE was 'cheap' but it must be a number >= 0 (USD per million tokens)",
                                    "LLM_DAILY_BUDGET_USD was '-1' but it must be a number > 0 (USD per UTC day)"));
                });
    }

    @Test
    void aFileThatIsNotADatabaseStopsTheStartAndIsLeftUntouched() throws Exception {
        Path file = Files.writeString(tmp.resolve("journal.db"), "not a database");

        runner().run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidSettingException.class)
                    .hasMessage("the journal " + file + " is not an SQLite database: set LLM_JOURNAL_URL to another "
                            + "file. It was left untouched.");
        });
        assertThat(Files.readString(file)).isEqualTo("not a database");
    }

    @Test
    void closingTheApplicationWritesEveryEntryStillQueued() throws Exception {
        int n = 3_000;
        runner().run(context -> {
            DecisionJournal journal = context.getBean(DecisionJournal.class);
            for (int i = 0; i < n; i++) {
                journal.record(entry(i));
            }
        });

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("journal.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM llm_journal_entry")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(n);
        }
    }

    private static JournalEntry entry(int i) {
        Instant at = Instant.parse("2026-03-14T09:00:00Z").plusMillis(i);
        return new JournalEntry(UUID.randomUUID().toString(), at, "BTC/USDT", Timeframe.M5, at, 100, "ef".repeat(32),
                "1", "1", Decision.HOLD, ConsensusStatus.NO_QUORUM, 0, 0, false, Duration.ofMillis(5), List.of());
    }
}
