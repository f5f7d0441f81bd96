package dev.llmservice.spring.openai;

import dev.llmservice.config.Environment;
import dev.llmservice.cost.CostCalculator;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.testing.FakeProviderType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Routing, weighted order and fallback, on fake providers in a real registry. */
class ChatCompletionsTest {

    final FakeProviderType alpha = FakeProviderType.named("alpha").replying("from alpha");
    final FakeProviderType beta = FakeProviderType.named("beta").replying("from beta").withJsonMode();
    final FakeProviderType gamma = FakeProviderType.named("gamma").replying("from gamma");
    final List<String> costs = new ArrayList<>();

    ProviderRegistry registry(Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("LLM_PROVIDERS", "alpha,beta,gamma",
                "ALPHA_API_KEY", "key-alpha-qwertyuiop", "BETA_API_KEY", "key-beta-qwertyuiop",
                "GAMMA_API_KEY", "key-gamma-qwertyuiop"));
        env.putAll(extra);
        return ProviderFactory.builder().overrides(OverrideStore.inMemory()).environment(Environment.of(env))
                .types(List.<ProviderType>of(alpha, beta, gamma)).build().initializeRegistry();
    }

    ChatCompletions completions(ProviderRegistry registry, double... draws) {
        Iterator<Double> it = java.util.Arrays.stream(draws).boxed().iterator();
        return new ChatCompletions(registry, CostCalculator.bundled(),
                (provider, model, cost) -> costs.add(provider + " " + model + " " + cost.isKnown()),
                () -> it.next());
    }

    static ChatCompletionRequest ask(String model) {
        return ChatCompletionRequest.read(("{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", "
                + "\"content\": \"Hi\"}]}").getBytes(StandardCharsets.UTF_8));
    }

    static ChatCompletionRequest askJson(String model) {
        return ChatCompletionRequest.read(("{\"model\": \"" + model + "\", \"response_format\": {\"type\": "
                + "\"json_object\"}, \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void autoAsksTheProvidersInAnOrderDrawnByWeight() {
        // Keys u^(1/w): alpha 0.5^(1/0.25) = 0.0625, beta 0.5^1 = 0.5, gamma 0.9^1 = 0.9: gamma, beta, alpha.
        ChatCompletions c = completions(registry(Map.of("ALPHA_WEIGHT", "0.25")), 0.5, 0.5, 0.9);
        gamma.failingWith(FailureKind.UNAVAILABLE);
        beta.failingWith(FailureKind.AUTHENTICATION);

        ChatCompletions.Completion done = c.complete(ask("auto"));

        assertThat(done.result().text()).isEqualTo("from alpha");
        assertThat(done.attempts()).extracting(ChatCompletions.Attempt::toString)
                .containsExactly("gamma=unavailable;status=503", "beta=authentication;status=401", "alpha=ok");
        assertThat(costs).containsExactly("alpha alpha-model false");
    }

    @Test
    void autoLeavesOutObserversAndProvidersWithoutJsonModeWhenJsonIsAsked() {
        ChatCompletions c = completions(registry(Map.of("GAMMA_WEIGHT", "0")), 0.9, 0.1);

        assertThat(c.complete(askJson("auto")).attempts()).extracting(ChatCompletions.Attempt::provider)
                .containsExactly("beta");
    }

    @Test
    void aStreamLeavesAProviderForTheNextOnlyBeforeItsFirstPiece() {
        ChatCompletions c = completions(registry(Map.of()), 0.9, 0.5, 0.1);
        alpha.failingWith(FailureKind.UNAVAILABLE);
        List<String> seen = new ArrayList<>();

        c.complete(ask("auto"), new ChatCompletions.Stream() {
            @Override
            public void start(String provider, String model, List<ChatCompletions.Attempt> failedBefore) {
                seen.add("start " + provider + " " + model + " after " + failedBefore);
            }

            @Override
            public void text(String piece) {
                seen.add(piece);
            }
        });

        assertThat(seen).containsExactly("start beta beta/beta-model after [alpha=unavailable;status=503]",
                "from beta");
    }

    @Test
    void aStreamWhoseClientIsGoneAsksNoOtherProviderAndBlamesNone() {
        ChatCompletions c = completions(registry(Map.of()), 0.9, 0.5, 0.1);

        Throwable e = catchThrowableOfType(ChatCompletions.StreamAborted.class, () -> c.complete(ask("auto"),
                new ChatCompletions.Stream() {
                    @Override
                    public void start(String provider, String model, List<ChatCompletions.Attempt> failedBefore) {
                        throw new java.io.UncheckedIOException(new java.io.IOException("Broken pipe"));
                    }

                    @Override
                    public void text(String piece) {
                    }
                }));

        assertThat(e).hasMessageContaining("Broken pipe");
        assertThat(alpha.generations() + beta.generations() + gamma.generations()).isEqualTo(1);
        assertThat(costs).isEmpty();
    }

    @Test
    void aRequestTheVendorCallsInvalidIsNotTriedElsewhere() {
        ChatCompletions c = completions(registry(Map.of()), 0.9, 0.5, 0.1);
        alpha.failingWith(FailureKind.INVALID_REQUEST, "alpha answered HTTP 400: context too long");

        OpenAiError e = catchThrowableOfType(OpenAiError.class, () -> c.complete(ask("auto")));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("provider_rejected_request");
        assertThat(e.getMessage()).isEqualTo("alpha answered HTTP 400: context too long");
        assertThat(e.attempts()).hasSize(1);
    }

    @Test
    void aDisabledProviderIsNoModelAndAnUnknownNameListsTheProviders() {
        ChatCompletions c = completions(registry(Map.of("BETA_ENABLED", "false")));

        OpenAiError disabled = catchThrowableOfType(OpenAiError.class, () -> c.complete(ask("beta")));
        OpenAiError unknown = catchThrowableOfType(OpenAiError.class, () -> c.complete(ask("delta/x")));

        assertThat(disabled.status()).isEqualTo(404);
        assertThat(disabled.getMessage()).isEqualTo("The model 'beta' is not available: provider beta is disabled");
        assertThat(unknown.code()).isEqualTo("model_not_found");
        assertThat(unknown.getMessage()).contains("'delta/x'", "alpha, beta, gamma");
        assertThat(c.providerModels()).containsExactly("alpha", "gamma");
    }

    @Test
    void aProviderNameWithASlashAndNothingAfterIsABadModel() {
        OpenAiError e = catchThrowableOfType(OpenAiError.class,
                () -> completions(registry(Map.of())).complete(ask("alpha/")));

        assertThat(e.param()).isEqualTo("model");
        assertThat(e.status()).isEqualTo(400);
    }

    @Test
    void vendorFailuresBecomeOpenAisStatusCodes() {
        assertThat(status(FailureKind.RATE_LIMITED)).isEqualTo(429);
        assertThat(status(FailureKind.UNAVAILABLE)).isEqualTo(503);
        assertThat(status(FailureKind.TIMEOUT)).isEqualTo(503);
        assertThat(status(FailureKind.CIRCUIT_OPEN)).isEqualTo(503);
        assertThat(status(FailureKind.AUTHENTICATION)).isEqualTo(500);
        assertThat(status(FailureKind.BAD_RESPONSE)).isEqualTo(500);
        assertThat(status(FailureKind.REFUSED)).isEqualTo(400);
    }

    private int status(FailureKind kind) {
        alpha.failingWith(kind);
        ChatCompletions c = completions(registry(Map.of()));
        return catchThrowableOfType(OpenAiError.class, () -> c.complete(ask("alpha"))).status();
    }

}
