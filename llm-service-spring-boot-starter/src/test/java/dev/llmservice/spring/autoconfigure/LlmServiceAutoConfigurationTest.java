package dev.llmservice.spring.autoconfigure;

import dev.llmservice.config.Environment;
import dev.llmservice.consensus.marketdata.MarketDataLimits;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.spring.consensus.ConsensusService;
import dev.llmservice.consensus.MultiProviderOrchestrator;
import dev.llmservice.consensus.policy.ConsensusPolicy;
import dev.llmservice.spring.consensus.EngineConsensusService;
import java.time.Duration;
import dev.llmservice.spring.testapp.FakeProviders;
import dev.llmservice.spring.web.ProvidersController;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.llmservice.spring.dashboard.DashboardController;
import dev.llmservice.spring.dashboard.DashboardEvents;
import dev.llmservice.spring.dashboard.ProviderCallStats;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Wiring without a server: what is registered, what backs off, what is rejected. */
class LlmServiceAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LlmServiceAutoConfiguration.class))
            .withUserConfiguration(FakeProviders.class)
            .withPropertyValues("llm.state.file=target/autoconfig-test-state.json", "llm.state.poll-interval=0");

    @Test
    void initialisesTheRegistryFromTheEnvironmentDuringStartUp() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ProviderFactory.class);
            assertThat(context.getBean(ProviderRegistry.class).names()).containsExactly("alpha", "beta", "gamma", "delta");
            assertThat(context.getBean(ConsensusService.class)).isInstanceOf(EngineConsensusService.class);
        });
    }

    @Test
    void llmProvidersNamesTheProvidersAsTheVariableDoesTwoOfOneTypeIncluded() {
        runner.withPropertyValues("llm.providers=beta,alpha,alpha-eu", "llm.admin.token=t-kQvXzJwMhB")
                .run(context -> {
                    ProviderRegistry registry = context.getBean(ProviderRegistry.class);
                    assertThat(registry.names()).containsExactly("beta", "alpha", "alpha-eu");
                    assertThat(registry.get("alpha-eu").state().code()).as("ALPHA_EU_TYPE is not set")
                            .isEqualTo("misconfigured");
                    assertThat(registry.get("beta").available()).isTrue();
                });
    }

    @Test
    void theOrchestratorTakesThePolicyDeadlineAndEarlyDecisionFromTheProperties() {
        runner.run(context -> {
            MultiProviderOrchestrator defaults = context.getBean(MultiProviderOrchestrator.class);
            assertThat(defaults.policy()).isEqualTo(ConsensusPolicy.DEFAULT);
            assertThat(defaults.deadline()).isEqualTo(MultiProviderOrchestrator.DEFAULT_DEADLINE);
            assertThat(defaults.earlyDecision()).isTrue();
        });
        runner.withPropertyValues("llm.policy.margin=0.15", "llm.policy.min-lead=0.3", "llm.policy.quorum-weight=0.6",
                        "llm.policy.min-votes=3", "llm.policy.early-decision=false", "llm.deadline=5s")
                .run(context -> {
                    MultiProviderOrchestrator o = context.getBean(MultiProviderOrchestrator.class);
                    assertThat(o.policy()).isEqualTo(new ConsensusPolicy(0.15, 0.3, 0.6, 3));
                    assertThat(o.deadline()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(o.earlyDecision()).isFalse();
                });
    }

    @Test
    void anApplicationsOrchestratorIsUsedByTheConsensusService() {
        MultiProviderOrchestrator own = MultiProviderOrchestrator.builder(java.util.List::of).build();
        runner.withBean("myOrchestrator", MultiProviderOrchestrator.class, () -> own)
                .run(context -> assertThat(context.getBeansOfType(MultiProviderOrchestrator.class)).hasSize(1)
                        .containsValue(own));
        own.close();
    }

    @Test
    void initialisesTheRegistryEvenWhenTheApplicationIsLazy() {
        runner.withPropertyValues("spring.main.lazy-initialization=true")
                .run(context -> assertThat(context.getBean(ProviderRegistry.class).available()).hasSize(2));
    }

    @Test
    void leavesTheRegistryEmptyWhenInitialisationIsSwitchedOff() {
        runner.withPropertyValues("llm.registry.initialize=false")
                .run(context -> assertThat(context.getBean(ProviderRegistry.class).snapshot()).isEmpty());
    }

    @Test
    void backsOffForTheApplicationsOwnBeans() {
        ConsensusService own = json -> null;
        runner.withBean("myConsensus", ConsensusService.class, () -> own)
                .run(context -> assertThat(context.getBean(ConsensusService.class)).isSameAs(own));
    }

    @Test
    void reportsEveryInvalidPropertyTogether() {
        runner.withPropertyValues("llm.policy.margin=1.5", "llm.health.min-available=0", "llm.deadline=0s",
                        "llm.web.worker-idle-timeout=-5s")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContainingAll(
                            "llm.deadline was 'PT0S' but it must be greater than 0",
                            "llm.web.worker-idle-timeout was 'PT-5S' but it must be greater than 0",
                            "llm.policy.margin was '1.5' but it must be a number from 0.0 to 1.0",
                            "llm.health.min-available was '0' but it must be at least 1");
                });
    }

    @Test
    void theInputLimitsAreTheDefaultsWhenNothingSetsThem() {
        runner.run(context -> {
            LlmServiceProperties p = context.getBean(LlmServiceProperties.class);
            assertThat(p.maxRequestBytes(Environment.of(Map.of()))).isEqualTo(4_194_304L);
            assertThat(p.marketDataLimits(Environment.of(Map.of()))).isEqualTo(MarketDataLimits.DEFAULTS);
        });
    }

    /** The start with {@code LLM_STATE_URL=url} and no llm-service-redis on the class path: its failure. */
    private static Throwable startFailure(String stateUrl) {
        Throwable[] failure = new Throwable[1];
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LlmServiceAutoConfiguration.class))
                .withBean(Environment.class, () -> Environment.of(Map.of("LLM_STATE_URL", stateUrl,
                        "LLM_JOURNAL", "off")))
                .run(context -> {
                    assertThat(context).hasFailed();
                    failure[0] = context.getStartupFailure();
                });
        return failure[0];
    }

    @Test
    void anUnparseableStateUrlStopsTheStartWithOneLineNamingItAndNoPassword() {
        assertThat(startFailure("redis://bot:hunter-Kq7z@redis.internal:six")).rootCause().hasMessage(
                "LLM_STATE_URL was 'redis://bot:\u2026@redis.internal:six' but it must be "
                        + "redis://[user:password@]host:port[/db] (rediss:// for TLS), e.g. "
                        + "redis://redis.internal:6379/0 (no host)");
    }

    @Test
    void aStateUrlWithoutTheRedisModuleStopsTheStartSayingWhatIsMissing() {
        assertThat(startFailure("redis://:hunter-Kq7z@127.0.0.1:6379")).rootCause().hasMessage(
                "LLM_STATE_URL is redis://:\u2026@127.0.0.1:6379/0 but no shared state implementation is on the "
                        + "class path: add the llm-service-redis module, or unset LLM_STATE_URL");
    }

    @Test
    void invalidInputLimitPropertiesAreReportedTogetherWithTheirVariable() {
        runner.withPropertyValues("llm.max-request-bytes=100", "llm.max-candles=10", "llm.max-indicators=-1",
                        "llm.max-indicator-length=0")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessage(
                            "llm.max-request-bytes (LLM_MAX_REQUEST_BYTES) was '100' but it must be a whole number of "
                                    + "bytes from 1024 to 1073741824; "
                                    + "llm.max-candles (LLM_MAX_CANDLES) was '10' but it must be a whole number from 50 "
                                    + "to 1000000; "
                                    + "llm.max-indicators (LLM_MAX_INDICATORS) was '-1' but it must be a whole number "
                                    + "from 0 to 1000; "
                                    + "llm.max-indicator-length (LLM_MAX_INDICATOR_LENGTH) was '0' but it must be a "
                                    + "whole number from 1 to 100000");
                });
    }

    @Test
    void theDocumentedVariablesSetTheInputLimits() {
        Map<String, Object> variables = Map.of("LLM_MAX_REQUEST_BYTES", "65536", "LLM_MAX_CANDLES", "20000",
                "LLM_MAX_INDICATORS", "3", "LLM_MAX_INDICATOR_LENGTH", "12");
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("systemEnvironment", variables)))
                .run(context -> {
                    LlmServiceProperties p = context.getBean(LlmServiceProperties.class);
                    assertThat(p.maxRequestBytes(Environment.of(Map.of()))).isEqualTo(65_536L);
                    assertThat(p.marketDataLimits(Environment.of(Map.of())))
                            .isEqualTo(new MarketDataLimits(20_000, 3, 12));
                });
    }

    /** As the CLI reads them: a server started in the same directory accepts the same data. */
    @Test
    void unsetPropertiesFallBackToTheVariablesInDotEnvAndABadOneStopsStartUp() {
        Environment dotEnv = Environment.of(Map.of("LLM_MAX_REQUEST_BYTES", "2048", "LLM_MAX_CANDLES", "60",
                "LLM_MAX_INDICATOR_LENGTH", "5"));
        runner.withPropertyValues("llm.max-indicator-length=7").run(context -> {
            LlmServiceProperties p = context.getBean(LlmServiceProperties.class);
            assertThat(p.maxRequestBytes(dotEnv)).isEqualTo(2048L);
            assertThat(p.marketDataLimits(dotEnv)).isEqualTo(new MarketDataLimits(60, 50, 7));
        });
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LlmServiceAutoConfiguration.class))
                .withPropertyValues("llm.state.file=target/autoconfig-test-state.json", "llm.state.poll-interval=0")
                .withBean(Environment.class, () -> Environment.of(Map.of("LLM_MAX_CANDLES", "lots", "LLM_JOURNAL", "off")))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidSettingException.class)
                            .hasMessage("LLM_MAX_CANDLES was 'lots' but it must be a whole number from 50 to 1000000");
                    FailureAnalysis analysis = new InvalidSettingFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription())
                            .isEqualTo("LLM_MAX_CANDLES was 'lots' but it must be a whole number from 50 to 1000000");
                });
    }

    @Test
    void theRestApiCanBeSwitchedOff() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LlmServiceAutoConfiguration.class, LlmWebAutoConfiguration.class))
                .withUserConfiguration(FakeProviders.class)
                .withPropertyValues("llm.state.poll-interval=0", "llm.state.file=target/autoconfig-test-state.json")
                .run(context -> assertThat(context).hasSingleBean(ProvidersController.class));
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LlmServiceAutoConfiguration.class, LlmWebAutoConfiguration.class))
                .withUserConfiguration(FakeProviders.class)
                .withPropertyValues("llm.web.enabled=false", "llm.state.poll-interval=0")
                .run(context -> assertThat(context).doesNotHaveBean(ProvidersController.class));
    }

    /** The dashboard takes / only when asked to: an application's own page is left alone by default. */
    @Test
    void theDashboardIsServedOnlyWithLlmDashboardEnabled() {
        WebApplicationContextRunner web = new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LlmServiceAutoConfiguration.class, LlmWebAutoConfiguration.class,
                        LlmDashboardAutoConfiguration.class))
                .withUserConfiguration(FakeProviders.class)
                .withPropertyValues("llm.state.poll-interval=0", "llm.state.file=target/autoconfig-test-state.json");
        web.run(context -> assertThat(context).doesNotHaveBean(DashboardController.class));
        web.withPropertyValues("llm.dashboard.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(DashboardController.class)
                        .hasSingleBean(DashboardEvents.class).doesNotHaveBean(ProviderCallStats.class));
    }
}
