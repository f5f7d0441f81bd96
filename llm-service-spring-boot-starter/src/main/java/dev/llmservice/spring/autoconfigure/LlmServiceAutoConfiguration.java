package dev.llmservice.spring.autoconfigure;

import dev.llmservice.config.Environment;
import dev.llmservice.config.ProviderName;
import dev.llmservice.config.ProviderList;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.journal.DecisionJournal;
import dev.llmservice.journal.DecisionJournals;
import dev.llmservice.journal.JournalException;
import dev.llmservice.consensus.ConsensusCache;
import dev.llmservice.operations.ConsensusSettings;
import dev.llmservice.operations.InvalidSettingsException;
import dev.llmservice.operations.LocalConsensus;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.provider.ProviderTypes;
import dev.llmservice.provider.retry.Sleeper;
import dev.llmservice.ratelimit.RateLimitBuckets;
import dev.llmservice.ratelimit.RateLimiter;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.consensus.MultiProviderOrchestrator;
import dev.llmservice.consensus.policy.ConsensusPolicy;
import dev.llmservice.spring.consensus.ConsensusService;
import dev.llmservice.spring.consensus.EngineConsensusService;
import dev.llmservice.spring.consensus.MarketDataReader;
import dev.llmservice.operations.LocalOperations;
import dev.llmservice.spring.state.ObservableOverrideStore;
import dev.llmservice.spring.state.OverrideFileWatcher;
import dev.llmservice.shared.InvalidSharedStateSettingsException;
import dev.llmservice.shared.SharedState;
import dev.llmservice.shared.SharedStateException;
import dev.llmservice.shared.SharedStateSettings;
import dev.llmservice.shared.SharedStates;
import dev.llmservice.status.StatusSummary;
import dev.llmservice.state.OverrideStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The registry, filled from the environment during start-up, and the beans around it. Every bean backs off
 * when the application declares its own of the same type.
 *
 * <table>
 *   <caption>Extension points</caption>
 *   <tr><th>declare a bean of type</th><th>to</th></tr>
 *   <tr><td>{@link ProviderType}</td><td>choose exactly which provider types are installed, that
 *       {@code {P}_TYPE} may name (default: every type on the class path, through {@code ServiceLoader}); the
 *       providers are the names in {@code llm.providers} / {@code LLM_PROVIDERS}</td></tr>
 *   <tr><td>{@link Environment} (core's)</td><td>read provider variables from elsewhere (default: the process
 *       environment over {@code .env}, re-read at each re-initialisation, as the CLI does); {@code llm.providers},
 *       when set, is its {@code LLM_PROVIDERS}</td></tr>
 *   <tr><td>{@link OverrideStore}</td><td>keep overrides elsewhere (default: Redis when {@code LLM_STATE_URL} is
 *       set, else {@code llm.state.file}, else {@code LLM_STATE_FILE}, else {@code ~/.llm-service/state.json})</td></tr>
 *   <tr><td>{@link SharedState}</td><td>share overrides, circuit openings, rate limits and the consensus cache elsewhere (default: what
 *       {@code LLM_STATE_URL} names, found through {@code ServiceLoader}: the {@code llm-service-redis} module)</td></tr>
 *   <tr><td>{@link LlmProviderDecorator}</td><td>wrap every provider created</td></tr>
 *   <tr><td>{@link DecisionJournal}</td><td>keep the decision journal elsewhere (default: {@code LLM_JOURNAL_URL},
 *       else {@code ~/.llm-service/journal.db}; {@code LLM_JOURNAL=off} records nothing)</td></tr>
 *   <tr><td>{@link ProviderFactory}, {@link ProviderRegistry}, {@link LocalOperations},
 *       {@link MultiProviderOrchestrator}, {@link LocalConsensus}, {@link ConsensusService},
 *       {@link RegistryInitializer}, {@link OverrideFileWatcher}</td><td>replace them;
 *       a replaced factory gets no decorators (metrics)</td></tr>
 * </table>
 *
 * <p>The journal's, the prices' and the budget's variables ({@code LLM_JOURNAL*}, {@code P_INPUT_PRICE},
 * {@code P_OUTPUT_PRICE}, {@code LLM_DAILY_BUDGET_USD}) are read from the same environment as the providers'; an
 * invalid one, or a journal that cannot be opened (not a database, a newer schema), stops the start with one line
 * each. The journal is closed, its queue written, when the context closes: after a graceful shutdown's requests.
 */
@AutoConfiguration
@EnableConfigurationProperties(LlmServiceProperties.class)
public class LlmServiceAutoConfiguration {

    /** Variable holding the admin token, also looked up in {@code .env}. */
    public static final String ADMIN_TOKEN_VARIABLE = "LLM_ADMIN_TOKEN";
    /** Variable holding the API token, also looked up in {@code .env}. */
    public static final String API_TOKEN_VARIABLE = "LLM_API_TOKEN";

