package dev.llmservice.cli.action;

import dev.llmservice.config.SecretMasker;
import dev.llmservice.json.Json;
import dev.llmservice.operations.ProviderOperations;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What an action runs against and writes to: the operations (this machine's providers or a server's), where they
 * live, the output mode, and standard output and error, every line masked by the {@link SecretMasker}.
 *
 * @param operations the providers operated on
 * @param where      for headings: {@code overrides: /home/u/.llm-service/state.json} locally, {@code server:
 *                   http://host:8080} with {@code --url}
 * @param server     the server's URL with {@code --url}, else {@code null}
 * @param json       {@code --json}: standard output holds one JSON document and nothing else
 * @param terminal   whether a person is watching (progress output only then)
 */
public record Session(ProviderOperations operations, String where, String server, boolean json,
                      BooleanSupplier terminal, PrintWriter out, PrintWriter err, SecretMasker redactor,
                      String commandName) {

    public Session {
        Objects.requireNonNull(operations, "operations");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(redactor, "redactor");
    }

    /** Whether the operations are a server's. */
    public boolean remote() {
        return server != null;
    }

    /** {@code text} on standard output, as it is (it ends with its own line separator). */
    public void print(String text) {
        out.print(redactor.redact(text));
        out.flush();
    }

    /** {@code document} as indented JSON on standard output. */
    public void printJson(Object document) {
        print(Json.pretty(document) + System.lineSeparator());
    }

    /** One line on standard error, after the command's name: {@code llm-providers: warning: ...}. */
    public void warn(String line) {
        err.println(redactor.redact(commandName + ": " + line));
        err.flush();
    }

    /** One line on standard error as it is (a retry being waited for). */
    public void note(String line) {
        err.println(redactor.redact(line));
        err.flush();
    }

    /** Writes {@code text} over the current line of standard error (progress on a terminal). */
    public void progress(String text) {
        err.print(redactor.redact(text));
        err.flush();
    }
}
