package dev.llmservice.cli;

import dev.llmservice.cli.action.Action;
import dev.llmservice.cli.action.HealthCheckAction;
import dev.llmservice.cli.action.ListAction;
import dev.llmservice.cli.action.OverrideAction;
import dev.llmservice.cli.action.ReinitAction;
import dev.llmservice.cli.action.StatusAction;
import dev.llmservice.cli.action.TestAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * The subcommand spelling of the actions: {@code llm-providers status}, {@code llm-providers test openai}, ... run
 * exactly what {@code --status}, {@code --test openai}, ... run, with the same options.
 */
final class ActionCommands {

    private ActionCommands() {
    }

    abstract static class Base implements Callable<Integer> {
        @Mixin
        OutputOptions output;

        @Mixin
        ServerOptions server;

        @ParentCommand
        LlmProvidersCommand parent;

        @Spec
        CommandSpec spec;

        abstract Action action();

        /** The URL given before or after the subcommand's name, if any. */
        String urlGiven() {
            return parent.server.url() != null ? parent.server.url() : server.url();
        }

        /** The provider NAME this subcommand takes, if any: checked as the option spelling checks it. */
        String providerName() {
            return null;
        }

        @Override
        public Integer call() {
            return parent.runSubcommand(spec, output, server, providerName(), action());
        }
    }

    /** The subcommands that store an override take {@code --force} after their name too. */
    abstract static class StoresOverride extends Named {
        @Option(names = "--force", description = "Replace a state file that cannot be read (damaged) instead of "
                + "refusing to write over it; its content is kept in FILE.bak. With --url, asks the server to do so.")
        boolean force;

        boolean force() {
            return parent.forceOption(true, spec) || force;
        }
    }

    abstract static class Named extends Base {
        @Parameters(index = "0", paramLabel = "NAME", description = "The provider, as LLM_PROVIDERS names it, e.g. anthropic.")
        String name;

        @Override
        String providerName() {
            return name;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Same as --status.")
    static final class Status extends Base {
        @Override
        Action action() {
            parent.timeoutOption(false, spec);
            return new StatusAction();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Same as --list.")
    static final class ListTypes extends Base {
        @Override
        Action action() {
            return new ListAction();
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Same as --enable NAME.")
    static final class Enable extends StoresOverride {
        @Override
        Action action() {
            return new OverrideAction(OverrideAction.Kind.ENABLE, name, force());
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Same as --disable NAME.")
    static final class Disable extends StoresOverride {
        @Override
        Action action() {
            return new OverrideAction(OverrideAction.Kind.DISABLE, name, force());
        }
    }

    @Command(name = "clear-override", mixinStandardHelpOptions = true, description = "Same as --clear-override NAME.")
    static final class ClearOverride extends StoresOverride {
        @Override
        Action action() {
            return new OverrideAction(OverrideAction.Kind.CLEAR, name, force());
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true, description = "Same as --test NAME.")
    static final class Test extends Named {
        @Option(names = "--timeout", paramLabel = "SECONDS", description = "Stop after this many seconds (decimals "
                + "allowed) with exit code 1. Default: the provider's {PROVIDER}_TIMEOUT.")
        String timeout;

        @Override
        Action action() {
            parent.forceOption(false, spec);
            return new TestAction(name, parent.timeoutOption(true, spec,
                    LlmProvidersCommand.once(spec, "--timeout", parent.timeout, timeout), urlGiven()));
        }
    }

    @Command(name = "health-check", mixinStandardHelpOptions = true, description = "Same as --health-check.")
    static final class HealthCheck extends Base {
        @Option(names = "--timeout", paramLabel = "SECONDS", description = "Stop after this many seconds (decimals "
                + "allowed) with exit code 1. Default: the longest {PROVIDER}_TIMEOUT of the enabled providers.")
        String timeout;

        @Override
        Action action() {
            parent.forceOption(false, spec);
            return new HealthCheckAction(parent.timeoutOption(true, spec,
                    LlmProvidersCommand.once(spec, "--timeout", parent.timeout, timeout), urlGiven()));
        }
    }

    @Command(name = "reinit", mixinStandardHelpOptions = true, description = "Same as --reinit.")
    static final class Reinit extends Base {
        @Override
        Action action() {
            return new ReinitAction();
        }
    }
}
