package dev.llmservice.cli;

import dev.llmservice.cli.internal.ErrorHandlers.UsageError;
import dev.llmservice.cli.remote.RemoteFailure;
import dev.llmservice.cli.remote.RemoteOperations;
import dev.llmservice.config.ConfigProblem;
import dev.llmservice.config.SecretMasker;
import dev.llmservice.journal.JournalException;
import dev.llmservice.operations.ConsensusOperations;
import dev.llmservice.operations.InvalidQueryException;
import dev.llmservice.operations.InvalidSettingsException;
import dev.llmservice.operations.UnknownDecisionException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * What the {@code consensus}, {@code history} and {@code scorecard} subcommands share: the options that may stand
 * before or after the subcommand's name ({@code --json}, {@code --verbose}, {@code --url}, {@code --token}), this
 * machine's {@link ConsensusOperations} or a server's, and how their failures end the command.
 *
 * <table>
 *   <caption>Exit codes of a failure</caption>
 *   <tr><th>failure</th><th>exit</th></tr>
 *   <tr><td>an invalid variable (journal, price, budget), an invalid option value</td><td>2, one line each</td></tr>
 *   <tr><td>a journal that cannot be opened or read, an unknown id, a server that failed</td><td>1, one line</td></tr>
 * </table>
 */
abstract class DecisionCommand implements Callable<Integer> {

    @Mixin
    ServerOptions server;

    @Mixin
    OutputOptions output;

    @ParentCommand
    LlmProvidersCommand parent;

    @Spec
    CommandSpec spec;

    private URI remote;
    private String remoteToken;

    /**
     * Honours or refuses every option given before the subcommand's name (picocli runs only the subcommand, so none
     * may be silently ignored) and warns about {@code .env} once.
     *
     * @return whether a server is asked ({@code --url})
     */
    boolean begin() {
        output.applyLogLevel();
        parent.output.applyLogLevel();
        String action = parent.actionOption();
        if (action != null) {
            throw new UsageError(spec.commandLine(), action + " cannot be combined with the " + spec.name()
                    + " subcommand; run them separately");
        }
        if (parent.timeout != null) {
            throw new UsageError(spec.commandLine(), "--timeout applies to --test and --health-check, not to "
                    + spec.name());
        }
        if (parent.force) {
            throw new UsageError(spec.commandLine(), "--force goes only with --enable, --disable or --clear-override");
        }
        // A request meant for the server must never be answered by this machine instead.
        String url = LlmProvidersCommand.once(spec, "--url", parent.server.url(), server.url());
        String token = LlmProvidersCommand.once(spec, "--token", parent.server.token(), server.token());
        remote = ServerOptions.server(spec.commandLine(), url, token);
        remoteToken = token != null ? token : parent.context().environment().get(ServerOptions.ADMIN_TOKEN_VARIABLE);
        parent.warnAboutDotEnv(spec);
        return remote != null;
    }

    boolean json() {
        return output.json() || parent.output.json();
    }

    CliContext context() {
        return parent.context();
    }

    /**
     * Runs {@code work} against the server ({@code --url}) or this machine's operations (opened for it and closed
     * after, the journal's queue written), and turns every failure into its exit code.
     *
     * @param providers whether a local run creates the providers (consensus) or only reads the journal
     */
    int run(boolean providers, boolean earlyDecision, Function<ConsensusOperations, Integer> work) {
        try {
            if (remote != null) {
                return work.apply(new RemoteOperations(remote, remoteToken));
            }
            try (LocalDecisions local = LocalDecisions.open(context(), providers, earlyDecision)) {
                if (providers && local.registry().enabled().isEmpty()) {
                    warn("no provider is enabled; see '" + parent.spec.qualifiedName() + " --status'");
                }
                return work.apply(local.operations());
            }
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /** The exit code of a failure the operations report, after its lines on standard error; else rethrown. */
    int failed(RuntimeException failure) {
        if (failure instanceof InvalidSettingsException e) {
            return usage(e.lines());
        }
        if (failure instanceof InvalidQueryException e) {
            // Named as the option that was given: --min-move, not min_move.
            return usage(e.problems().stream().map(p -> new ConfigProblem("--" + p.variable().replace('_', '-'),
                    p.value(), p.expected()).message()).toList());
        }
        if (failure instanceof RemoteFailure e) {
            report(e.lines());
            return e.exitCode();
        }
        if (failure instanceof JournalException || failure instanceof UnknownDecisionException) {
            report(List.of(failure.getMessage()));
            return ExitCode.CHECK_FAILED;
        }
        throw failure;
    }

    int usage(List<String> lines) {
        report(lines);
        return ExitCode.USAGE;
    }

    /** On standard error, the first line after the command's name. */
    void report(List<String> lines) {
        PrintWriter err = spec.commandLine().getErr();
        SecretMasker redactor = parent.redactor();
        String name = spec.qualifiedName();
        for (int i = 0; i < lines.size(); i++) {
            err.println(redactor.redact(i == 0 ? name + ": " + lines.get(i) : lines.get(i)));
        }
        err.flush();
    }

    void warn(String message) {
        report(List.of("warning: " + message));
    }

    void print(String text) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(parent.redactor().redact(text));
        out.flush();
    }
}
