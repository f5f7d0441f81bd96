package dev.llmservice.shared;

import dev.llmservice.config.ConfigProblem;
import dev.llmservice.config.Environment;
import dev.llmservice.state.OverrideStore;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whether and where the replicas of a service share their state, read from the environment by
 * {@link #load(Environment)}.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable</th><th>accepted</th><th>default</th></tr>
 *   <tr><td>{@code LLM_STATE_URL}</td><td>{@link StateUrl#ACCEPTED}</td><td>none: overrides in the state file,
 *       circuits in the process</td></tr>
 *   <tr><td>{@code LLM_INSTANCE_ID}</td><td>this replica's name in status and logs: 1 to 64 letters, digits,
 *       {@code . _ : -}</td><td>{@code host:pid}</td></tr>
 *   <tr><td>{@code LLM_STATE_FILE}</td><td>a file's path</td><td>{@code ~/.llm-service/state.json}: the overrides
 *       without {@code LLM_STATE_URL}; with it, the local mirror of the overrides last read from the shared store,
 *       applied by a process that starts while the store cannot be reached</td></tr>
 * </table>
 *
 * @param url       where the state is shared; {@code null}: not shared
 * @param replicaId this replica's id
 * @param stateFile the state file: the overrides when not shared, their local mirror when shared
 */
public record SharedStateSettings(StateUrl url, String replicaId, Path stateFile) {

    public SharedStateSettings {
        Objects.requireNonNull(replicaId, "replicaId");
        Objects.requireNonNull(stateFile, "stateFile");
    }

    public static final String URL_VARIABLE = "LLM_STATE_URL";
    public static final String INSTANCE_ID_VARIABLE = "LLM_INSTANCE_ID";
    /** What {@code LLM_INSTANCE_ID} accepts. */
    public static final String INSTANCE_ID_ACCEPTED = "1 to 64 letters, digits, '.', '_', ':' or '-'";

    /**
     * The settings {@code env} gives.
     *
     * @throws InvalidSharedStateSettingsException naming {@code LLM_STATE_URL} (its password shown as {@code …}) or
     *                                  {@code LLM_INSTANCE_ID}, the value and what was expected
     */
    public static SharedStateSettings load(Environment env) {
        List<ConfigProblem> problems = new ArrayList<>();
        StateUrl url = null;
        String raw = value(env, URL_VARIABLE);
        if (raw != null) {
            try {
                url = StateUrl.parse(raw);
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(URL_VARIABLE, StateUrl.redact(raw),
                        StateUrl.ACCEPTED + " (" + e.getMessage() + ")"));
            }
        }
        String id = value(env, INSTANCE_ID_VARIABLE);
        if (id != null && !id.matches("[A-Za-z0-9._:-]{1,64}")) {
            problems.add(new ConfigProblem(INSTANCE_ID_VARIABLE, id, INSTANCE_ID_ACCEPTED));
        }
        if (!problems.isEmpty()) {
            throw new InvalidSharedStateSettingsException(problems);
        }
        return new SharedStateSettings(url, id != null ? id : defaultReplicaId(env), OverrideStore.defaultPath(env));
    }

    /** These settings with another state file (the starter's {@code llm.state.file}). */
    public SharedStateSettings withStateFile(Path file) {
        return new SharedStateSettings(url, replicaId, file);
    }

    /** Whether the state is shared ({@code LLM_STATE_URL} is set). */
    public boolean shared() {
        return url != null;
    }

    /** {@code HOSTNAME} (or the host's name), a colon and the process id: {@code web-2:4242}. */
    static String defaultReplicaId(Environment env) {
        String host = value(env, "HOSTNAME");
        if (host == null) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "localhost";
            }
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    private static String value(Environment env, String name) {
        String raw = env.get(name);
        return raw == null || raw.isBlank() ? null : raw.strip();
    }
}
