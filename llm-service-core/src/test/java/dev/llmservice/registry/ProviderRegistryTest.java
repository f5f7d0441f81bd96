package dev.llmservice.registry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderRegistryTest {

    @Test
    void globalIsOneInstanceForTheWholeProcess() {
        assertThat(ProviderRegistry.global()).isSameAs(ProviderRegistry.global());
    }

    @Test
    void createGivesANewEmptyRegistryEachTime() {
        ProviderRegistry a = ProviderRegistry.create();

        assertThat(a).isNotSameAs(ProviderRegistry.create()).isNotSameAs(ProviderRegistry.global());
        assertThat(a.snapshot()).isEmpty();
    }

    @Test
    void unknownProviderMessageListsTheKnownNames() {
        UnknownProviderException e = new UnknownProviderException("mistral", java.util.List.of("anthropic", "grok"));

        assertThat(e).hasMessage("unknown provider 'mistral'; expected one of: anthropic, grok");
        assertThat(e.name()).isEqualTo("mistral");
    }
}
