package dev.llmservice.cli;

import dev.llmservice.cli.testing.Cli;
import dev.llmservice.config.ApiKey;
import dev.llmservice.provider.FailureKind;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.testing.FakeProviderType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskingTest {

    static final String KEY = "sk-ant-DISTINCTIVE-SECRET-kQvXzJwMhB";
    static final String OTHER_KEY = "xai-ANOTHER-DISTINCTIVE-SECRET-WmHq";
    static final String MINI_KEY = "sk-ant-MINI-DISTINCTIVE-SECRET-ZcKv";
    static final String UNREAD_KEY = "gsk-UNREAD-DISTINCTIVE-SECRET-NxRb";

    @TempDir
    Path tmp;

    List<FakeProviderType> types;
    Cli cli;
    PrintStream originalErr;
    ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @BeforeEach
    void providersWhoseVendorsEchoTheKey() {
        // Log lines (slf4j-simple) go to System.err: capture them too. Start slf4j now, so that the --verbose
        // run below does not raise the log level of the tests that follow.
        org.slf4j.LoggerFactory.getILoggerFactory();
        originalErr = System.err;
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        types = Cli.fakeBuiltIns();
        types.get(0).leakingKey().failingWith(FailureKind.AUTHENTICATION); // 401 "invalid x-api-key <key>"
        types.get(0).unhealthy(FailureKind.AUTHENTICATION, "rejected key " + KEY);
        types.get(3).failingWith(c -> new IllegalStateException("request to /v1?key=" + c.key()));
        cli = new Cli(tmp, types)
                .set("ANTHROPIC_API_KEY", KEY)
                .set("GROK_API_KEY", OTHER_KEY)
                .set("GEMINI_API_KEY", KEY)
                .set("GEMINI_WEIGHT", "2");
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
        System.clearProperty(OutputOptions.DEFAULT_LOG_LEVEL);
        System.clearProperty(OutputOptions.FACTORY_LOG_LEVEL);
    }

    @Test
    void noCommandEverPrintsAnUnmaskedKey() {
        List<Cli.Result> results = new ArrayList<>();
        for (String[] args : List.of(
                new String[] {"--status"}, new String[] {"--status", "--json"},
                new String[] {"--list"}, new String[] {"--list", "--json"},
                new String[] {"--enable", "anthropic"}, new String[] {"--enable", "gemini", "--json"},
                new String[] {"--disable", "grok"}, new String[] {"--clear-override", "grok", "--json"},
                new String[] {"--test", "anthropic"}, new String[] {"--test", "anthropic", "--json"},
                new String[] {"--test", "grok"}, new String[] {"--test", "grok", "--json"},
                new String[] {"--test", "gemini"},
                new String[] {"--health-check"}, new String[] {"--health-check", "--json"},
                new String[] {"--reinit"}, new String[] {"--reinit", "--json", "--verbose"},
                new String[] {"--test", KEY}, new String[] {KEY})) {
            results.add(cli.run(args));
        }
        cli.terminal(true);
        results.add(cli.run("--health-check"));

        assertThat(results).allSatisfy(r -> assertThat(r.all()).doesNotContain(KEY).doesNotContain(OTHER_KEY));
        assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain(KEY).doesNotContain(OTHER_KEY);
        // What a vendor echoed is still there, masked.
        assertThat(results.get(8).out()).contains("invalid x-api-key " + ApiKey.mask(KEY));
        assertThat(results.get(10).out()).contains("key=" + ApiKey.mask(OTHER_KEY));
        assertThat(results.get(0).out()).contains(ApiKey.mask(KEY), ApiKey.mask(OTHER_KEY));
    }

    @Test
    void theKeyOfASecondProviderOfOneTypeAndOfAProviderNotListedAreMaskedToo() {
        cli.set("LLM_PROVIDERS", "anthropic,anthropic-mini,grok")
                .set("ANTHROPIC_MINI_TYPE", "anthropic").set("ANTHROPIC_MINI_API_KEY", MINI_KEY)
                .set("GROQ_API_KEY", UNREAD_KEY);
        types.get(0).failingWith(c -> new ProviderException(c.config().name(), FailureKind.AUTHENTICATION, 401,
                "invalid x-api-key " + c.key() + "; did you mean " + UNREAD_KEY + "?", null));

        Cli.Result test = cli.run("--test", "anthropic-mini");
        Cli.Result status = cli.run("--status");

        assertThat(test.exitCode()).isEqualTo(1);
        assertThat(test.all()).contains("invalid x-api-key " + ApiKey.mask(MINI_KEY))
                .contains("did you mean " + ApiKey.mask(UNREAD_KEY)).doesNotContain(MINI_KEY, UNREAD_KEY);
        assertThat(status.out()).contains("anthropic-mini  anthropic", ApiKey.mask(MINI_KEY))
                .contains("GROQ_API_KEY is set but groq is not in LLM_PROVIDERS").doesNotContain(MINI_KEY, UNREAD_KEY);
    }
}
