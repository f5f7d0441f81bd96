package dev.llmservice.cli;

import dev.llmservice.cli.internal.ErrorHandlers;
import dev.llmservice.cli.internal.ErrorHandlers.UsageError;
import dev.llmservice.cli.internal.Redactor;
import dev.llmservice.cli.internal.Table;
import dev.llmservice.cli.report.HealthReport;
import dev.llmservice.cli.report.OverrideReport;
import dev.llmservice.cli.report.ReinitReport;
import dev.llmservice.cli.report.TestReport;
import dev.llmservice.config.ConfigProblem;
import dev.llmservice.config.Environment;
import dev.llmservice.config.Excerpt;
import dev.llmservice.config.ProviderConfigLoader;
import dev.llmservice.factory.ProviderFactory;
import dev.llmservice.json.Json;
import dev.llmservice.provider.GenerationRequest;
import dev.llmservice.provider.GenerationResult;
import dev.llmservice.provider.HealthCheckResult;
import dev.llmservice.provider.ProviderException;
import dev.llmservice.provider.ProviderType;
import dev.llmservice.registry.ProviderEntry;
import dev.llmservice.registry.ProviderRegistry;
import dev.llmservice.registry.ProviderState;
import dev.llmservice.registry.StateSource;
import dev.llmservice.registry.UnknownProviderException;
import dev.llmservice.status.ProviderCatalog;
import dev.llmservice.status.ProviderStatus;
import dev.llmservice.status.StatusSummary;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
        subcommands = {CommandLine.HelpCommand.class, ConsensusCommand.class},
        description = {
            "Show, check and manage the LLM providers configured by environment variables and .env.",
            "One action at a time; without one, --status is shown."},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  a check failed: unhealthy provider, failed test, provider still",
            "     unavailable after --enable; or an unexpected error",
            "  2  usage error: unknown provider or option, two actions, a missing NAME",
            "     or one that is not a provider name (letters, digits, '-', '_')",
            "",
            "Overrides (--enable/--disable) are kept in LLM_STATE_FILE (default",
            "~/.llm-service/state.json). They win over {PROVIDER}_ENABLED and survive",
            "--reinit; --clear-override NAME removes one.",
            "",
            "Subcommand: consensus --market-data FILE (see 'llm-providers consensus --help')."},
        exitCodeOnInvalidInput = LlmProvidersCommand.USAGE,
        exitCodeOnExecutionException = LlmProvidersCommand.CHECK_FAILED)
public final class LlmProvidersCommand implements Callable<Integer> {

    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int USAGE = 2;

    /** The prompt of {@code --test}: short, so the answer costs a handful of tokens. */
    static final String TEST_PROMPT = "Reply with one short sentence: are you there?";
    /** How much of the reply {@code --test} shows. */
    static final int REPLY_WORDS = 12;
    static final int REPLY_CHARS = 100;

    private static final String ELLIPSIS = "\u2026";

    /** The actions; picocli rejects two at once. */
    static final class Action {
        @Option(names = "--status", description = "Show every provider: state and where it comes from, model, "
                + "weight, masked key, base URL, problems. The default action.")
        boolean status;

