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

        /** The provider NAME this subcommand takes, if any: checked as the option spelling checks it. */
        String providerName() {
            return null;
        }

        @Override
        public Integer call() {
            return parent.runSubcommand(spec, output, server, providerName(), action());
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
    static final class Enable extends Named {
        @Override
        Action action() {
            return new OverrideAction(OverrideAction.Kind.ENABLE, name, parent.forceOption(true, spec));
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Same as --disable NAME.")
    static final class Disable extends Named {
        @Override
        Action action() {
            return new OverrideAction(OverrideAction.Kind.DISABLE, name, parent.forceOption(true, spec));
        }
    }

    @Command(name = "clear-override", mixinStandardHelpOptions = true, description = "Same as --clear-override NAME.")
    static final class ClearOverride extends Named {
        @Override
        Action action() {
            return new OverrideAction(OverrideAction.Kind.CLEAR, name, parent.forceOption(true, spec));
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true, description = "Same as --test NAME.")
    static final class Test extends Named {
        @Override
        Action action() {
            parent.forceOption(false, spec);
            return new TestAction(name, parent.timeoutOption(true, spec));
        }
    }

    @Command(name = "health-check", mixinStandardHelpOptions = true, description = "Same as --health-check.")
    static final class HealthCheck extends Base {
        @Override
        Action action() {
            return new HealthCheckAction(parent.timeoutOption(true, spec));
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
