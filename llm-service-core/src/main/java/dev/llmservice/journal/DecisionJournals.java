package dev.llmservice.journal;

import dev.llmservice.config.Environment;

import java.time.Clock;
import java.util.ServiceLoader;

/**
 * Chooses and opens the journal the environment asks for: the CLI and the starter call
 * {@link #open(Environment)} once at start and {@link DecisionJournal#close()} at the end.
 */
public final class DecisionJournals {

    private DecisionJournals() {
    }

    /**
     * The journal {@code env} configures ({@link JournalSettings}): {@link DecisionJournal#off()} for
     * {@code LLM_JOURNAL=off}, else the one at {@code LLM_JOURNAL_URL} (default {@code ~/.llm-service/journal.db}).
     *
     * @throws InvalidJournalSettingsException when a variable is invalid
     * @throws JournalException                when the journal cannot be opened
     */
    public static DecisionJournal open(Environment env) {
        return open(JournalSettings.load(env), Clock.systemUTC());
    }

    /**
     * The journal {@code settings} describe.
     *
     * @throws JournalException when no provider on the class path supports the URL, or the journal cannot be opened
     */
    public static DecisionJournal open(JournalSettings settings, Clock clock) {
        if (!settings.enabled()) {
            return DecisionJournal.off();
        }
        for (DecisionJournalProvider provider : ServiceLoader.load(DecisionJournalProvider.class,
                DecisionJournals.class.getClassLoader())) {
            if (provider.supports(settings)) {
                return provider.open(settings, clock);
            }
        }
        throw new JournalException("no journal implementation for " + settings.location() + " on the class path: add "
                + "llm-service-journal, or set " + JournalSettings.ENABLED_VARIABLE + "=off");
    }
}
