package dev.llmservice.provider.internal;

import org.junit.jupiter.api.Test;

import static dev.llmservice.provider.ProviderTestKit.fixture;
import static org.assertj.core.api.Assertions.assertThat;

class ErrorBodyTest {

    @Test
    void readsOpenAisErrorObject() {
        ErrorBody body = ErrorBody.parse(fixture("openai-error-429-insufficient-quota.json"));

        assertThat(body.code()).isEqualTo("insufficient_quota");
        assertThat(body.type()).isEqualTo("insufficient_quota");
        assertThat(body.message()).startsWith("You exceeded your current quota");
        assertThat(body.json()).isTrue();
    }

    @Test
    void readsAnthropicsErrorObject() {
        ErrorBody body = ErrorBody.parse(fixture("anthropic-error-529-overloaded.json"));

        assertThat(body.type()).isEqualTo("overloaded_error");
        assertThat(body.message()).isEqualTo("Overloaded");
    }

    @Test
    void readsGeminisStatusAndDetailReasons() {
        ErrorBody body = ErrorBody.parse(fixture("gemini-error-400-api-key-invalid.json"));

        assertThat(body.code()).isEqualTo("400");
        assertThat(body.status()).isEqualTo("INVALID_ARGUMENT");
        assertThat(body.reasons()).containsExactly("API_KEY_INVALID");
        assertThat(body.message()).isEqualTo("API key not valid. Please pass a valid API key.");
    }

    @Test
    void readsXaisCodeAndDecodesItsUrlEncodedMessage() {
        ErrorBody body = ErrorBody.parse(fixture("xai-error-400-invalid-api-key.json"));

        assertThat(body.code()).isEqualTo("Client specified an invalid argument");
        assertThat(body.message()).isEqualTo(
                "Incorrect API key provided: ba***na. You can obtain an API key from https://console.x.ai.");
    }

    @Test
    void bodyThatIsNotJsonIsQuotedShortAndOnOneLine() {
        ErrorBody body = ErrorBody.parse("<html>\n<body>" + "x".repeat(500) + "</body></html>");

        assertThat(body.json()).isFalse();
        assertThat(body.message()).startsWith("\"<html> <body>xxx").endsWith("\u2026\"").hasSizeLessThan(130);
    }

    @Test
    void longVendorMessageIsCut() {
        ErrorBody body = ErrorBody.parse("{\"error\":{\"message\":\"" + "y".repeat(1_000) + "\"}}");

        assertThat(body.message()).hasSize(ErrorBody.MAX_MESSAGE_CHARS + 1).endsWith("\u2026");
    }

    @Test
    void emptyBodyIsSaidToBeEmpty() {
        assertThat(ErrorBody.parse("").message()).isEqualTo("(empty body)");
    }
}
