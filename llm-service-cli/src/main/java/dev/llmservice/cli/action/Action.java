package dev.llmservice.cli.action;

/**
 * One {@code llm-providers} action: calls its operation, shows the report (a table by default, the report's JSON
 * with {@code --json}) and says the exit code. The same action runs against this machine's providers and, with
 * {@code --url}, a server's: the reports are the same documents.
 */
@FunctionalInterface
public interface Action {

    /** @return the exit code ({@link dev.llmservice.cli.ExitCode}) */
    int run(Session session);
}
