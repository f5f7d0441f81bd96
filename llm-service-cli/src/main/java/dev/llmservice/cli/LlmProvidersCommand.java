package dev.llmservice.cli;

import dev.llmservice.cli.action.Action;
import dev.llmservice.cli.action.HealthCheckAction;
import dev.llmservice.cli.action.ListAction;
import dev.llmservice.cli.action.OverrideAction;
import dev.llmservice.cli.action.ReinitAction;
import dev.llmservice.cli.action.Session;
import dev.llmservice.cli.action.StatusAction;
import dev.llmservice.cli.action.TestAction;
import dev.llmservice.cli.internal.ErrorHandlers;
import dev.llmservice.cli.internal.HelpText;
import dev.llmservice.config.ConfigProblem;
import dev.llmservice.cli.internal.ErrorHandlers.UsageError;
import dev.llmservice.cli.remote.RemoteFailure;
import dev.llmservice.cli.remote.RemoteOperations;
import dev.llmservice.config.DotEnvWarning;
import dev.llmservice.config.SecretMasker;
import dev.llmservice.config.Environment;
import dev.llmservice.config.Excerpt;
import dev.llmservice.config.ProviderConfigLoader;
import dev.llmservice.config.ProviderList;
import dev.llmservice.config.ProviderName;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.journal.DecisionJournal;
import dev.llmservice.journal.DecisionJournals;
import dev.llmservice.journal.JournalException;
import dev.llmservice.operations.ConsensusSettings;
import dev.llmservice.operations.InvalidSettingsException;
import dev.llmservice.operations.LocalOperations;
import dev.llmservice.status.StatusSummary;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.registry.UnknownProviderException;
import dev.llmservice.state.OverrideStore;
import dev.llmservice.state.StateFileException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code llm-providers}: show, check and manage the providers that the environment configures.
 *
 * <p>Exactly one action per invocation; none means {@code --status}. Exit codes: {@value #OK} success,
 * {@value #CHECK_FAILED} a check failed (unhealthy, failed test, still unavailable after {@code --enable}, or an
 * unexpected error), {@value #USAGE} a usage error, each reported in one line on standard error.
 *
 * <p>Every dependency on the outside world comes from the {@link CliContext}; output goes to picocli's
 * {@code getOut()}/{@code getErr()}. Subcommands (such as a later {@code consensus}) are added to
 * {@code subcommands} and reach the shared context through {@code @ParentCommand} and {@link #context()}.
 */
@Command(
        name = "llm-providers",
        mixinStandardHelpOptions = true,
        versionProvider = LlmProvidersCommand.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        subcommands = {CommandLine.HelpCommand.class, ConsensusCommand.class, HistoryCommand.class,
            ScorecardCommand.class, ActionCommands.Status.class,
            ActionCommands.ListTypes.class, ActionCommands.Enable.class, ActionCommands.Disable.class,
            ActionCommands.ClearOverride.class, ActionCommands.Test.class, ActionCommands.HealthCheck.class,
            ActionCommands.Reinit.class},
        description = {
            "Show, check and manage the LLM providers configured by environment variables and .env.",
            "One action at a time; without one, --status is shown."},
        // One string per paragraph or exit code: HelpText wraps them to the usage width at spaces.
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:a check failed: unhealthy provider, failed test (one stopped at its deadline too), provider still "
                + "unavailable after --enable; the state file cannot be read or written; or an unexpected error",
            "2:usage error: unknown provider (not in LLM_PROVIDERS) or option, two actions, a missing NAME or one "
                + "that is not a provider name (a letter, then letters, digits, '-', '_'), a --timeout that is not a "
                + "number of seconds"},
        footerHeading = "%n",
        footer = {
            "Overrides (--enable/--disable) are kept in LLM_STATE_FILE (default ~/.llm-service/state.json). They win "
                + "over {PROVIDER}_ENABLED and survive --reinit; --clear-override NAME removes one. A state file that "
                + "cannot be read is reported (exit 1) and never written over, unless --force is given: it is then "
                + "replaced, its content kept in FILE.bak.",
            "",
            "Each action has a subcommand spelling too (llm-providers status, llm-providers test NAME, ...); and "
                + "consensus --market-data FILE, history and scorecard --market-data FILE (see 'llm-providers "
                + "consensus --help', ...)."},
        exitCodeOnInvalidInput = LlmProvidersCommand.USAGE,
        exitCodeOnExecutionException = LlmProvidersCommand.CHECK_FAILED)
public final class LlmProvidersCommand implements Callable<Integer> {

    public static final int OK = ExitCode.OK;
    public static final int CHECK_FAILED = ExitCode.CHECK_FAILED;
    public static final int USAGE = ExitCode.USAGE;

    /** The actions; picocli rejects two at once. */
    static final class Actions {
        @Option(names = "--status", description = "Show every provider named in LLM_PROVIDERS: type, state and where "
                + "it comes from, model, weight, masked key, base URL, problems. The default action.")
        boolean status;

        @Option(names = "--list", description = "List the provider types ({PROVIDER}_TYPE) with their defaults and "
                + "what they require, and every variable with its default and accepted values.")
        boolean list;

        @Option(names = "--enable", paramLabel = "NAME", description = "Enable a provider now and in the state file.")
        String enable;

        @Option(names = "--disable", paramLabel = "NAME", description = "Disable a provider now and in the state file.")
        String disable;

        @Option(names = "--clear-override", paramLabel = "NAME", description = "Remove a provider's override "
                + "from the state file, so that {PROVIDER}_ENABLED decides again.")
        String clearOverride;

        @Option(names = "--test", paramLabel = "NAME", description = "Send a real, minimal prompt to one provider "
                + "(enabled or not): model, latency, tokens, first words of the reply.")
        String test;

        @Option(names = "--health-check", description = "Check every enabled provider in parallel (the vendor's "
                + "list-models call, no tokens).")
        boolean healthCheck;

        @Option(names = "--reinit", description = "Re-read the environment and .env, rebuild every provider "
                + "and show the result; overrides are kept.")
        boolean reinit;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Actions (one at a time; default --status):%n",
            order = 1)
    Actions action;

    @Mixin
    ServerOptions server;

    @Option(names = "--force", order = 2, description = "With --enable, --disable or --clear-override: replace a "
            + "state file that cannot be read (damaged) instead of refusing to write over it; its content is kept "
            + "in FILE.bak. With --url, asks the server to do so.")
    boolean force;

    @Option(names = "--timeout", paramLabel = "SECONDS", order = 2, description = "With --test or --health-check: "
            + "stop after this many seconds (decimals allowed) with exit code 1. Default: the provider's "
            + "{PROVIDER}_TIMEOUT; for --health-check the longest of the enabled providers'.")
    String timeout;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    /** Where {@code --url} mode takes the admin token from when {@code --token} is not given. */
    static final String ADMIN_TOKEN_VARIABLE = ServerOptions.ADMIN_TOKEN_VARIABLE;

    /**
     * What a NAME must look like, locally and with {@code --url} alike: a name from {@code LLM_PROVIDERS}
     * ({@link ProviderName}), in any case ({@code GROK} is {@code grok}); nothing else can name a provider. Checked
     * before anything is read or sent, so that {@code a/b} or an empty name is a usage error in both modes, not a
     * path the server rejects; a well-formed name that is not in {@code LLM_PROVIDERS} is an unknown provider.
     */
    static final Pattern PROVIDER_NAME = Pattern.compile(ProviderName.PATTERN.pattern(), Pattern.CASE_INSENSITIVE);
    static final String PROVIDER_NAME_EXPECTED = "a provider name from " + ProviderList.VARIABLE
            + " (a letter, then up to 31 letters, digits, '-' or '_'), e.g. anthropic";

    private final CliContext context;
    private volatile SecretMasker redactor;

    /** The real process environment, state file and class path. */
    public LlmProvidersCommand() {
        this(CliContext.system());
    }

    public LlmProvidersCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    public static void main(String[] args) {
        // The logs (slf4j-simple) write to System.err: UTF-8 too, whatever the platform default (see commandLine).
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        System.exit(commandLine(new LlmProvidersCommand()).execute(args));
    }

    /**
     * {@code command} wrapped in a {@link CommandLine} that writes UTF-8 and whose usage and unexpected errors are
     * one line on standard error (exit 2 and 1). Tests call this, then {@code setOut}/{@code setErr}.
     */
    public static CommandLine commandLine(LlmProvidersCommand command) {
        CommandLine commandLine = new CommandLine(command);
        // Masked keys (sk-a…9f3c) and replies are not ASCII, and picocli would encode with the platform default:
        // ASCII on Java 17 when no locale is set (env -i, cron, containers), which turns '…' into '?'.
        commandLine.setOut(utf8(System.out));
        commandLine.setErr(utf8(System.err));
        HelpText.install(commandLine);
        commandLine.setParameterExceptionHandler(ErrorHandlers.usage(command::redactor));
        commandLine.setExecutionExceptionHandler(ErrorHandlers.unexpected(command::redactor));
        // Whatever ran, the shared state's connections (LLM_STATE_URL) are released when the command ends.
        CommandLine.IExecutionStrategy run = commandLine.getExecutionStrategy();
        commandLine.setExecutionStrategy(parseResult -> {
            try {
                return run.execute(parseResult);
            } finally {
                command.context().close();
            }
        });
        return commandLine;
    }

    private static PrintWriter utf8(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    /** What this command takes from the outside world; subcommands share it. */
    public CliContext context() {
        return context;
    }

    @Override
    public Integer call() {
        output.applyLogLevel();
        Actions a = action == null ? new Actions() : action;
        checkProviderName("--enable", a.enable);
        checkProviderName("--disable", a.disable);
        checkProviderName("--clear-override", a.clearOverride);
        checkProviderName("--test", a.test);
        forceOption(a.enable != null || a.disable != null || a.clearOverride != null, spec);
        return run(action(a, timeoutOption(a.test != null || a.healthCheck, spec)));
    }

    /** The action the options name; {@code --status} when none does. */
    private Action action(Actions a, Duration limit) {
        if (a.list) {
            return new ListAction();
        }
        if (a.enable != null) {
            return new OverrideAction(OverrideAction.Kind.ENABLE, a.enable, force);
        }
        if (a.disable != null) {
            return new OverrideAction(OverrideAction.Kind.DISABLE, a.disable, force);
        }
        if (a.clearOverride != null) {
            return new OverrideAction(OverrideAction.Kind.CLEAR, a.clearOverride, force);
        }
        if (a.test != null) {
            return new TestAction(a.test, limit);
        }
        if (a.healthCheck) {
            return new HealthCheckAction(limit);
        }
        if (a.reinit) {
            return new ReinitAction();
        }
        return new StatusAction();
    }

    private int run(Action action) {
        // Ask nothing of a server that this machine can see is wrong; a name is checked in both modes alike.
        URI server = ServerOptions.server(spec.commandLine(), this.server.url(), this.server.token());
        if (!(action instanceof ListAction)) {
            warnAboutDotEnv(spec);
        }
        return execute(session(server, server == null ? null : this.server.token(), action instanceof ReinitAction,
                output.json()), action);
    }

    /**
     * A subcommand spelling of an action ({@code llm-providers test openai}): its options may stand before or after
     * the subcommand's name, each once; an action option before it is a usage error, never silently ignored.
     */
    int runSubcommand(CommandSpec sub, OutputOptions subOutput, ServerOptions subServer, String name, Action run) {
        output.applyLogLevel();
        subOutput.applyLogLevel();
        String option = actionOption();
        if (option != null) {
            throw new UsageError(sub.commandLine(), option + " cannot be combined with the " + sub.name()
                    + " subcommand; give one action");
        }
        if (name != null && !PROVIDER_NAME.matcher(name).matches()) {
            throw new UsageError(sub.commandLine(), "NAME was " + Excerpt.quoted(name) + " but it must be "
                    + PROVIDER_NAME_EXPECTED);
        }
        String url = once(sub, "--url", server.url(), subServer.url());
        String token = once(sub, "--token", server.token(), subServer.token());
        URI remote = ServerOptions.server(sub.commandLine(), url, token);
        if (!(run instanceof ListAction)) {
            warnAboutDotEnv(sub);
        }
        return execute(session(remote, token, run instanceof ReinitAction, output.json() || subOutput.json()), run);
    }

    /** The one value of an option that may come before or after a subcommand's name, but only once. */
    static String once(CommandSpec sub, String option, String before, String after) {
        if (before != null && after != null) {
            throw new UsageError(sub.commandLine(), option + " was given both before and after '" + sub.name()
                    + "'; give it once");
        }
        return before != null ? before : after;
    }

    /**
     * Runs {@code action}; an unknown provider is a usage error, a failed remote call its own exit code, and a state
     * file that this process could not read exit 1 with one line (its overrides were not applied, so what was shown
     * may not be what the operator set).
     */
    int execute(Session session, Action action) {
        int code;
        try {
            code = action.run(session);
        } catch (UnknownProviderException e) {
            throw new UsageError(spec.commandLine(), unknownProvider(e));
        } catch (RemoteFailure e) {
            for (String line : e.lines()) {
                session.warn(line);
            }
            return e.exitCode();
        } catch (InvalidSettingsException e) {
            // LLM_DAILY_BUDGET_USD or the journal's variables, read for today's spend: one line each, as consensus.
            e.lines().forEach(session::warn);
            return ExitCode.USAGE;
        } catch (JournalException e) {
            session.warn(e.getMessage());
            return ExitCode.CHECK_FAILED;
        } catch (StateFileException e) {
            if (e.reason() == StateFileException.Reason.UNUSABLE) {
                throw e;  // an I/O failure: reported as unexpected, so that --verbose shows where it happened
            }
            session.warn(e.reason() == StateFileException.Reason.READ_ONLY ? e.getMessage()
                    : e.getMessage() + "; fix or remove it, or add --force to replace it (its content is then kept in "
                        + e.backupLocation() + ")");
            return ExitCode.CHECK_FAILED;
        }
        OverrideStore store = session.operations() instanceof LocalOperations local
                && !(action instanceof ListAction) ? local.overrides() : null;
        StateFileException unread = store == null ? null : store.readFailure().orElse(null);
        if (unread != null) {
            // A shared store that cannot be reached has its local mirror applied (its message says so).
            boolean mirrored = !store.lastKnown().isEmpty();
            session.warn(unread.getMessage() + (mirrored ? "" : "; its overrides are not applied")
                    + (unread.reason() == StateFileException.Reason.DAMAGED
                        ? ": fix or remove it (--enable, --disable or --clear-override with --force replaces it)" : ""));
            return ExitCode.CHECK_FAILED;
        }
        return code;
    }

    /**
     * The operations the action runs against: a server's with {@code --url}, else this machine's providers over a
     * fresh registry. Only {@code --reinit} creates every provider (and fills the registry itself); the other actions
     * create a provider when they first use it.
     */
    Session session(URI server, String token, boolean reinit, boolean json) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = spec.qualifiedName();
        if (server != null) {
            RemoteOperations remote = new RemoteOperations(server,
                    token != null ? token : context.environment().get(ADMIN_TOKEN_VARIABLE));
            return new Session(remote, "server: " + remote.base(), remote.base().toString(), json,
                    context::terminal, out, err, redactor(), name);
        }
        ProviderFactory factory = context.factory(reinit);
        ProviderRegistry registry = reinit ? ProviderRegistry.create() : factory.initializeRegistry();
        LocalOperations local = new LocalOperations(factory, registry, context.clock(), context::dotEnvFile,
                this::spend);
        return new Session(local, "overrides: " + local.overridesLocation(), null, json, context::terminal, out,
                err, redactor(), name);
    }

    /**
     * Today's spend and the budget for {@code --status}: the journal is opened only when a budget is set, so that a
     * status without one does not pay for the journal's connection and schema check.
     *
     * @throws InvalidSettingsException when the budget or the journal's variables are invalid
     * @throws JournalException         when the journal cannot be opened or read
     */
    private StatusSummary.Spend spend() {
        ConsensusSettings settings = ConsensusSettings.load(context.environment(), List.of());
        if (settings.dailyBudget() == null) {
            return StatusSummary.Spend.UNKNOWN;
        }
        try (DecisionJournal journal = DecisionJournals.open(settings.journal(), context.clock())) {
            return new StatusSummary.Spend(journal.spendToday(context.clock()), settings.dailyBudget());
        }
    }

    private String unknownProvider(UnknownProviderException e) {
        return e.known().isEmpty()
                ? "unknown provider '" + e.name() + "': " + ProviderList.VARIABLE + " names no provider"
                : e.getMessage();
    }

    /**
     * The action option given, as typed on the command line ({@code --status}, {@code --enable}, ...), or
     * {@code null} when none was: for a subcommand, which cannot run it.
     */
    String actionOption() {
        if (action == null) {
            return null;
        }
        return action.status ? "--status"
                : action.list ? "--list"
                : action.enable != null ? "--enable"
                : action.disable != null ? "--disable"
                : action.clearOverride != null ? "--clear-override"
                : action.test != null ? "--test"
                : action.healthCheck ? "--health-check"
                : action.reinit ? "--reinit"
                : null;
    }

    /**
     * Every warning about the {@code .env} file, one line each on standard error, before the command's own output:
     * a line it could not use is skipped (the rest is read), so the command goes on. Commands that read the
     * environment call this once, first thing.
     */
    void warnAboutDotEnv(CommandSpec commandSpec) {
        List<DotEnvWarning> warnings = context.dotEnv().warnings();
        if (warnings.isEmpty()) {
            return;
        }
        PrintWriter err = commandSpec.commandLine().getErr();
        for (DotEnvWarning warning : warnings) {
            err.println(redactor().redact(commandSpec.qualifiedName() + ": warning: " + warning.message()));
        }
        err.flush();
    }

    // helpers --------------------------------------------------------------------------------------------------

    /**
     * {@code --timeout}, checked before anything is read or sent; {@code null} when not given. It bounds the local
     * {@code --test} and {@code --health-check} only: anywhere else it would be silently ignored, so it is refused.
     *
     * @param applies whether the action given is one it bounds
     */
    Duration timeoutOption(boolean applies, CommandSpec where) {
        return timeoutOption(applies, where, timeout, server.url());
    }

    /**
     * As {@link #timeoutOption(boolean, CommandSpec)} for a subcommand, whose own {@code --timeout} and {@code --url}
     * count as well as those given before its name (each at most once).
     */
    Duration timeoutOption(boolean applies, CommandSpec where, String timeout, String url) {
        if (timeout == null) {
            return null;
        }
        if (!applies) {
            throw new UsageError(where.commandLine(), "--timeout applies to --test and --health-check only");
        }
        if (url != null) {
            throw new UsageError(where.commandLine(), "--timeout applies to a local --test or --health-check; with "
                    + "--url the server bounds its own calls");
        }
        List<ConfigProblem> problems = new ArrayList<>();
        Duration limit = ProviderConfigLoader.parseSeconds("--timeout", timeout.strip(), problems);
        if (limit == null) {
            throw new UsageError(where.commandLine(), problems.get(0).message() + ", e.g. 30");
        }
        return limit;
    }

    /**
     * {@code --force}, which goes only with an override: anywhere else it would be silently ignored, so it is refused.
     *
     * @param applies whether the action given is an override
     */
    boolean forceOption(boolean applies, CommandSpec where) {
        if (force && !applies) {
            throw new UsageError(where.commandLine(), "--force goes only with --enable, --disable or --clear-override "
                    + "(it lets them replace a damaged state file)");
        }
        return force;
    }

    /** A usage error naming the option, the value and what a name looks like, unless {@code value} is one. */
    private void checkProviderName(String option, String value) {
        if (value != null && !PROVIDER_NAME.matcher(value).matches()) {
            throw new UsageError(spec.commandLine(), option + " was " + Excerpt.quoted(value) + " but it must be "
                    + PROVIDER_NAME_EXPECTED);
        }
    }

    /** Masks every API key the environment holds, whatever printed it. */
    SecretMasker redactor() {
        SecretMasker r = redactor;
        if (r == null) {
            Environment env = context.environment();
            List<String> secrets = new ArrayList<>();
            // Every listed provider's key, and any other *_API_KEY too: a key no provider reads is a key all the same.
            ProviderList.read(env).names().forEach(n -> secrets.add(env.get(n.variable(ProviderConfigLoader.API_KEY))));
            env.names().stream().filter(v -> v.endsWith(ProviderConfigLoader.API_KEY)).forEach(v -> secrets.add(env.get(v)));
            secrets.add(env.get(ADMIN_TOKEN_VARIABLE));
            secrets.add(server == null ? null : server.token());
            // 'consensus --token T' (or 'test NAME --token T') sets the subcommand's mixin, not this one's.
            if (spec != null) {
                for (CommandLine sub : spec.subcommands().values()) {
                    if (sub.getCommand() instanceof DecisionCommand c) {
                        secrets.add(c.server.token());
                    } else if (sub.getCommand() instanceof ActionCommands.Base b) {
                        secrets.add(b.server == null ? null : b.server.token());
                    }
                }
            }
            r = SecretMasker.of(secrets);
            redactor = r;
        }
        return r;
    }

    /** {@code llm-providers 0.1.0}, from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LlmProvidersCommand.class.getPackage().getImplementationVersion();
            return new String[] {"llm-providers " + (version == null ? "(development build)" : version)};
        }
    }
}
