package dev.llmservice.cli;

import dev.llmservice.cli.testing.Cli;
import dev.llmservice.testing.FakeProviderType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UsageErrorTest {

    static final String N = System.lineSeparator();

    @TempDir
    Path tmp;

    Cli cli() {
        return new Cli(tmp, Cli.fakeBuiltIns()).set("ANTHROPIC_API_KEY", "sk-ant-usage-kQvXzJwMhBnRyPcdef");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--enable", "--disable", "--clear-override", "--test"})
    void unknownProviderIsAOneLineUsageErrorListingTheKnownOnes(String action) {
        Cli.Result r = cli().run(action, "foo");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(
                "llm-providers: unknown provider 'foo'; expected one of: anthropic, openai, gemini, grok" + N);
    }

    @Test
    void unknownProviderChangesNothing() {
        Cli cli = cli();

        cli.run("--disable", "foo");

        assertThat(cli.stateFile()).doesNotExist();
    }

    @Test
    void unknownOptionIsAOneLineUsageError() {
        Cli.Result r = cli().run("--bogus");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("llm-providers: unknown option '--bogus'; see 'llm-providers --help'" + N);
    }

    @Test
    void misspelledOptionSuggestsTheRightOne() {
        Cli.Result r = cli().run("--statu");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(
                "llm-providers: unknown option '--statu' (did you mean --status?); see 'llm-providers --help'" + N);
    }

    @Test
    void twoActionsAreAOneLineUsageError() {
        Cli.Result r = cli().run("--status", "--disable", "grok");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("llm-providers: --status, --disable=NAME are mutually exclusive "
                + "(specify only one); see 'llm-providers --help'" + N);
    }

    @Test
    void theSameActionTwiceIsAOneLineUsageError() {
        Cli.Result r = cli().run("--list", "--list");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(
                "llm-providers: option '--list' should be specified only once; see 'llm-providers --help'" + N);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--enable", "--test"})
    void aMissingProviderNameIsAOneLineUsageError(String action) {
        Cli.Result r = cli().run(action);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("llm-providers: missing required parameter for option '" + action
                + "' (NAME); see 'llm-providers --help'" + N);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--enable", "--disable", "--clear-override", "--test"})
    void aNameThatCannotBeAProviderIsAUsageErrorNamingTheValue(String action) {
        Cli cli = cli();
        for (String name : new String[] {"a/b", "", " grok", "../state", "gr\u00f6k", "9lives", "-x",
                "a-name-of-thirty-three-characters"}) {
            Cli.Result r = cli.run(action, name);

            assertThat(r.exitCode()).as(name).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("llm-providers: " + action + " was '" + name + "' but it must be a provider "
                    + "name from LLM_PROVIDERS (a letter, then up to 31 letters, digits, '-' or '_'), e.g. anthropic"
                    + N);
        }
        assertThat(cli.stateFile()).doesNotExist();
    }

    @Test
    void anOptionIsNotTakenForAProviderName() {
        Cli.Result r = cli().run("--enable", "--json");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("llm-providers: expected parameter for option '--enable' but found '--json'; "
                + "see 'llm-providers --help'" + N);
    }

    @Test
    void aStrayArgumentIsAOneLineUsageError() {
        Cli.Result r = cli().run("--status", "anthropic");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("llm-providers: unexpected argument 'anthropic'; see 'llm-providers --help'" + N);
    }

    @Test
    void unknownProviderWhenLlmProvidersNamesNoneSaysSo() {
        Cli.Result r = new Cli(tmp, FakeProviderType.builtIns()).set("LLM_PROVIDERS", " , ").run("--test", "anthropic");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("llm-providers: unknown provider 'anthropic': LLM_PROVIDERS names no provider" + N);
    }

    @Test
    void aTypeNotInLlmProvidersIsNoProvider() {
        Cli.Result r = new Cli(tmp, FakeProviderType.builtIns()).set("LLM_PROVIDERS", "openai,openai-mini")
                .run("--enable", "grok");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("llm-providers: unknown provider 'grok'; expected one of: openai, openai-mini" + N);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-1", "NaN", "1e9", " "})
    void aTimeoutThatIsNotAPositiveNumberOfSecondsIsAUsageErrorAndNothingIsSent(String value) {
        List<FakeProviderType> types = Cli.fakeBuiltIns();
        Cli cli = new Cli(tmp, types).set("ANTHROPIC_API_KEY", "sk-ant-usage-kQvXzJwMhBnRyPcdef");

        Cli.Result r = cli.run("--test", "anthropic", "--timeout", value);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("llm-providers: --timeout was '" + value.strip() + "' but it must be a number "
                + "of seconds greater than 0 (at most 86400), e.g. 30" + N);
        assertThat(types.get(0).generations()).isZero();
    }

    @Test
    void timeoutWithAnActionItDoesNotBoundIsAUsageError() {
        Cli.Result r = cli().run("--status", "--timeout", "5");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("llm-providers: --timeout applies to --test and --health-check only" + N);
    }

    @Test
    void timeoutWithUrlIsAUsageError() {
        Cli.Result r = cli().run("--url", "http://127.0.0.1:9", "--health-check", "--timeout", "5");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("llm-providers: --timeout applies to a local --test or --health-check; with "
                + "--url the server bounds its own calls" + N);
    }

    @Test
    void timeoutBeforeConsensusIsAUsageError() {
        Cli.Result r = cli().run("--timeout", "5", "consensus", "--market-data", "candles.json");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("llm-providers consensus: --timeout applies to --test and --health-check, not "
                + "to consensus" + N);
    }

    @Test
    void helpListsEveryActionAndTheExitCodesOnStdout() {
        Cli.Result r = cli().run("--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("Usage: llm-providers")
                .contains("--status", "--list", "--enable=NAME", "--disable=NAME", "--clear-override=NAME",
                        "--test=NAME", "--health-check", "--reinit", "--json", "--verbose")
                .contains("  2  usage error");
    }

    @Test
    void theHelpSubcommandPrintsTheSameHelp() {
        Cli.Result r = cli().run("help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(cli().run("--help").out());
    }

    @Test
    void versionIsPrinted() {
        Cli.Result r = cli().run("--version");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("llm-providers ");
    }
}