    /**
     * What the replicas share ({@code LLM_STATE_URL}: overrides, circuit openings, rate limits and the consensus cache
     * in Redis), else nothing ({@link SharedState#local}). Redis being down is not a failure: the server starts, readiness is DOWN.
     *
     * @throws InvalidSettingException when {@code LLM_STATE_URL} or {@code LLM_INSTANCE_ID} is invalid, or no module
     *                                 on the class path serves the URL: the application does not start
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public SharedState llmSharedState(LlmServiceProperties properties, ObjectProvider<Environment> environmentBean,
                                      ObjectProvider<Clock> clock) {
        Environment env = environmentSource(environmentBean).get();
        try {
            SharedStateSettings settings = SharedStateSettings.load(env);
            if (properties.state().file() != null) {
                // The overrides without LLM_STATE_URL; with it, their local mirror.
                settings = settings.withStateFile(properties.state().file());
            }
            return SharedStates.open(settings, clock.getIfUnique(Clock::systemUTC));
        } catch (InvalidSharedStateSettingsException e) {
            throw new InvalidSettingException(String.join(System.lineSeparator(), e.lines()));
        } catch (SharedStateException e) {
            throw new InvalidSettingException(e.getMessage());
        }
    }

    @Bean
    @ConditionalOnMissingBean
    public ProviderFactory llmProviderFactory(LlmServiceProperties properties,
                                              ObjectProvider<ProviderType> typeBeans,
                                              ObjectProvider<Environment> environmentBean,
                                              ObjectProvider<OverrideStore> storeBean,
                                              ObjectProvider<LlmProviderDecorator> decoratorBeans,
                                              ObjectProvider<RateLimitBuckets> rateLimitBuckets,
                                              SharedState sharedState) {
        List<ProviderType> declared = typeBeans.orderedStream().toList();
        List<ProviderType> types = declared.isEmpty() ? ProviderTypes.discover() : declared;
        List<LlmProviderDecorator> decorators = decoratorBeans.orderedStream().toList();
        Supplier<Environment> environment = withProviders(environmentSource(environmentBean), properties.providers());
        OverrideStore store = storeBean.getIfAvailable(sharedState::overrides);
        return ProviderFactory.builder()
                .environment(environment)
                // Observable, so the state-file watcher learns of the server's own writes (see OverrideFileWatcher).
                .overrides(ObservableOverrideStore.of(store))
                .circuitSharing(sharedState.circuits())
                .types(types.stream().map(t -> DecoratedProviderType.wrap(t, decorators)).toList())
                .rateLimiter(new RateLimiter(rateLimitBuckets.getIfAvailable(sharedState::rateLimits),
                        Clock.systemUTC(), Sleeper.SYSTEM))
                .build();
    }

    /**
     * A registry of its own rather than {@code ProviderRegistry.global()}, so that two application contexts in
     * one JVM (tests) never share providers.
     */
    @Bean
    @ConditionalOnMissingBean
    public ProviderRegistry llmProviderRegistry() {
        return ProviderRegistry.create();
    }