        @Option(names = "--list", description = "List the provider types with their default models, and every "
                + "variable with its default and accepted values.")
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
                + "(vendor clients included) and show the result; overrides are kept.")
        boolean reinit;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Actions (one at a time; default --status):%n",
            order = 1)
    Action action;

    @Option(names = "--url", paramLabel = "URL", order = 2, description = "Run the action against a running "
            + "llm-service server's REST API (e.g. http://host:8080) instead of this process's providers: "
            + "any action (--list shows the server's provider types), and consensus.")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", order = 2, description = "The server's admin token (sent as "
            + "'Authorization: Bearer TOKEN'); default: " + ADMIN_TOKEN_VARIABLE + ".")
    String token;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    /** Where {@code --url} mode takes the admin token from when {@code --token} is not given. */
    static final String ADMIN_TOKEN_VARIABLE = "LLM_ADMIN_TOKEN";

    /**
     * What a NAME must look like, locally and with {@code --url} alike: provider names are also the prefix of
     * their variables ({@code GROK_API_KEY}), so nothing else can name one. Checked before anything is read or
     * sent, so that {@code a/b} or an empty name is a usage error in both modes, not a path the server rejects.
     */
    static final Pattern PROVIDER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    static final String PROVIDER_NAME_EXPECTED =
            "a provider name (letters, digits, '-' and '_', at most 64), e.g. anthropic";

    private final CliContext context;
    private volatile Redactor redactor;

    /** The real process environment, state file and class path. */
    public LlmProvidersCommand() {
        this(CliContext.system());
    }

    public LlmProvidersCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    public static void main(String[] args) {
        System.exit(commandLine(new LlmProvidersCommand()).execute(args));
    }

    /**
     * {@code command} wrapped in a {@link CommandLine} whose usage and unexpected errors are one line on standard
     * error (exit 2 and 1). Tests call this, then {@code setOut}/{@code setErr}.
     */
    public static CommandLine commandLine(LlmProvidersCommand command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setParameterExceptionHandler(ErrorHandlers.usage(command::redactor));
        commandLine.setExecutionExceptionHandler(ErrorHandlers.unexpected(command::redactor));
        return commandLine;
    }

    /** What this command takes from the outside world; subcommands share it. */
    public CliContext context() {
        return context;
    }

    @Override
    public Integer call() {
        output.applyLogLevel();
        Action a = action == null ? new Action() : action;
        checkProviderName("--enable", a.enable);
        checkProviderName("--disable", a.disable);
        checkProviderName("--clear-override", a.clearOverride);
        checkProviderName("--test", a.test);
        if (url != null) {
            return remote(a);
        }
        if (token != null) {
            throw new UsageError(spec.commandLine(), "--token needs --url (the server to send it to)");
        }
        if (a.list) {
            return list();
        }
        if (a.enable != null) {
            return override("enable", a.enable, Boolean.TRUE);
        }
        if (a.disable != null) {
            return override("disable", a.disable, Boolean.FALSE);
        }
        if (a.clearOverride != null) {
            return override("clear_override", a.clearOverride, null);
        }
        if (a.test != null) {
            return test(a.test);
        }
        if (a.healthCheck) {
            return healthCheck();
        }
        if (a.reinit) {
            return reinit();
        }
        return status();
    }

    // --status -------------------------------------------------------------------------------------------------

    private int status() {
        ProviderFactory factory = context.factory(false);
        ProviderRegistry registry = factory.initializeRegistry();
        StatusSummary summary = ProviderFactory.statusSummary(registry);
        if (output.json()) {
            printJson(summary);
        } else {
            print(String.format("Providers: %d registered, %d available (overrides: %s)%n%n",
                    summary.registry().totalProviders(), summary.registry().availableProviders(),
                    factory.overrides().location()));
            print(statusTables(factory, summary.providers()));
        }
        return OK;
    }

    private String statusTables(ProviderFactory factory, List<ProviderStatus> providers) {
        if (providers.isEmpty()) {
            return "No provider types found on the class path." + System.lineSeparator();
        }
        Table table = new Table("NAME", "STATE", "SOURCE", "MODEL", "WEIGHT", "API KEY", "BASE URL");
        List<String> problems = new ArrayList<>();
        for (ProviderStatus p : providers) {
            table.row(p.name(), words(p.state()), p.stateSource(), p.model(), p.weight(), orDash(p.apiKey()),
                    orDash(p.baseUrl()));
            if (ProviderState.NOT_CONFIGURED.code().equals(p.state())) {
                problems.add(p.name() + ": " + keyVariable(factory, p.name()) + " is not set");
            }
            for (String problem : p.problems()) {
                problems.add(p.name() + ": " + problem);
            }
        }
        StringBuilder out = new StringBuilder(table.render());
        if (!problems.isEmpty()) {
            out.append(System.lineSeparator()).append("Problems:").append(System.lineSeparator());
            for (String problem : problems) {
                out.append("  ").append(problem).append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    // --list ---------------------------------------------------------------------------------------------------

    private int list() {
        ProviderCatalog catalog = ProviderCatalog.of(context.types());
        if (output.json()) {
            printJson(catalog);
        } else {
            print(listText(catalog, null));
        }
        return OK;
    }

    /**
     * The human form of {@code --list}, for this process's types or, with {@code --url}, a server's.
     *
     * @param server the server the catalog came from, or {@code null} for this process's class path
     */
    static String listText(ProviderCatalog catalog, String server) {
        String n = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        List<ProviderCatalog.ProviderTypeInfo> types = catalog.providerTypes();
        if (types.isEmpty()) {
            out.append(server == null ? "No provider types found on the class path." : "No provider types on " + server
                    + ".").append(n);
        } else {
            Table table = new Table("NAME", "DISPLAY NAME", "PREFIX", "DEFAULT MODEL", "DEFAULT BASE URL");
            for (ProviderCatalog.ProviderTypeInfo t : types) {
                table.row(t.name(), t.displayName(), t.envPrefix(), t.defaultModel(), t.defaultBaseUrl());
            }
            out.append("Provider types").append(server == null ? "" : " on " + server).append(':').append(n)
                    .append(table.render());
            out.append(n).append(ProviderCatalog.PROVIDER_PLACEHOLDER).append(ProviderConfigLoader.BASE_URL)
                    .append(" conventions:").append(n);
            for (ProviderCatalog.ProviderTypeInfo t : types) {
                out.append("  ").append(t.name()).append(": ").append(t.baseUrlConvention()).append(n);
            }
            out.append(n);
        }
        String prefixes = types.stream().map(ProviderCatalog.ProviderTypeInfo::envPrefix)
                .collect(Collectors.joining(", "));
        out.append("Variables").append(prefixes.isEmpty() ? "" : " ({PROVIDER} is " + prefixes + ")").append(':')
                .append(n);
        Table table = new Table("VARIABLE", "DEFAULT", "ACCEPTED");
        for (ProviderCatalog.VariableInfo v : catalog.variables()) {
            table.row(v.name(), v.defaultValue() == null ? "none" : v.defaultValue(), v.accepted());
        }
        return out.append(table.render()).toString();
    }

    // --enable, --disable, --clear-override --------------------------------------------------------------------

    private int override(String verb, String rawName, Boolean enabled) {
        ProviderFactory factory = context.factory(false);
        String name = knownName(factory, rawName);
        ProviderRegistry registry = factory.initializeRegistry();
        Boolean before = registry.get(name).override();
        ProviderEntry entry = enabled == null
                ? factory.clearOverride(registry, name)
                : enabled ? factory.enable(registry, name) : factory.disable(registry, name);
        String location = factory.overrides().location();
        String warning = Boolean.TRUE.equals(enabled) && !entry.available() ? unavailableBecause(factory, entry) : null;
        if (output.json()) {
            printJson(new OverrideReport(verb, ProviderStatus.of(entry), location, warning));
        } else {
            print(overrideText(entry, enabled, before, location, warning));
        }
        return warning == null ? OK : CHECK_FAILED;
    }

    private static String overrideText(ProviderEntry entry, Boolean enabled, Boolean before, String location,
                                       String warning) {
        String n = System.lineSeparator();
        String now = words(entry.state().code()) + " (" + entry.stateSource().code() + ")";
        if (enabled == null) {
            return before == null
                    ? entry.name() + ": had no override in " + location + "; " + now + n
                    : entry.name() + ": override removed from " + location + "; now " + now + n;
        }
        String envNote = entry.config().enabledFromEnv() && entry.config().enabled() != enabled
                ? "; this wins over " + entry.type().envPrefix() + ProviderConfigLoader.ENABLED + "="
                    + entry.config().enabled()
                : "";
        if (warning != null) {
            return entry.name() + ": override (" + (enabled ? "enabled" : "disabled") + ") stored in " + location
                    + ", but " + warning + n;
        }
        if (entry.stateSource() != StateSource.OVERRIDE) {
            // Disabling a provider that has no key or bad values: stored, and it stays unavailable anyway.
            return entry.name() + ": override (" + (enabled ? "enabled" : "disabled") + ") stored in " + location
                    + "; " + now + n;
        }
        return entry.name() + ": " + now + envNote + "; stored in " + location + n;
    }

    private static String unavailableBecause(ProviderFactory factory, ProviderEntry entry) {
        String name = entry.name();
        return switch (entry.state()) {
            case NOT_CONFIGURED -> name + " has no API key (" + keyVariable(factory, name)
                    + " is not set), so it stays unavailable until the key is set";
            case MISCONFIGURED -> name + " is misconfigured, so it stays unavailable until this is fixed: "
                    + entry.config().problems().stream().map(ConfigProblem::message).collect(Collectors.joining("; "));
            default -> name + " is " + words(entry.state().code());
        };
    }

    // --test ---------------------------------------------------------------------------------------------------

    private int test(String rawName) {
        ProviderFactory factory = context.factory(false);
        String name = knownName(factory, rawName);
        ProviderRegistry registry = factory.initializeRegistry();
        ProviderEntry entry = registry.get(name);
        String state = entry.state().code();
        String model = entry.config().model();
        TestReport report;
        if (entry.providerInstance().isEmpty()) {
            String why = entry.state() == ProviderState.NOT_CONFIGURED
                    ? keyVariable(factory, name) + " is not set"
                    : entry.config().problems().stream().map(ConfigProblem::message).collect(Collectors.joining("; "));
            report = new TestReport(name, state, false, model, 0, null, null, null,
                    new TestReport.Failure(state, null, why));
        } else {
            long start = context.clock().millis();
            try {
                GenerationResult r = entry.provider().generate(GenerationRequest.of(TEST_PROMPT));
                report = new TestReport(name, state, true, r.model() == null ? model : r.model(),
                        r.latency().toMillis(),
                        new TestReport.Usage(r.usage().inputTokens(), r.usage().outputTokens(), r.usage().totalTokens()),
                        r.finishReason(), firstWords(r.text()), null);
            } catch (ProviderException e) {
                report = new TestReport(name, state, false, model, context.clock().millis() - start, null, null, null,
                        new TestReport.Failure(e.kind().code(), e.httpStatus() == 0 ? null : e.httpStatus(),
                                e.getMessage()));
            } catch (RuntimeException e) {
                // The SPI promises ProviderException; anything else is a provider bug, reported, not thrown.
                report = new TestReport(name, state, false, model, context.clock().millis() - start, null, null, null,
                        new TestReport.Failure("other", null, e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            }
        }
        if (output.json()) {
            printJson(report);
        } else {
            print(testText(entry, report));
        }
        return report.ok() ? OK : CHECK_FAILED;
    }

    private static String testText(ProviderEntry entry, TestReport r) {
        Table details = new Table("", "");
        if (entry.state() == ProviderState.DISABLED) {
            details.row("state", "disabled (" + entry.stateSource().code() + "): tested anyway");
        }
        details.row("model", r.model());
        if (r.ok()) {
            details.row("latency", r.latencyMs() + " ms");
            details.row("tokens", r.usage().inputTokens() + " in, " + r.usage().outputTokens() + " out, "
                    + r.usage().totalTokens() + " total");
            details.row("finish", r.finishReason());
            details.row("reply", r.reply());
        } else {
            if (r.latencyMs() > 0 || entry.providerInstance().isPresent()) {
                details.row("latency", r.latencyMs() + " ms");
            }
            details.row("reason", words(r.error().reason()));
            details.row("message", r.error().message());
        }
        String heading = r.ok()
                ? r.name() + ": ok"
                : r.name() + ": FAILED: " + words(r.error().reason())
                    + (r.error().httpStatus() == null ? "" : " (HTTP " + r.error().httpStatus() + ")");
        // Drop the empty header line of the two-column layout and indent the rest.
        String body = details.render().lines().skip(1).map(l -> "  " + l)
                .collect(Collectors.joining(System.lineSeparator(), "", System.lineSeparator()));
        return heading + System.lineSeparator() + body;
    }

    // --health-check -------------------------------------------------------------------------------------------

    private int healthCheck() {
        ProviderFactory factory = context.factory(false);
        ProviderRegistry registry = factory.initializeRegistry();
        List<ProviderEntry> entries = registry.snapshot();
        List<HealthReport.Skipped> skipped = entries.stream().filter(e -> !e.available())
                .map(e -> new HealthReport.Skipped(e.name(), e.state().code(), e.stateSource().code())).toList();
        int enabled = entries.size() - skipped.size();

        Progress progress = context.terminal() && !output.json() && enabled > 0 ? new Progress(enabled) : null;
        long start = context.clock().millis();
        Map<String, HealthCheckResult> results = factory.healthCheckAll(registry,
                progress == null ? r -> { } : progress::done);
        long duration = context.clock().millis() - start;
        if (progress != null) {
            progress.clear();
        }

        List<HealthReport.Result> rows = results.values().stream()
                .map(r -> new HealthReport.Result(r.provider(), r.healthy(), r.latency().toMillis(),
                        r.reason() == null ? null : r.reason().code(), r.message(), r.checkedAt().toString()))
                .toList();
        int healthy = (int) rows.stream().filter(HealthReport.Result::healthy).count();
        int unhealthy = rows.size() - healthy;
        boolean ok = !rows.isEmpty() && unhealthy == 0;
        HealthReport report = new HealthReport(ok, duration, rows.size(), healthy, unhealthy, rows, skipped);
        if (output.json()) {
            printJson(report);
        } else {
            print(healthText(report));
        }
        return ok ? OK : CHECK_FAILED;
    }

    private static String healthText(HealthReport report) {
        String n = System.lineSeparator();
        if (report.checked() == 0) {
            StringBuilder out = new StringBuilder("No enabled provider to check.").append(n);
            for (HealthReport.Skipped s : report.skipped()) {
                out.append("  ").append(s.name()).append(": ").append(words(s.state())).append(" (")
                        .append(s.stateSource()).append(')').append(n);
            }
            return out.toString();
        }
        Table table = new Table("NAME", "HEALTH", "LATENCY", "REASON", "MESSAGE");
        for (HealthReport.Result r : report.results()) {
            table.row(r.name(), r.healthy() ? "healthy" : "unhealthy", r.latencyMs() + " ms",
                    r.reason() == null ? "" : words(r.reason()), r.message());
        }
        for (HealthReport.Skipped s : report.skipped()) {
            table.row(s.name(), "skipped", "", "", words(s.state()) + " (" + s.stateSource() + ")");
        }
        return table.render() + n + "Checked " + report.checked() + " in " + report.durationMs() + " ms: "
                + report.healthy() + " healthy, " + report.unhealthy() + " unhealthy"
                + (report.skipped().isEmpty() ? "" : ", " + report.skipped().size() + " skipped") + "." + n;
    }

    /** One line on standard error, rewritten as each check finishes; only on a terminal. */
    private final class Progress {
        private final int total;
        private final AtomicInteger finished = new AtomicInteger();
        private int width;

        Progress(int total) {
            this.total = total;
            show("checking " + total + " provider" + (total == 1 ? "" : "s") + "...");
        }

        void done(HealthCheckResult r) {
            int n = finished.incrementAndGet();
            show("checking: " + n + "/" + total + " done (" + r.provider() + " "
                    + (r.healthy() ? "healthy" : "unhealthy") + ")");
        }

        void clear() {
            show("");
        }

        // Called from the checking threads: one writer at a time, so lines never interleave.
        private synchronized void show(String text) {
            PrintWriter err = spec.commandLine().getErr();
            String padded = text + " ".repeat(Math.max(0, width - text.length()));
            err.print('\r' + redactor().redact(padded) + (text.isEmpty() ? "\r" : ""));
            err.flush();
            width = text.length();
        }
    }

    // --reinit -------------------------------------------------------------------------------------------------

    private int reinit() {
        // Clients are built here on purpose: --reinit is the check that the vendor libraries accept the config.
        ProviderFactory factory = context.factory(true);
        ProviderRegistry registry = factory.reinitialize(ProviderRegistry.create());
        StatusSummary summary = ProviderFactory.statusSummary(registry);
        Map<String, Boolean> overrides = factory.overrides().load();
        Path envFile = context.dotEnvFile();
        boolean found = Files.isRegularFile(envFile);
        String location = factory.overrides().location();
        if (output.json()) {
            printJson(new ReinitReport(summary.registry(), summary.providers(), envFile.toString(), found, location,
                    overrides));
            return OK;
        }
        String n = System.lineSeparator();
        String kept = overrides.isEmpty()
                ? "none"
                : overrides.entrySet().stream().map(e -> e.getKey() + " " + (e.getValue() ? "enabled" : "disabled"))
                    .collect(Collectors.joining(", "));
        print("Re-read the environment and " + envFile + (found ? "" : " (not found)") + "." + n
                + "Overrides kept (" + location + "): " + kept + "." + n
                + "Providers: " + summary.registry().totalProviders() + " registered, "
                + summary.registry().availableProviders() + " available" + n + n
                + statusTables(factory, summary.providers()));
        return OK;
    }

    // --url: against a running server --------------------------------------------------------------------------

    private int remote(Action a) {
        URI base = RemoteOperations.parseUrl(url);
        if (base == null) {
            throw new UsageError(spec.commandLine(), "--url must be an http or https URL with a host, e.g. "
                    + "http://localhost:8080, not '" + url + "'");
        }
        RemoteOperations remote = new RemoteOperations(base, adminToken(), output.json());
        RemoteOperations.Outcome outcome;
        if (a.list) {
            outcome = remote.list();
        } else if (a.enable != null) {
            outcome = remote.enable(a.enable, true);
        } else if (a.disable != null) {
            outcome = remote.disable(a.disable);
        } else if (a.clearOverride != null) {
            outcome = remote.clearOverride(a.clearOverride);
        } else if (a.test != null) {
            outcome = remote.test(a.test);
        } else if (a.healthCheck) {
            outcome = remote.healthCheck();
        } else if (a.reinit) {
            outcome = remote.reinit();
        } else {
            outcome = remote.status();
        }
        print(outcome.out());
        if (!outcome.err().isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(redactor().redact(spec.qualifiedName() + ": " + outcome.err()));
            err.flush();
        }
        return outcome.exitCode();
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

    private String adminToken() {
        return token != null ? token : context.environment().get(ADMIN_TOKEN_VARIABLE);
    }

    // helpers --------------------------------------------------------------------------------------------------

    /** A usage error naming the option, the value and what a name looks like, unless {@code value} is one. */
    private void checkProviderName(String option, String value) {
        if (value != null && !PROVIDER_NAME.matcher(value).matches()) {
            throw new UsageError(spec.commandLine(), option + " was " + Excerpt.quoted(value) + " but it must be "
                    + PROVIDER_NAME_EXPECTED);
        }
    }

    /** The canonical name of a provider type, or a usage error naming the known ones. */
    private String knownName(ProviderFactory factory, String raw) {
        return factory.type(raw).map(ProviderType::name).orElseThrow(() -> {
            List<String> known = factory.types().stream().map(ProviderType::name).toList();
            String message = known.isEmpty()
                    ? "unknown provider '" + raw + "': no provider types are installed"
                    : new UnknownProviderException(raw, known).getMessage();
            return new UsageError(spec.commandLine(), message);
        });
    }

    private static String keyVariable(ProviderFactory factory, String name) {
        return factory.type(name).map(ProviderType::envPrefix).orElse(name.toUpperCase(Locale.ROOT))
                + ProviderConfigLoader.API_KEY;
    }

    /** The first words of a reply, on one line, with {@code …} when cut. */
    static String firstWords(String text) {
        if (text.isBlank()) {
            return "";
        }
        String[] words = text.strip().split("\\s+");
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (String word : words) {
            if (used == REPLY_WORDS) {
                break;
            }
            String next = used == 0 ? word : " " + word;
            if (out.length() + next.length() > REPLY_CHARS) {
                if (used == 0) {
                    out.append(word, 0, REPLY_CHARS);
                }
                break;
            }
            out.append(next);
            used++;
        }
        return used < words.length ? out + ELLIPSIS : out.toString();
    }

    /** {@code not_configured} becomes {@code not configured}. */
    private static String words(String code) {
        return code == null ? "" : code.replace('_', ' ');
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private void printJson(Object document) {
        print(Json.pretty(document) + System.lineSeparator());
    }

    private void print(String text) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(redactor().redact(text));
        out.flush();
    }

    /** Masks every API key the environment holds, whatever printed it. */
    Redactor redactor() {
        Redactor r = redactor;
        if (r == null) {
            Environment env = context.environment();
            List<String> secrets = new ArrayList<>();
            context.types().forEach(t -> secrets.add(env.get(t.envPrefix() + ProviderConfigLoader.API_KEY)));
            secrets.add(env.get(ADMIN_TOKEN_VARIABLE));
            secrets.add(token);
            // 'consensus --token T' sets the subcommand's field, not this one.
            CommandLine consensus = spec == null ? null : spec.subcommands().get("consensus");
            if (consensus != null && consensus.getCommand() instanceof ConsensusCommand c) {
                secrets.add(c.token);
            }
            r = new Redactor(secrets);
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
