package dev.llmservice.journal;

import dev.llmservice.config.Environment;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecisionJournalsTest {

    @Test
    void llmJournalOffGivesTheJournalThatRecordsNothingAndLosesNothing() {
        DecisionJournal journal = DecisionJournals.open(Environment.of(Map.of("LLM_JOURNAL", "off")));

        journal.record(JournalEntryTest.entry());

        assertThat(journal).isSameAs(DecisionJournal.off());
        assertThat(journal.dropped()).isZero();
        assertThat(journal.history(HistoryQuery.newest()).entries()).isEmpty();
        assertThat(journal.spendToday(Clock.systemUTC())).isZero();
        assertThat(journal.health().status()).isEqualTo("UP");
        assertThat(journal.health().reason()).isEqualTo("off (LLM_JOURNAL=off): nothing is recorded");
    }

    @Test
    void withoutTheJournalModuleOnTheClassPathOpeningSaysWhatToDo() {
        // Core's own tests have no llm-service-journal: no provider supports any URL.
        assertThatThrownBy(() -> DecisionJournals.open(Environment.of(Map.of("LLM_JOURNAL_URL", "jdbc:sqlite:/tmp/x.db"))))
                .isInstanceOf(JournalException.class)
                .hasMessage("no journal implementation for /tmp/x.db on the class path: add llm-service-journal, or set "
                        + "LLM_JOURNAL=off");
    }

    @Test
    void todayIsTheUtcDayOfTheClock() {
        Instant lateEvening = Instant.parse("2026-03-14T23:59:59.999Z");

        assertThat(DecisionJournal.startOfUtcDay(lateEvening)).isEqualTo(Instant.parse("2026-03-14T00:00:00Z"));
        assertThat(DecisionJournal.startOfUtcDay(Clock.fixed(lateEvening.plusMillis(1), ZoneOffset.ofHours(-5)).instant()))
                .isEqualTo(Instant.parse("2026-03-15T00:00:00Z"));
    }
}
