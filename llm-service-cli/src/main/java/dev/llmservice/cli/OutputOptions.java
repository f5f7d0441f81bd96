package dev.llmservice.cli;

import picocli.CommandLine.Option;

/**
 * {@code --json} and {@code --verbose}, as a mixin so that subcommands (e.g. {@code consensus}) offer the same
 * switches with the same meaning: {@code @Mixin OutputOptions output;}.
 */
public final class OutputOptions {

    /** The slf4j-simple setting the CLI's {@code simplelogger.properties} defaults to {@code warn}. */
    static final String DEFAULT_LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    /** The factory's per-provider lines repeat what every command prints; shown only with {@code --verbose}. */
    static final String FACTORY_LOG_LEVEL = "org.slf4j.simpleLogger.log.dev.llmservice.factory.ProviderFactory";

    @Option(names = "--json", description = "Print one JSON document on standard output (snake_case keys) and "
            + "nothing else; warnings and logs go to standard error.")
    boolean json;

    @Option(names = "--verbose", description = "Log what happens (info level, on standard error) and print the "
            + "stack trace of an unexpected error.")
    boolean verbose;

    public boolean json() {
        return json;
    }

    public boolean verbose() {
        return verbose;
    }

    /**
     * Raises the log level for {@code --verbose}. Takes effect only before the first logger is created, which
     * is why commands call it first thing.
     */
    public void applyLogLevel() {
        if (verbose) {
            System.setProperty(DEFAULT_LOG_LEVEL, "info");
            System.setProperty(FACTORY_LOG_LEVEL, "info");
        }
    }
}