    /** Never lazy: with {@code spring.main.lazy-initialization} the registry must still be filled at start-up. */
    @Bean
    @Lazy(false)
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "llm.registry.initialize", matchIfMissing = true)
    public RegistryInitializer llmRegistryInitializer(ProviderFactory factory, ProviderRegistry registry) {
        return new RegistryInitializer(factory, registry);
    }

    /**
     * Status and the other management operations; the status shows today's spend and the budget from the consensus
     * operations (read at each status).
     */
    @Bean
    @ConditionalOnMissingBean
    public LocalOperations llmProviderOperations(ProviderFactory factory, ProviderRegistry registry,
                                                 ObjectProvider<LocalConsensus> consensus) {
        return new LocalOperations(factory, registry, Clock.systemUTC(),
                () -> Environment.dotEnvPath(Environment.system()),
                () -> {
                    LocalConsensus c = consensus.getIfAvailable();
                    return c == null ? StatusSummary.Spend.UNKNOWN : c.spend();
                });
    }

    /**
     * The journal, price and budget settings, read once at start.
     *
     * @throws InvalidSettingException naming every invalid variable with its value: the application does not start
     */
    @Bean
    @ConditionalOnMissingBean
    public ConsensusSettings llmConsensusSettings(ProviderFactory factory, ObjectProvider<Environment> environmentBean) {
        try {
            return ConsensusSettings.load(environmentSource(environmentBean).get(),
                    factory.providerList().names().stream().map(ProviderName::name).toList());
        } catch (InvalidSettingsException e) {
            throw new InvalidSettingException(String.join(System.lineSeparator(), e.lines()));
        }
    }

    /**
     * The decision journal: opened (created or upgraded) at start; closed, its queue written, at shutdown. A journal
     * that cannot be opened stops the start, its message saying what and where; one that fails later never keeps
     * a consensus from being answered (the loss is counted, health shows it).
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public DecisionJournal llmDecisionJournal(ConsensusSettings settings, ObjectProvider<Clock> clock) {
        try {
            return DecisionJournals.open(settings.journal(), clock.getIfUnique(Clock::systemUTC));
        } catch (JournalException e) {
            throw new InvalidSettingException(e.getMessage());
        }
    }

    /**
     * The consensus operations, once: every result recorded in the journal, priced, within the daily budget; the
     * REST API's {@code /api/v1/consensus} and {@code /api/v1/scorecard} answer with them.
     */
    @Bean
    @ConditionalOnMissingBean
    public LocalConsensus llmConsensusOperations(MultiProviderOrchestrator orchestrator, DecisionJournal journal,
                                                 ConsensusSettings settings, ConsensusCache cache,
                                                 ObjectProvider<Clock> clock) {
        return new LocalConsensus(orchestrator, journal, settings, cache, clock.getIfUnique(Clock::systemUTC));
    }

    /**
     * Where identical consensus requests meet (one fan-out per candle, {@code LLM_CONSENSUS_CACHE_TTL}): the shared
     * state's, so across the replicas with {@code LLM_STATE_URL} (Redis), else this server's memory.
     */
    @Bean
    @ConditionalOnMissingBean
    public ConsensusCache llmConsensusCache(SharedState sharedState) {
        return sharedState.consensusCache();
    }

    /**
     * Where the providers' rate limits ({@code P_RPM}, {@code P_TPM}) are counted: the shared state's, so across the
     * replicas with {@code LLM_STATE_URL} (Redis; each replica on its own while Redis cannot be reached), else this
     * server's memory.
     */
    @Bean
    @ConditionalOnMissingBean
    public RateLimitBuckets llmRateLimitBuckets(SharedState sharedState) {
        return sharedState.rateLimits();
    }

    @Bean
    @Lazy(false)
    @ConditionalOnMissingBean
    public OverrideFileWatcher llmOverrideFileWatcher(ProviderFactory factory, ProviderRegistry registry,
                                                      LlmServiceProperties properties) {
        return OverrideFileWatcher.watching(factory.overrides(), registry, properties.state().pollInterval());
    }

    /**
     * The consensus engine, asking the registry's enabled providers at each request (a provider whose circuit
     * is open is a {@code skipped} vote, not left out), with {@code llm.policy.*} and {@code llm.deadline}.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public MultiProviderOrchestrator llmConsensusOrchestrator(ProviderRegistry registry,
                                                              LlmServiceProperties properties,
                                                              ConsensusSettings settings) {
        return MultiProviderOrchestrator.builder(registry::enabled)
                .costs(settings.costs())
                .policy(consensusPolicy(properties.policy()))
                .deadline(properties.deadline())
                .earlyDecision(properties.policy().earlyDecision())
                .build();
    }

    /**
     * Market data in, the orchestrator's result out; invalid market data is a 400 naming each field. Within
     * {@code llm.max-candles}, {@code llm.max-indicators} and {@code llm.max-indicator-length} (else their
     * variables, {@code .env} included); "now" (for the latest candle date) is the application's {@link Clock}
     * bean if it has exactly one, else the system clock.
     */
    @Bean
    @ConditionalOnMissingBean
    public ConsensusService llmConsensusService(LocalConsensus consensus,
                                                LlmServiceProperties properties,
                                                ObjectProvider<Environment> environmentBean,
                                                ObjectProvider<Clock> clock) {
        return new EngineConsensusService(consensus,
                properties.marketDataLimits(environmentSource(environmentBean).get()),
                clock.getIfUnique(Clock::systemUTC));
    }

    /** How request bodies of market data are read, for the scorecard: the same limits and clock as a consensus. */
    @Bean
    @ConditionalOnMissingBean
    public MarketDataReader llmMarketDataReader(LlmServiceProperties properties,
                                                ObjectProvider<Environment> environmentBean, ObjectProvider<Clock> clock) {
        return new MarketDataReader(properties.marketDataLimits(environmentSource(environmentBean).get()),
                clock.getIfUnique(Clock::systemUTC));
    }

    static ConsensusPolicy consensusPolicy(LlmServiceProperties.Policy policy) {
        return new ConsensusPolicy(policy.margin(), policy.minLead(), policy.quorumWeight(), policy.minVotes());
    }

    /**
     * {@code source}, whose {@code LLM_PROVIDERS} is {@code providers} when that is set ({@code llm.providers}): the
     * one place the providers' environment meets the Spring property, so that the factory, its status and the CLI's
     * rules read one list.
     */
    static Supplier<Environment> withProviders(Supplier<Environment> source, String providers) {
        if (providers == null) {
            return source;
        }
        Environment list = name -> ProviderList.VARIABLE.equals(name) ? providers : null;
        return () -> list.orElse(source.get());
    }

    /** The application's core {@link Environment} bean, or the process environment over {@code .env}. */
    static Supplier<Environment> environmentSource(ObjectProvider<Environment> environmentBean) {
        Environment declared = environmentBean.getIfAvailable();
        return declared != null ? () -> declared : Environment::load;
    }
}
