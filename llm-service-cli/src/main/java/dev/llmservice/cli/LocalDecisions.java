package dev.llmservice.cli;

import dev.llmservice.consensus.MultiProviderOrchestrator;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.journal.DecisionJournal;
import dev.llmservice.journal.DecisionJournals;
import dev.llmservice.operations.ConsensusSettings;
import dev.llmservice.operations.LocalConsensus;
import dev.llmservice.config.ProviderList;
import dev.llmservice.config.ProviderName;
import dev.llmservice.registry.ProviderRegistry;

import java.util.List;

/**
 * This machine's consensus operations for one command: the settings read and checked, the journal opened, and
 * (for a consensus) the providers created. {@link #close()} writes what the journal has queued, so that a
 * consensus is on disk before the command exits.
 */
final class LocalDecisions implements AutoCloseable {

    private final DecisionJournal journal;
    private final MultiProviderOrchestrator orchestrator;
    private final LocalConsensus operations;
    private final ProviderRegistry registry;

    private LocalDecisions(DecisionJournal journal, MultiProviderOrchestrator orchestrator, LocalConsensus operations,
                           ProviderRegistry registry) {
        this.journal = journal;
        this.orchestrator = orchestrator;
        this.operations = operations;
        this.registry = registry;
    }

    /**
     * Reads the settings, opens the journal and, with {@code providers}, fills a registry from the environment.
     *
     * @param providers     whether providers will be asked (consensus); history and scorecard only read
     * @param earlyDecision whether a consensus returns as soon as its outcome is certain
     * @throws dev.llmservice.operations.InvalidSettingsException naming every invalid variable: nothing is opened
     * @throws dev.llmservice.journal.JournalException           when the journal cannot be opened
     */
    static LocalDecisions open(CliContext context, boolean providers, boolean earlyDecision) {
        List<String> names = ProviderList.read(context.environment()).names().stream().map(ProviderName::name).toList();
        ConsensusSettings settings = ConsensusSettings.load(context.environment(), names);
        DecisionJournal journal = DecisionJournals.open(settings.journal(), context.clock());
        ProviderRegistry registry = ProviderRegistry.create();
        if (providers) {
            try {
                ProviderFactory factory = context.factory(false);
                factory.initializeRegistry(registry);
            } catch (RuntimeException e) {
                journal.close();
                throw e;
            }
        }
        MultiProviderOrchestrator orchestrator = MultiProviderOrchestrator.builder(registry::enabled)
                .costs(settings.costs()).earlyDecision(earlyDecision).build();
        return new LocalDecisions(journal, orchestrator,
                // Identical requests share one fan-out: within this run, and with LLM_STATE_URL with the servers and
                // other runs (Redis); without it, separate runs share nothing.
                new LocalConsensus(orchestrator, journal, settings, context.sharedState().consensusCache(),
                        context.clock()), registry);
    }

    LocalConsensus operations() {
        return operations;
    }

    ProviderRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        try {
            journal.close();
        } finally {
            orchestrator.close();
        }
    }
}
