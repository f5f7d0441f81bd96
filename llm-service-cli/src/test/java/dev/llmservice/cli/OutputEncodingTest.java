package dev.llmservice.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code main}, in a process of its own started with an empty environment, as {@code env -i} (cron,
 * containers, systemd units) starts it: no LANG or LC_ALL, so Java 17's default charset is ASCII.
 */
class OutputEncodingTest {

    static final String KEY = "sk-ant-encoding-test-key-wxyz";
    static final String MASKED = "sk-a\u2026wxyz";

    @TempDir
    Path tmp;

    @Test
    void withoutALocaleMaskedKeysAreWrittenInUtf8OnStdoutAndStderr() throws Exception {
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        ProcessBuilder process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LlmProvidersCommand.class.getName(), "--status",
                "--verbose")
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = process.environment();
        env.clear();
        env.put("ANTHROPIC_API_KEY", KEY);
        env.put("LLM_STATE_FILE", tmp.resolve("state.json").toString());
        env.put("LLM_ENV_FILE", tmp.resolve("absent.env").toString());

        Process p = process.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the command ended").isTrue();

        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(stderr).isZero();
        // The table on stdout (picocli's writer) and the factory's log line on stderr (slf4j-simple, System.err).
        assertThat(stdout).contains("anthropic  anthropic  enabled").contains(MASKED).doesNotContain("sk-a?").doesNotContain(KEY);
        assertThat(stderr).contains("anthropic: enabled (default), type anthropic, model claude-sonnet-4-5, key "
                        + MASKED)
                .doesNotContain(KEY);
    }
}
