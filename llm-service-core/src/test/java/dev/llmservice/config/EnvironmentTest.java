package dev.llmservice.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void mapEnvironmentAnswersItsValuesAndNullOtherwise() {
        Environment env = Environment.of(Map.of("A", "1"));

        assertThat(env.get("A")).isEqualTo("1");
        assertThat(env.get("B")).isNull();
    }

    @Test
    void mapEnvironmentIsACopy() {
        Map<String, String> values = new HashMap<>(Map.of("A", "1"));
        Environment env = Environment.of(values);

        values.put("A", "2");

        assertThat(env.get("A")).isEqualTo("1");
    }

    @Test
    void orElseFallsBackOnlyForUnsetVariables() {
        Environment env = Environment.of(Map.of("A", "primary")).orElse(Environment.of(Map.of("A", "fallback", "B", "b")));

        assertThat(env.get("A")).isEqualTo("primary");
        assertThat(env.get("B")).isEqualTo("b");
        assertThat(env.get("C")).isNull();
    }

    @Test
    void dotEnvFileReadsKeysCommentsAndQuotes() throws IOException {
        Path file = write("my.env", """
                # providers
                ANTHROPIC_API_KEY=sk-ant-from-file
                OPENAI_WEIGHT=0.9
                GEMINI_MODEL="gemini-2.5-flash"
                """);

        Environment env = Environment.dotEnvFile(file);

        assertThat(env.get("ANTHROPIC_API_KEY")).isEqualTo("sk-ant-from-file");
        assertThat(env.get("OPENAI_WEIGHT")).isEqualTo("0.9");
        assertThat(env.get("GEMINI_MODEL")).isEqualTo("gemini-2.5-flash");
        assertThat(env.get("# providers")).isNull();
    }

    @Test
    void dotEnvFileDoesNotLeakTheProcessEnvironment() throws IOException {
        Path file = write("only.env", "A=1\n");

        assertThat(Environment.dotEnvFile(file).get("PATH")).isNull();
    }

    @Test
    void missingDotEnvFileIsAnEmptyEnvironment() {
        Environment env = Environment.dotEnvFile(dir.resolve("absent.env"));

        assertThat(env.get("ANTHROPIC_API_KEY")).isNull();
    }

    @Test
    void malformedLinesAreSkippedAndTheRestIsRead() throws IOException {
        Path file = write("bad.env", "this line is not a variable\nOPENAI_API_KEY=sk-ok\n");

        assertThat(Environment.dotEnvFile(file).get("OPENAI_API_KEY")).isEqualTo("sk-ok");
    }

    @Test
    void llmEnvFileNamesTheFileAndARealVariableWinsOverIt() throws IOException {
        Path file = write("custom.env", "ANTHROPIC_API_KEY=from-file\nANTHROPIC_MODEL=file-model\n");
        Environment real = Environment.of(Map.of(Environment.ENV_FILE_VARIABLE, file.toString(),
                "ANTHROPIC_API_KEY", "from-environment"));

        Environment env = Environment.withDotEnv(real);

        assertThat(env.get("ANTHROPIC_API_KEY")).isEqualTo("from-environment");
        assertThat(env.get("ANTHROPIC_MODEL")).isEqualTo("file-model");
    }

    @Test
    void fileInADirectoryWhoseNameEndsInDotEnvIsRead() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("project.env"));
        Path file = Files.writeString(sub.resolve("settings"), "X=1\n");

        assertThat(Environment.dotEnvFile(file).get("X")).isEqualTo("1");
    }

    @Test
    void singleQuotesAreRemovedLikeDoubleQuotes() throws IOException {
        Path file = write("quoted.env", "GROK_MODEL='grok-3'\nGROK_API_KEY='xai-abc'\nINNER=it's\n");

        Environment env = Environment.dotEnvFile(file);

        assertThat(env.get("GROK_MODEL")).isEqualTo("grok-3");
        assertThat(env.get("GROK_API_KEY")).isEqualTo("xai-abc");
        assertThat(env.get("INNER")).isEqualTo("it's");
    }

    @Test
    void llmEnvFilePointingNowhereIsFine() {
        Environment env = Environment.withDotEnv(Environment.of(Map.of(
                Environment.ENV_FILE_VARIABLE, dir.resolve("nope.env").toString(), "A", "1")));

        assertThat(env.get("A")).isEqualTo("1");
        assertThat(env.get("ANTHROPIC_API_KEY")).isNull();
    }
}
