package dev.llmservice.provider.internal;

import dev.llmservice.config.ApiKey;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class SecretRedactorTest {

    private static final String KEY = "sk-test-DISTINCTIVE-kQvXzJwMhBnRyPcdef";
    private static final String MASK = "sk-t\u2026cdef";

    private final SecretRedactor redactor = new SecretRedactor(ApiKey.of(KEY));

    @Test
    void rawKeyIsReplacedByItsMask() {
        assertThat(redactor.redact("sent key " + KEY + " twice: " + KEY)).isEqualTo("sent key " + MASK + " twice: " + MASK);
    }

    @Test
    void openAiEchoOfTheKeyIsReplacedByTheMask() {
        String echo = "Incorrect API key provided: sk-test-********************cdef. You can find your API key at "
                + "https://platform.openai.com/account/api-keys.";

        assertThat(redactor.redact(echo)).isEqualTo("Incorrect API key provided: " + MASK
                + ". You can find your API key at https://platform.openai.com/account/api-keys.");
    }

    @Test
    void xaiEchoOfTheKeyIsReplacedByTheMask() {
        assertThat(redactor.redact("Incorrect API key provided: sk***ef. You can obtain an API key from x."))
                .isEqualTo("Incorrect API key provided: " + MASK + ". You can obtain an API key from x.");
    }

    @Test
    void anyRunOfMoreThanFourKeyCharactersIsMasked() {
        String redacted = redactor.redact("prefix DISTINCTIVE-k and suffix RyPcdef and 'sk-test-DIST'");

        assertThat(redacted).doesNotContain("DISTI").doesNotContain("yPcde").doesNotContain("sk-te");
    }

    @Test
    void textWithoutTheKeyIsUnchanged() {
        String message = "Rate limit reached for o4-mini in organization org-**** on tokens per min (TPM). "
                + "Please try again in 1.574s.";

        assertThat(redactor.redact(message)).isEqualTo(message);
    }

    @Test
    void theMaskItselfIsLeftAlone() {
        assertThat(redactor.redact("key " + MASK)).isEqualTo("key " + MASK);
    }

    @Test
    void sanitizedCauseChainKeepsClassesAndStackTracesButNotTheKey() {
        IOException root = new IOException("header Authorization: Bearer " + KEY);
        RuntimeException top = new RuntimeException("wrapped " + KEY, root);

        Throwable sanitized = redactor.sanitize(top);

        assertThat(sanitized.getMessage()).isEqualTo("java.lang.RuntimeException: wrapped " + MASK);
        assertThat(sanitized.getCause().getMessage())
                .isEqualTo("java.io.IOException: header Authorization: Bearer " + MASK);
        assertThat(sanitized.getStackTrace()).isEqualTo(top.getStackTrace());
        assertThat(sanitized.getCause().getStackTrace()).isEqualTo(root.getStackTrace());
    }
}
