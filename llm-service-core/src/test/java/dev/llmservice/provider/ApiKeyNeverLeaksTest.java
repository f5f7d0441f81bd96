package dev.llmservice.provider;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.llmservice.config.ProviderConfig;
import dev.llmservice.provider.ProviderTestKit.RecordingSleeper;
import dev.llmservice.provider.anthropic.AnthropicProviderType;
import dev.llmservice.provider.gemini.GeminiProviderType;
import dev.llmservice.provider.grok.GrokProviderType;
import dev.llmservice.provider.internal.ProviderRuntime;
import dev.llmservice.provider.openai.OpenAiProviderType;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.llmservice.provider.ProviderTestKit.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worst case: a vendor (or a proxy) that repeats the key it was sent, whole or in part, in its error body. No
 * message, cause, stack trace, health result or {@code toString} may show more than the standard mask.
 */
class ApiKeyNeverLeaksTest {

    @RegisterExtension
    static final WireMockExtension VENDOR = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    static Stream<Arguments> providersAndEchoes() {
        Stream<BiFunction<ProviderConfig, ProviderRuntime, LlmProvider>> factories = Stream.of(
                ProviderTestKit.factory(new AnthropicProviderType()), ProviderTestKit.factory(new OpenAiProviderType()),
                ProviderTestKit.factory(new GeminiProviderType()), ProviderTestKit.factory(new GrokProviderType()));
        return factories.flatMap(factory -> Stream.of(
                Arguments.of(factory, 401, "{\"error\":{\"message\":\"key " + API_KEY + " is not valid\"}}"),
                Arguments.of(factory, 400, "{\"code\":\"x\",\"error\":\"Incorrect API key provided: "
                        + API_KEY.substring(0, 12) + "***" + API_KEY.substring(API_KEY.length() - 6) + ".\"}"),
                Arguments.of(factory, 502, "<html>upstream said Bearer " + API_KEY.substring(3, 20) + "</html>"),
                Arguments.of(factory, 200, "not json, but it says " + API_KEY)));
    }

    @ParameterizedTest
    @MethodSource("providersAndEchoes")
    void keyEchoedByTheVendorIsMaskedEverywhere(BiFunction<ProviderConfig, ProviderRuntime, LlmProvider> factory,
            int status, String body) {
        VENDOR.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status).withBody(body)));
        LlmProvider provider = factory.apply(
                ProviderTestKit.config("p", "m", "http://127.0.0.1:" + VENDOR.getPort(), 1, Duration.ofSeconds(5)),
                ProviderTestKit.runtime(new RecordingSleeper()));

        ProviderException failure = null;
        try {
            provider.generate(GenerationRequest.of("Hi"));
        } catch (ProviderException e) {
            failure = e;
        }
        HealthCheckResult health = provider.healthCheck();

        assertThat(failure).isNotNull();
        assertThat(health.healthy()).isFalse();
        String everything = stackTrace(failure) + "\n" + health + "\n" + provider;
        assertNoKeyFragment(everything);
    }

    private static String stackTrace(Throwable t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.printStackTrace(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** No run of five or more characters of the key appears (the mask shows four at each end). */
    private static void assertNoKeyFragment(String text) {
        for (int start = 0; start + 5 <= API_KEY.length(); start++) {
            assertThat(text).doesNotContain(API_KEY.substring(start, start + 5));
        }
        assertThat(text).contains("sk-t\u2026cdef");
    }
}
