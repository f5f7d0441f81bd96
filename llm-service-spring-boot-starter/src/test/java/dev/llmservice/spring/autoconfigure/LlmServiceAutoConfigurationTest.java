package dev.llmservice.spring.autoconfigure;

import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.spring.consensus.ConsensusService;
import dev.llmservice.spring.consensus.internal.InterimConsensusService;
import dev.llmservice.spring.testapp.FakeProviders;
import dev.llmservice.spring.web.ProvidersController;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

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
            assertThat(context.getBean(ConsensusService.class)).isInstanceOf(InterimConsensusService.class);
        });
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
        runner.withPropertyValues("llm.policy.margin=1.5", "llm.health.min-available=0", "llm.deadline=0s")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContainingAll(
                            "llm.deadline was 'PT0S' but it must be greater than 0",
                            "llm.policy.margin was '1.5' but it must be a number from 0.0 to 1.0",
                            "llm.health.min-available was '0' but it must be at least 1");
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
}
