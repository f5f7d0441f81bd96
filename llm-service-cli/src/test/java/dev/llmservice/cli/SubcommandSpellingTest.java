package dev.llmservice.cli;

import dev.llmservice.cli.testing.Cli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code llm-providers status}, {@code llm-providers test NAME}, ...: the same actions as the option spelling. */
class SubcommandSpellingTest {

    @TempDir
    Path tmp;

    Cli cli;

    @BeforeEach
    void providers() {
        cli = new Cli(tmp, Cli.fakeBuiltIns())
                .set("ANTHROPIC_API_KEY", "sk-ant-spelling-key-abcdefghij")
                .set("OPENAI_API_KEY", "sk-proj-spelling-key-abcdefghij");
    }

    @Test
    void eachSubcommandPrintsWhatItsOptionPrints() {
        String[][] pairs = {
            {"status", "--status"}, {"list", "--list"}, {"health-check", "--health-check"}, {"reinit", "--reinit"}};
        for (String[] pair : pairs) {
            for (String json : new String[] {null, "--json"}) {
                Cli.Result sub = json == null ? cli.run(pair[0]) : cli.run(pair[0], json);
                Cli.Result option = json == null ? cli.run(pair[1]) : cli.run(pair[1], json);
                assertThat(sub.out()).as(pair[0] + " " + json).isEqualTo(option.out()).isNotEmpty();
                assertThat(sub.exitCode()).as(pair[0]).isEqualTo(option.exitCode());
            }
        }
        assertThat(cli.run("test", "anthropic").out()).isEqualTo(cli.run("--test", "anthropic").out());
        // --json may stand before the subcommand too, as it may for consensus.
        assertThat(cli.run("--json", "test", "openai").json().get("ok").asBoolean()).isTrue();
    }

    @Test
    void overrideSubcommandsChangeTheStateFileAsTheirOptionsDo() throws Exception {
        Cli.Result disabled = cli.run("disable", "openai");
        assertThat(disabled.exitCode()).isZero();
        assertThat(disabled.out()).isEqualTo("openai: disabled (override); stored in " + cli.stateFile()
                + System.lineSeparator());
        assertThat(Files.readString(cli.stateFile())).contains("\"openai\"");

        assertThat(cli.run("enable", "gemini").exitCode()).isEqualTo(1);
        assertThat(cli.run("clear-override", "openai").exitCode()).isZero();
        assertThat(cli.run("--json").json().at("/providers/1/state").asText()).isEqualTo("enabled");

        // A damaged state file: refused, then replaced with --force after the subcommand's name.
        Files.writeString(cli.stateFile(), "{");
        assertThat(cli.run("disable", "openai").exitCode()).isEqualTo(1);
        Cli.Result forced = cli.run("disable", "openai", "--force");
        assertThat(forced.exitCode()).as(forced.all()).isZero();
        assertThat(forced.out()).contains("The damaged state file was replaced; its content is kept in "
                + cli.stateFile() + ".bak");
    }

    @Test
    void timeoutAndForceMayFollowTheSubcommandsName() {
        assertThat(cli.run("test", "openai", "--timeout", "5").exitCode()).isZero();
        assertThat(cli.run("health-check", "--timeout", "5").exitCode()).isZero();
        Cli.Result bad = cli.run("test", "openai", "--timeout", "abc");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("llm-providers test: --timeout was 'abc' but it must be a number of seconds "
                + "greater than 0 (at most 86400), e.g. 30" + System.lineSeparator());
        assertThat(cli.run("--timeout", "5", "test", "openai", "--timeout", "6").err())
                .contains("--timeout was given both before and after 'test'");
    }

    @Test
    void anActionOptionBeforeASubcommandOrABadNameIsAUsageError() {
        Cli.Result both = cli.run("--status", "test", "openai");
        Cli.Result badName = cli.run("test", "a/b");
        Cli.Result twice = cli.run("--url", "http://127.0.0.1:9", "status", "--url", "http://127.0.0.1:9");

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).isEqualTo("llm-providers test: --status cannot be combined with the test subcommand; "
                + "give one action" + System.lineSeparator());
        assertThat(badName.exitCode()).isEqualTo(2);
        assertThat(badName.err()).isEqualTo("llm-providers test: NAME was 'a/b' but it must be a provider name "
                + "from LLM_PROVIDERS (a letter, then up to 31 letters, digits, '-' or '_'), e.g. anthropic"
                + System.lineSeparator());
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("--url was given both before and after 'status'");
        assertThat(both.out() + badName.out() + twice.out()).isEmpty();
    }
}
