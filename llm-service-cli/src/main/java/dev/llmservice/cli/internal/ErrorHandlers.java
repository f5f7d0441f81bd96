package dev.llmservice.cli.internal;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MaxValuesExceededException;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import dev.llmservice.config.SecretMasker;
import dev.llmservice.operations.InvalidSettingsException;
import dev.llmservice.shared.InvalidSharedStateSettingsException;
import dev.llmservice.shared.SharedStateException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One line on standard error instead of picocli's usage dump or a stack trace:
 * {@code llm-providers: unknown provider 'foo'; expected one of: anthropic, openai, gemini, grok}.
 */
public final class ErrorHandlers {

    private ErrorHandlers() {
    }

    /**
     * A usage error thrown by a command itself (e.g. an unknown provider name); its message is complete, so no
     * hint is added.
     */
    public static final class UsageError extends ParameterException {
        public UsageError(CommandLine commandLine, String message) {
            super(commandLine, message);
        }
    }

    /** Usage errors: one line, exit code {@code exitCodeOnInvalidInput} (2). */
    public static IParameterExceptionHandler usage(Supplier<SecretMasker> redactor) {
        return (ParameterException ex, String[] args) -> {
            CommandLine cmd = ex.getCommandLine();
            String name = cmd.getCommandSpec().qualifiedName();
            String message = ex instanceof UsageError
                    ? ex.getMessage()
                    : describe(ex, args) + "; see '" + name + " --help'";
            PrintWriter err = cmd.getErr();
            err.println(name + ": " + oneLine(redact(redactor, message)));
            err.flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        };
    }

    /**
     * Anything unexpected: one line, exit code {@code exitCodeOnExecutionException} (1); a stack trace only with
     * {@code --verbose}. Invalid settings found on the way (e.g. {@code LLM_STATE_URL}) are a usage error instead:
     * one line per problem, exit code {@code exitCodeOnInvalidInput} (2).
     */
    public static IExecutionExceptionHandler unexpected(Supplier<SecretMasker> redactor) {
        return (Exception ex, CommandLine cmd, ParseResult parseResult) -> {
            PrintWriter err = cmd.getErr();
            String name = cmd.getCommandSpec().qualifiedName();
            if (ex instanceof InvalidSettingsException || ex instanceof InvalidSharedStateSettingsException
                    || ex instanceof SharedStateException) {
                List<String> lines = ex instanceof InvalidSettingsException invalid ? invalid.lines()
                        : ex instanceof InvalidSharedStateSettingsException shared ? shared.lines()
                        : List.of(ex.getMessage());
                lines.forEach(line -> err.println(name + ": " + oneLine(redact(redactor, line))));
                err.flush();
                return cmd.getCommandSpec().exitCodeOnInvalidInput();
            }
            String detail = ex.getMessage() == null || ex.getMessage().isBlank()
                    ? ex.getClass().getName()
                    : ex.getMessage();
            err.println(name + ": error: " + oneLine(redact(redactor, detail)));
            if (verbose(parseResult)) {
                StringWriter trace = new StringWriter();
                ex.printStackTrace(new PrintWriter(trace));
                err.print(redact(redactor, trace.toString()));
            }
            err.flush();
            return cmd.getCommandSpec().exitCodeOnExecutionException();
        };
    }

    private static String describe(ParameterException ex, String[] args) {
        if (ex instanceof UnmatchedArgumentException unmatched) {
            List<String> unmatchedArgs = unmatched.getUnmatched();
            String first = unmatchedArgs.isEmpty() ? "" : unmatchedArgs.get(0);
            // picocli suggests any subcommand for a stray word ('anthropic': "did you mean health-check?"); only
            // a near miss that starts the same is worth a hint.
            List<String> suggestions = unmatched.getSuggestions().stream()
                    .filter(s -> first.length() >= 2 && s.replaceFirst("^-+", "").startsWith(
                            first.replaceFirst("^-+", "").substring(0, Math.min(2, first.replaceFirst("^-+", "").length()))))
                    .toList();
            String hint = suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)";
            return (unmatched.isUnknownOption()
                    ? "unknown option '" + first + "'" : "unexpected argument '" + first + "'") + hint;
        }
        if (ex instanceof MissingParameterException) {
            return lowerFirst(ex.getMessage());
        }
        if (ex instanceof MaxValuesExceededException) {
            // picocli says "expected only one match but got [--status | --list | ...]={--status} and ..."
            String repeated = firstRepeatedOption(args);
            if (repeated != null) {
                return "option '" + repeated + "' should be specified only once";
            }
        }
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        return lowerFirst(message.replaceFirst("^Error: ", ""));
    }

    private static String firstRepeatedOption(String[] args) {
        Set<String> seen = new HashSet<>();
        for (String arg : args) {
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (option.startsWith("-") && !seen.add(option)) {
                return option;
            }
        }
        return null;
    }

    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String redact(Supplier<SecretMasker> redactor, String text) {
        try {
            return redactor.get().redact(text);
        } catch (RuntimeException e) {
            // Reading the environment failed while reporting another failure; the core masks keys anyway.
            return text;
        }
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String lowerFirst(String s) {
        if (s.isEmpty() || (s.length() > 1 && Character.isUpperCase(s.charAt(1)))) {
            return s;
        }
        return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
